import CCHCCore
import Foundation
import WorkCalendar

/// The steering committee as the seeds report it: a decision renewing it (the chairman as head), two meetings
/// of this year with their conclusion notices; the first's directives done, the second's partly open, one
/// past its day.
struct DemoSteering {
    let store: any Store
    let now: Date

    func generate() async throws -> Int {
        guard let staff = try await store.users.find(username: "noivu") else { return 0 }
        let service = SteeringService(store: store)
        let leaders = try await DemoStaffDirectory(store: store)
        let today = VietnamTime.localDate(of: now)
        let year = today.year
        func day(_ month: Int, _ dayOfMonth: Int) -> LocalDate { LocalDate(year: year, month: month, day: dayOfMonth)! }
        func at(_ date: LocalDate) -> Date { VietnamTime.instant(on: date, secondsOfDay: 10 * 3600) }
        guard today > day(9, 30) else { return 0 }
        let members: [SteeringService.MemberInput] = [
            .init(name: "Nguyễn Văn An (demo)", position: "Chủ tịch UBND tỉnh", role: "head", unitCode: DemoUnits.provinceCode),
            .init(name: "Trần Thị Bình (demo)", position: "Phó Chủ tịch UBND tỉnh", role: "deputy", unitCode: DemoUnits.provinceCode),
            .init(name: "Quách Văn Hiếu (demo)", position: "Giám đốc Sở Nội vụ", role: "deputy", unitCode: DemoUnits.homeAffairsCode),
            .init(name: "Lâm Quốc Bảo (demo)", position: "Giám đốc Sở Xây dựng", role: "member", unitCode: DemoProcedures.construction),
            .init(
                name: "Phạm Minh Châu (demo)", position: "Giám đốc Sở Nông nghiệp và Môi trường", role: "member", unitCode: DemoUnits.agricultureEnvironmentCode
            ),
            .init(name: "Lê Thu Hà (demo)", position: "Trưởng phòng CCHC, Sở Nội vụ", role: "secretary", unitCode: DemoUnits.homeAffairsCode),
        ]
        _ = try await service.recordCommittee(
            decision: "Quyết định 215/QĐ-UBND (demo)", signedOn: day(1, 15).description, members: members, by: staff, now: at(day(1, 15)))

        let meetings: [(held: LocalDate, title: String, notice: String, directives: [(String, String, LocalDate)])] = [
            (
                day(4, 10), "Họp Ban Chỉ đạo CCHC quý I", "45/TB-UBND (demo)",
                [
                    ("Rà soát, công khai đầy đủ TTHC lĩnh vực xây dựng tại Bộ phận Một cửa", DemoProcedures.construction, day(5, 30)),
                    ("Giảm tỉ lệ hồ sơ đất đai trễ hạn, xin lỗi người dân đúng quy định", DemoUnits.agricultureEnvironmentCode, day(6, 30)),
                ]
            ),
            (
                day(9, 25), "Họp Ban Chỉ đạo CCHC 9 tháng", "112/TB-UBND (demo)",
                [
                    ("Số hóa hồ sơ, kết quả giải quyết TTHC lĩnh vực đất đai đạt 80 %", DemoUnits.agricultureEnvironmentCode, day(10, 31)),
                    ("Kiểm tra đột xuất Bộ phận Một cửa cấp xã có nhiều hồ sơ trễ hạn", DemoUnits.homeAffairsCode, day(11, 30)),
                    ("Hoàn thành cắt giảm thời gian giải quyết TTHC xây dựng", DemoProcedures.construction, day(12, 31)),
                ]
            ),
        ]
        for (number, entry) in meetings.enumerated() {
            var meeting = try await service.recordMeeting(
                title: entry.title, heldOn: entry.held.description, place: "Hội trường UBND tỉnh", chair: "Nguyễn Văn An, Chủ tịch UBND tỉnh (demo)",
                agenda: "Đánh giá kết quả CCHC của kỳ\nTình hình giải quyết hồ sơ trễ hạn\nNhiệm vụ trọng tâm kỳ tới",
                present: Set(0..<members.count).subtracting([number == 0 ? 4 : 1]), delegates: number == 0 ? [4: "Phó Giám đốc Sở (demo)"] : [:],
                minutes: "Các thành viên báo cáo kết quả; Trưởng ban kết luận các nội dung dưới đây (dữ liệu mẫu).", by: staff, now: at(entry.held))
            let notice = LocalDate(dayNumber: entry.held.dayNumber + 3)
            meeting = try await service.conclude(
                code: meeting.code, noticeNumber: entry.notice, noticeOn: notice.description,
                directives: entry.directives.map { .init(text: $0.0 + " (demo)", unitCodes: $0.1, dueOn: $0.2.description) },
                expectedVersion: meeting.version, by: staff, now: at(notice))
            // The first meeting's directives are done; of the second's only the first, late.
            let done = number == 0 ? meeting.directives : Array(meeting.directives.prefix(1))
            for (position, directive) in done.enumerated() {
                for code in directive.taskCodes {
                    guard let task = try await store.tasks.find(code: code), let unit = try await store.units.find(id: task.unitID) else { continue }
                    let finished =
                        number == 0 ? LocalDate(dayNumber: directive.dueOn.dayNumber - 5 + position) : LocalDate(dayNumber: directive.dueOn.dayNumber + 6)
                    _ = try await TaskService(store: store).complete(
                        code: code, note: "Đã thực hiện, có văn bản báo cáo (demo)", expectedVersion: task.version, by: leaders.leader(of: unit.code),
                        now: at(finished))
                }
            }
        }
        return meetings.count
    }
}
