import Foundation

/// Passwords refused because attackers try them first: the most common ones worldwide and in Vietnam (and a
/// deployment's own list of breached passwords, one per line, `CCHC_REFUSED_PASSWORDS_FILE`). Compared
/// without case and surrounding spaces.
public struct RefusedPasswords: Sendable {
    private var entries: Set<String>

    public init(_ entries: some Sequence<String>) {
        self.entries = Set(entries.map(Self.normalized).filter { !$0.isEmpty })
    }

    public func contains(_ password: String) -> Bool { entries.contains(Self.normalized(password)) }

    public var count: Int { entries.count }

    /// This list with the lines of `text` added.
    public func adding(lines text: String) -> RefusedPasswords {
        var copy = self
        copy.entries.formUnion(text.split(whereSeparator: \.isNewline).map { Self.normalized(String($0)) }.filter { !$0.isEmpty })
        return copy
    }

    static func normalized(_ password: String) -> String { password.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Shipped with cchc: the keyboard walks, digit runs, dictionary words and local favourites that lead every
    /// published list of leaked passwords, and the names of this system and its agencies.
    public static let common = RefusedPasswords([
        "123456", "1234567", "12345678", "123456789", "1234567890", "12345678910", "0123456789", "01234567", "111111", "11111111",
        "000000", "00000000", "123123", "123123123", "123321", "654321", "987654321", "666666", "888888", "88888888", "999999",
        "99999999", "112233", "11223344", "121212", "147258", "147258369", "159753", "159357", "123654", "1q2w3e", "1q2w3e4r",
        "1q2w3e4r5t", "1qaz2wsx", "qazwsx", "qwerty", "qwerty123", "qwertyuiop", "qwe123", "123qwe", "asdfgh", "asdfghjk",
        "asdf1234", "zxcvbnm", "abc123", "abc12345", "abcd1234", "123abc", "a123456", "123456a", "aa123456", "123456aa",
        "12345678a", "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "admin", "admin123",
        "admin@123", "administrator", "root", "toor", "letmein", "welcome", "welcome1", "iloveyou", "iloveyou1", "monkey",
        "dragon", "football", "sunshine", "princess", "trustno1", "master", "superman", "starwars", "matkhau", "matkhau1",
        "matkhau123", "mật khẩu", "anhyeuem", "emyeuanh", "yeuem", "yeuemnhieu", "vietnam", "vietnam123", "vietnam1", "hanoi",
        "hanoi123", "saigon", "saigon123", "hochiminh", "motcua", "motcua123", "cchc", "cchc123", "cchc2025", "cchc2026",
        "dichvucong", "dichvucong123", "chinhphu", "ubnd", "ubnd123", "sonoivu", "noivu123", "demo1234",
    ])
}
