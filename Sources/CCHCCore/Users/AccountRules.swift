import Foundation
import WorkCalendar

/// Rules for usernames, passwords and who may belong where.
public enum AccountRules {
    public static let minimumPasswordLength = 8
    /// Bcrypt reads only the first 72 bytes of a password; a longer one would be silently truncated.
    public static let maximumPasswordBytes = 72
    public static let maximumFullNameLength = 255

    public static func normalizeUsername(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// 3 to 64 of a-z 0-9 . _ -, starting with a letter or digit.
    public static func usernameErrors(_ username: String) -> [FieldError] {
        let allowed = username.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        let startsWell = username.unicodeScalars.first.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ?? false
        guard (3...64).contains(username.count), allowed, startsWell else {
            return [FieldError("username", "user.username.invalid")]
        }
        return []
    }

    public static func passwordErrors(_ password: String, username: String, field: String = "password") -> [FieldError] {
        if password.count < minimumPasswordLength {
            return [FieldError(field, "user.password.too_short", ["min": String(minimumPasswordLength)])]
        }
        if password.utf8.count > maximumPasswordBytes {
            return [FieldError(field, "user.password.too_long", ["max": String(maximumPasswordBytes)])]
        }
        if password.lowercased() == username.lowercased() {
            return [FieldError(field, "user.password.same_as_username")]
        }
        return []
    }

    public static func fullNameErrors(_ fullName: String) -> [FieldError] {
        let trimmed = fullName.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [FieldError("fullName", "error.required")] }
        if trimmed.count > maximumFullNameLength {
            return [FieldError("fullName", "error.too_long", ["max": String(maximumFullNameLength)])]
        }
        return []
    }

    /// The unit a user of `role` may belong to, resolved from its code, or the errors that forbid it.
    public static func resolveUnit(
        code: String?, role: Role, in tree: UnitTree, today: LocalDate
    ) -> (unit: OrgUnit?, errors: [FieldError]) {
        let trimmed = code.map(UnitCode.normalize).flatMap { $0.isEmpty ? nil : $0 }
        guard let trimmed else {
            return role.requiresUnit ? (nil, [FieldError("unitCode", "user.unit.required")]) : (nil, [])
        }
        if role == .citizen { return (nil, [FieldError("unitCode", "user.unit.not_for_citizen")]) }
        guard let unit = tree.unit(code: trimmed) else {
            return (nil, [FieldError("unitCode", "unit.reference.not_found", ["code": trimmed])])
        }
        guard unit.isEffective(on: today) else {
            return (nil, [FieldError("unitCode", "user.unit.closed", ["code": trimmed])])
        }
        return (unit, [])
    }
}
