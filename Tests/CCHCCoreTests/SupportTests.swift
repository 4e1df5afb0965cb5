import CSVFormat
import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Accent-insensitive search")
struct SearchTextTests {
    @Test(arguments: [
        ("Đất đai", "dat dai"), ("  Sở   Nội vụ ", "so noi vu"), ("Hộ KINH DOANH", "ho kinh doanh"),
        ("Ủy ban nhân dân", "uy ban nhan dan"), ("Đắk Lắk", "dak lak"), ("Xã Ea Rông", "xa ea rong"),
        ("000.00.00.H12", "000.00.00.h12"),
    ])
    func folds(text: String, folded: String) {
        #expect(SearchText.fold(text) == folded)
    }

    @Test func decomposedInputFoldsTheSame() {
        let decomposed = "Đa\u{0301}t đai"
        #expect(SearchText.fold(decomposed) == "dat dai")
    }

    @Test func matchesEveryWord() {
        #expect(SearchText.matches("dat dai", in: "Lĩnh vực Đất đai"))
        #expect(SearchText.matches("DAI dat", in: "Đất đai"))
        #expect(!SearchText.matches("dat xay", in: "Đất đai"))
    }
}

@Suite("Login throttle")
struct LoginThrottleTests {
    let throttle = LoginThrottle(maximumFailuresPerAccount: 5, maximumFailuresPerAddress: 20, window: 900, lockDuration: 900)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fiveFailuresWithinTheWindowLockForFifteenMinutes() {
        let failures = (0..<5).map { start.addingTimeInterval(Double($0) * 60) }
        let last = failures.last!
        #expect(throttle.lockedUntil(failures: Array(failures.prefix(4)), maximum: 5, now: last) == nil)
        #expect(throttle.lockedUntil(failures: failures, maximum: 5, now: last) == last.addingTimeInterval(900))
        #expect(throttle.lockedUntil(failures: failures, maximum: 5, now: last.addingTimeInterval(899)) != nil)
        #expect(throttle.lockedUntil(failures: failures, maximum: 5, now: last.addingTimeInterval(900)) == nil)
    }

    @Test func failuresSpreadBeyondTheWindowDoNotLock() {
        let failures = (0..<5).map { start.addingTimeInterval(Double($0) * 300) }
        #expect(throttle.lockedUntil(failures: failures, maximum: 5, now: failures.last!) == nil)
    }

    @Test func lookbackCoversTheLongerOfWindowAndLock() {
        let long = LoginThrottle(window: 600, lockDuration: 3600)
        #expect(long.lookback(from: start) == start.addingTimeInterval(-3600))
    }
}

@Suite("Account rules")
struct AccountRulesTests {
    @Test(arguments: ["ab", "Ab c", "-abc", "nguyễn", String(repeating: "a", count: 65)])
    func invalidUsernames(username: String) {
        #expect(AccountRules.usernameErrors(AccountRules.normalizeUsername(username)).map(\.code) == ["user.username.invalid"])
    }

    @Test(arguments: ["abc", "nguyen.van.a", "motcua_01", "x-y", " Admin "])
    func validUsernames(username: String) {
        #expect(AccountRules.usernameErrors(AccountRules.normalizeUsername(username)).isEmpty)
    }

    @Test func passwordPolicy() {
        #expect(AccountRules.passwordErrors("short", username: "a").map(\.code) == ["user.password.too_short"])
        #expect(AccountRules.passwordErrors("nguyenvana", username: "NguyenVanA").map(\.code) == ["user.password.same_as_username"])
        #expect(AccountRules.passwordErrors(String(repeating: "ă", count: 40), username: "a").map(\.code) == ["user.password.too_long"])
        #expect(AccountRules.passwordErrors("đủ dài rồi", username: "a").isEmpty)
    }

