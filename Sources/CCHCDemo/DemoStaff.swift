import CCHCCore
import Foundation

/// The officials who work the demo dossiers: specialists and leaders of the departments that decide them,
/// and a desk, a specialist and a leader in six communes. They share the demo password.
enum DemoStaff {
    /// Communes (by position in `DemoUnits.communes`) whose desks take dossiers in the demo.
    static let staffedCommunes = [0, 1, 6, 7, 8, 29]

    static var accounts: [DemoData.Account] {
        var accounts: [DemoData.Account] = [
            .init(username: "xaydung.chuyenvien", fullName: "Đoàn Minh Khoa (Sở Xây dựng, demo)", role: .specialist, unitCode: DemoProcedures.construction),
            .init(username: "xaydung.lanhdao", fullName: "Lâm Quốc Bảo (Giám đốc Sở Xây dựng, demo)", role: .unitLeader, unitCode: DemoProcedures.construction),
            .init(username: "noivu.chuyenvien", fullName: "Kiều Thị Ngân (Sở Nội vụ, demo)", role: .specialist, unitCode: DemoUnits.homeAffairsCode),
            .init(username: "noivu.lanhdao", fullName: "Quách Văn Hiếu (Giám đốc Sở Nội vụ, demo)", role: .unitLeader, unitCode: DemoUnits.homeAffairsCode),
            .init(username: "thue.chuyenvien", fullName: "Mạc Thị Hằng (Thuế tỉnh, demo)", role: .specialist, unitCode: DemoProcedures.tax),
            .init(username: "thue.lanhdao", fullName: "Tôn Thất Dũng (Thuế tỉnh, demo)", role: .unitLeader, unitCode: DemoProcedures.tax),
            .init(username: "bhxh.chuyenvien", fullName: "Giang Thị Yến (BHXH tỉnh, demo)", role: .specialist, unitCode: DemoProcedures.socialInsurance),
            .init(username: "bhxh.lanhdao", fullName: "Ông Văn Lực (BHXH tỉnh, demo)", role: .unitLeader, unitCode: DemoProcedures.socialInsurance),
        ]
        for index in staffedCommunes {
            let commune = DemoUnits.communes[index]
            let number = 60 + index
            // The first commune's desk officer also processes dossiers as a specialist, as commune staff often do.
            let alsoSpecialist = index == staffedCommunes[0] ? [GrantInput(.specialist, unitCode: "000.00.\(number).H99")] : []
            accounts += [
                .init(
                    username: "xa\(number).motcua", fullName: "Một cửa \(commune.shortName) (demo)", role: .deskOfficer, unitCode: "000.01.\(number).H99",
                    alsoHolds: alsoSpecialist),
                .init(
                    username: "xa\(number).chuyenvien", fullName: "Công chức \(commune.shortName) (demo)", role: .specialist, unitCode: "000.00.\(number).H99"),
                .init(
                    username: "xa\(number).lanhdao", fullName: "Chủ tịch UBND \(commune.shortName) (demo)", role: .unitLeader, unitCode: "000.00.\(number).H99"),
            ]
        }
        return accounts
    }

    /// Every demo official in the store (the main demo accounts included).
    static func users(_ store: any Store) async throws -> [User] {
        var users: [User] = []
        for account in DemoData.accounts + accounts where account.role != .citizen {
            if let user = try await store.users.find(username: account.username) { users.append(user) }
        }
        return users
    }
}
