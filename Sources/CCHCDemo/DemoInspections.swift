import CCHCCore
import Foundation
import WorkCalendar

/// This year's inspection of commune one-stop desks: three communes planned, two visited; findings, a
/// recommendation per shortcoming (tasks of the commune, one done), and a reprimand whose name only reform
/// staff and the steering committee see.
struct DemoInspections {
    let store: any Store
    let now: Date

    func generate() async throws -> Int {
        guard let staff = try await store.users.find(username: "noivu") else { return 0 }
        let today = VietnamTime.localDate(of: now)
        let year = today.year
        func day(_ month: Int, _ dayOfMonth: Int) -> LocalDate { LocalDate(year: year, month: month, day: dayOfMonth)! }
        guard today > day(10, 31) else { return 0 }
        let tree = try await store.units.tree()
        let communes = tree.units.filter { $0.kind == .commune && $0.isEffective(on: today) }.prefix(3)
        guard communes.count == 3 else { return 0 }
        let service = InspectionService(store: store)
        let checklist = [
            "Niêm yết công khai TTHC tại Bộ phận Một cửa", "Sổ theo dõi hồ sơ được lập và cập nhật", "Gửi thư xin lỗi khi hồ sơ trễ hạn",
            "Trả kết quả đúng hẹn",
        ]
        var inspection = try await service.plan(
            title: "Kiểm tra CCHC tại Bộ phận Một cửa cấp xã năm \(year) (demo)", decision: "310/QĐ-SNV (demo)", signedOn: day(8, 1).description,
            team: [.init(name: "Quách Văn Hiếu (demo)", role: "Trưởng đoàn"), .init(name: "Kiều Thị Ngân (demo)", role: "Thành viên")],
            checklist: checklist,
            visits: communes.enumerated().map { index, unit in .init(unitCode: unit.code, day: day(9 + index, 15).description) }, by: staff,
            now: VietnamTime.instant(on: day(8, 1), secondsOfDay: 9 * 3600))
        let visits: [(results: [String], findings: [(String, String)], recommendations: [(String, LocalDate)], discipline: [Inspection.Discipline])] = [
            (
                ["met", "not_met", "not_met", "met"],
                [("major", "Sổ theo dõi hồ sơ không ghi ngày trả kết quả (demo)"), ("serious", "12 hồ sơ trễ hạn không có thư xin lỗi (demo)")],
                [("Lập lại sổ theo dõi hồ sơ theo mẫu (demo)", day(10, 15)), ("Gửi thư xin lỗi cho người dân có hồ sơ trễ hạn (demo)", day(10, 31))],
                [.init(person: "Nguyễn Văn Tư (demo)", position: "Công chức Một cửa", measure: "Khiển trách", decision: "45/QĐ-UBND (demo)")]
            ),
            (
                ["met", "met", "not_applicable", "not_met"], [("minor", "Bảng niêm yết thiếu hai TTHC mới công bố (demo)")],
                [("Bổ sung niêm yết (demo)", day(11, 20))], []
            ),
        ]
        for (index, entry) in visits.enumerated() {
            let unit = communes[communes.startIndex + index]
            let visited = day(9 + index, 15)
            inspection = try await service.recordVisit(
                code: inspection.code, unitCode: unit.code,
                .init(
                    visitedOn: visited.description, results: entry.results, findings: entry.findings.map { (severity: $0.0, text: $0.1) },
                    recommendations: entry.recommendations.map { (text: $0.0, dueOn: $0.1.description) }, discipline: entry.discipline),
                expectedVersion: inspection.version, by: staff, now: VietnamTime.instant(on: visited, secondsOfDay: 16 * 3600))
        }
        // The first recommendation was carried out in time.
        if let code = inspection.visits.first?.recommendations.first?.taskCode, let task = try await store.tasks.find(code: code) {
            _ = try await TaskService(store: store).complete(
                code: code, note: "Đã lập lại sổ theo dõi (demo)", expectedVersion: task.version, by: staff,
                now: VietnamTime.instant(on: day(10, 10), secondsOfDay: 10 * 3600))
        }
        return 1
    }
}
