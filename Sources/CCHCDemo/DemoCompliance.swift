import CCHCCore
import Foundation
import WorkCalendar

/// The seeds' compliance counts: every department set up its steering committee (19/19 in the seed; all of
/// the demo's here), every head signed the commitment, and the annual plan issued by all but two.
struct DemoCompliance {
    let store: any Store
    let now: Date

    func generate() async throws -> Int {
        guard let staff = try await store.users.find(username: "noivu") else { return 0 }
        let service = ComplianceService(store: store)
        let leaders = try await DemoStaffDirectory(store: store)
        let year = VietnamTime.localDate(of: now).year
        let tree = try await store.units.tree()
        let requirements: [(title: String, missing: Int)] = [
            ("Kiện toàn Ban Chỉ đạo CCHC của đơn vị (demo)", 0), ("Người đứng đầu ký cam kết thực hiện CCHC năm \(year) (demo)", 0),
            ("Ban hành kế hoạch CCHC năm \(year) (demo)", 2),
        ]
        for (index, entry) in requirements.enumerated() {
            var requirement = try await service.create(
                title: entry.title, dueOn: "\(year)-0\(index + 1)-31".replacingOccurrences(of: "-02-31", with: "-02-28"), audience: "departments",
                unitCodes: "", by: staff, now: now.addingTimeInterval(-300 * 86_400))
            for unitID in requirement.unitIDs.dropLast(entry.missing) {
                guard let unit = tree.unit(id: unitID) else { continue }
                requirement = try await service.answer(
                    code: requirement.code, unitCode: unit.code, done: true, note: "Văn bản số \(index + 10)/QĐ của đơn vị (demo)", link: "",
                    expectedVersion: requirement.version, by: leaders.leader(of: unit.code), now: now.addingTimeInterval(-250 * 86_400))
            }
        }
        return requirements.count
    }
}