    @Test func unitsByRole() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let province = OrgUnit(
            code: "P", name: "Tỉnh", shortName: "T", kind: .province, parentID: nil, effectiveFrom: LocalDate("2000-01-01")!, createdAt: now, updatedAt: now)
        let closed = OrgUnit(
            code: "C", name: "Sở cũ", shortName: "SC", kind: .department, parentID: province.id, effectiveFrom: LocalDate("2000-01-01")!,
            effectiveTo: LocalDate("2025-03-01")!, createdAt: now, updatedAt: now)
        let tree = UnitTree([province, closed])
        let today = LocalDate("2026-01-01")!
        #expect(AccountRules.resolveUnit(code: nil, role: .specialist, in: tree, today: today).errors.map(\.code) == ["user.unit.required"])
        #expect(AccountRules.resolveUnit(code: nil, role: .admin, in: tree, today: today).errors.isEmpty)
        #expect(AccountRules.resolveUnit(code: "p", role: .citizen, in: tree, today: today).errors.map(\.code) == ["user.unit.not_for_citizen"])
        #expect(AccountRules.resolveUnit(code: "C", role: .specialist, in: tree, today: today).errors.map(\.code) == ["user.unit.closed"])
        #expect(AccountRules.resolveUnit(code: "p", role: .specialist, in: tree, today: today).unit?.id == province.id)
    }

    @Test("Roles: deny by default, one table")
    func rolePermissions() {
        #expect(Role.citizen.permissions == [.fileOwnDossiers])
        #expect(Role.admin.permissions == Set(Permission.allCases).subtracting([.handleDossiers, .fileOwnDossiers]))
        #expect(!Role.steeringCommittee.permissions.contains(.manageUnits))
        #expect(!Role.specialist.permissions.contains(.viewUsers))
        #expect(Role.unitLeader.reach == .unitSubtree)
        let disabled = User(username: "a", fullName: "A", role: .admin, unitID: nil, isActive: false, createdAt: .now, updatedAt: .now)
        #expect(!disabled.can(.viewUnits))
    }
}

@Suite("Unit CSV")
struct UnitCSVTests {
    @Test func exportThenParseGivesTheSameRows() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let province = OrgUnit(
            code: "P", name: "Tỉnh \"Mẫu\", A", shortName: "T", kind: .province, parentID: nil, effectiveFrom: LocalDate("2000-01-01")!, createdAt: now,
            updatedAt: now)
        let new = OrgUnit(
            code: "N", name: "Xã mới", shortName: "XM", kind: .commune, parentID: province.id, effectiveFrom: LocalDate("2025-07-01")!, createdAt: now,
            updatedAt: now)
        let old = OrgUnit(
            code: "O", name: "Xã cũ", shortName: "XC", kind: .commune, parentID: province.id, effectiveFrom: LocalDate("2000-01-01")!,
            effectiveTo: LocalDate("2025-07-01")!, successorID: new.id, createdAt: now, updatedAt: now)
        let text = UnitCSV.export(UnitTree([province, new, old]))
        #expect(text.hasPrefix(CSV.byteOrderMark + "code,name,shortName,kind,parentCode,effectiveFrom,effectiveTo,successorCode\r\n"))
        let (rows, errors) = UnitCSV.parse(text)
        #expect(errors.isEmpty)
        #expect(rows.map(\.code) == ["P", "N", "O"])
        #expect(rows[0].name == "Tỉnh \"Mẫu\", A")
        #expect(rows[2].successorCode == "N" && rows[2].effectiveTo == LocalDate("2025-07-01"))
        #expect(rows[1].parentCode == "P")
    }

    @Test func reportsUnreadableLines() {
        let text = "code,name,shortName,kind,parentCode,effectiveFrom\nA,Tên,T,galaxy,,2025-01-01\nB,Tên,T,province,,31/02/2025\n,Tên,T,province,,01/02/2025\n"
        let (rows, errors) = UnitCSV.parse(text)
        #expect(rows.isEmpty)
        #expect(errors.map { "\($0.line) \($0.error.field)" } == ["2 kind", "3 effectiveFrom", "4 code"])
        #expect(UnitCSV.parse("code,name\nA,B\n").errors.first?.error.code == "csv.missing_columns")
        #expect(UnitCSV.parse("").errors.first?.error.code == "csv.empty")
    }
}

@Suite("Hexadecimal digests")
struct HexTests {
    @Test func everyByteIsTwoLowerCaseDigits() {
        #expect([UInt8]().hexString == "")
        #expect([0x00, 0x0F, 0xA5, 0xFF].hexString == "000fa5ff")
        #expect((0...255).map(UInt8.init).hexString == (0...255).map { String($0, radix: 16).leftPadded(to: 2) }.joined())
    }
}

@Suite("Comparing secrets")
struct ConstantTimeTests {
    @Test func equalOnlyWhenEveryByteIs() {
        #expect("a1b2c3".constantTimeEquals("a1b2c3"))
        #expect("".constantTimeEquals(""))
        #expect(!"a1b2c3".constantTimeEquals("a1b2c4"))
        #expect(!"a1b2c3".constantTimeEquals("b1b2c3"))
        #expect(!"a1b2c3".constantTimeEquals("a1b2c"))
        #expect(!"a1b2c".constantTimeEquals("a1b2c3"))
        #expect(!"đ".constantTimeEquals("d"))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

@Suite("Secret tokens")
struct SecretTokenTests {
    @Test("Base64url is Foundation's base64 with - and _ and no padding, for every length of a chunk")
    func base64URLMatchesFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(SecretToken.base64URL(bytes) == expected)
        }
        #expect(SecretToken.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(SecretToken.generate(prefix: "cchc_").count == 5 + 43)
    }
}
