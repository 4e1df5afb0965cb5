import CCHCCore
import Foundation

/// Loads the demo province and one account per role, through the same rules as real data. Loading twice
/// changes nothing the second time. Demo accounts can log in only while the server runs with `--demo`.
enum DemoData {
    static let password = "cchc-demo"

    struct Account {
        var username: String
        var fullName: String
        var role: Role
        var unitCode: String?
    }

    static let accounts: [Account] = [
        Account(username: "admin", fullName: "Quản trị hệ thống (demo)", role: .admin, unitCode: DemoUnits.provinceCode),
        Account(username: "bcd", fullName: "Trần Minh Quang (Ban Chỉ đạo, demo)", role: .steeringCommittee, unitCode: DemoUnits.provinceCode),
        Account(username: "noivu", fullName: "Lê Thu Hà (Sở Nội vụ, demo)", role: .reformStaff, unitCode: DemoUnits.homeAffairsCode),
        Account(username: "lanhdao", fullName: "Võ Thành Nam (Giám đốc Sở NN&MT, demo)", role: .unitLeader, unitCode: DemoUnits.agricultureEnvironmentCode),
        Account(username: "chuyenvien", fullName: "Hoàng Văn Bình (chuyên viên, demo)", role: .specialist, unitCode: DemoUnits.agricultureEnvironmentCode),
        Account(username: "motcua", fullName: "Phạm Ngọc Lan (Bộ phận Một cửa, demo)", role: .deskOfficer, unitCode: DemoUnits.provincialCentreCode),
        Account(username: "congdan", fullName: "Nguyễn Thị Mai (công dân, demo)", role: .citizen, unitCode: nil),
    ]

    struct Result {
        var unitsCreated: Int
        var accountsCreated: Int
    }

    static func load(store: any Store, hasher: any CCHCCore.PasswordHasher, now: Date) async throws -> Result {
        var result = Result(unitsCreated: 0, accountsCreated: 0)
        if try await store.units.find(code: DemoUnits.provinceCode) == nil {
            let plan = try await store.units.importUnits(DemoUnits.rows, now: now)
            if let first = plan.errors.first {
                preconditionFailure("Demo units break a rule on line \(first.line): \(first.error.field) \(first.error.code)")
            }
            result.unitsCreated = plan.created.count
        }
        let accounts = UserAccounts(store: store, hasher: hasher)
        for account in Self.accounts where try await store.users.find(username: account.username) == nil {
            _ = try await accounts.create(
                NewUser(username: account.username, fullName: account.fullName, role: account.role, unitCode: account.unitCode,
                        password: password, isDemo: true),
                actor: nil, address: nil, now: now)
            result.accountsCreated += 1
        }
        return result
    }

    /// The lines `serve --demo` and `demo load` print.
    static var accountList: String {
        let width = accounts.map(\.username.count).max() ?? 0
        return accounts.map { account in
            "  " + account.username.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(password)  \(account.role.rawValue)"
        }.joined(separator: "\n")
    }
}
