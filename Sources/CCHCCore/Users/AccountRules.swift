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

    public static func passwordErrors(
        _ password: String, username: String, field: String = "password", refused: RefusedPasswords = .common
    ) -> [FieldError] {
        if password.count < minimumPasswordLength {
            return [FieldError(field, "user.password.too_short", ["min": String(minimumPasswordLength)])]
        }
        if password.utf8.count > maximumPasswordBytes {
            return [FieldError(field, "user.password.too_long", ["max": String(maximumPasswordBytes)])]
        }
        if password.lowercased() == username.lowercased() {
            return [FieldError(field, "user.password.same_as_username")]
        }
        if refused.contains(password) {
            return [FieldError(field, "user.password.refused")]
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

    /// Roles an account may hold at once.
    public static let maximumGrants = 5

    /// An account's roles from what was entered, the main one first, or the errors that forbid them.
    /// Errors of the main role name `role` and `unitCode`; those of the others `grants.N.role` and
    /// `grants.N.unitCode` (N from 0). A unit the account already belongs to that has since closed is kept:
    /// the closure does not block an unrelated edit.
    public static func resolveGrants(
        _ inputs: [GrantInput], in tree: UnitTree, today: LocalDate, keeping existing: [RoleGrant] = []
    ) -> (grants: [RoleGrant], errors: [FieldError]) {
        var grants: [RoleGrant] = []
        var errors: [FieldError] = []
        for (index, input) in inputs.enumerated() {
            let prefix = index == 0 ? "" : "grants.\(index - 1)."
            var (unit, unitErrors) = resolveUnit(code: input.unitCode, role: input.role, in: tree, today: today)
            if unitErrors.map(\.code) == ["user.unit.closed"], let closed = tree.unit(code: UnitCode.normalize(input.unitCode ?? "")),
                existing.contains(where: { $0.unitID == closed.id })
            {
                unit = closed
                unitErrors = []
            }
            errors += unitErrors.map { FieldError(prefix + "unitCode", $0.code, $0.arguments) }
            let grant = RoleGrant(input.role, unitID: unit?.id)
            if grants.contains(grant) {
                errors.append(FieldError(prefix + "role", "user.grants.duplicate"))
            } else {
                grants.append(grant)
            }
        }
        if inputs.count > 1, inputs.contains(where: { $0.role == .citizen }) {
            errors.append(FieldError(inputs[0].role == .citizen ? "role" : "grants", "user.grants.citizen_alone"))
        }
        if inputs.count > maximumGrants {
            errors.append(FieldError("grants", "user.grants.too_many", ["max": String(maximumGrants)]))
        }
        return (grants, errors)
    }

    /// The roles as a line of the security log: `desk_officer@60, specialist@60`.
    public static func describe(_ grants: [RoleGrant], in tree: UnitTree) -> String {
        grants.map { grant in grant.role.rawValue + (grant.unitID.flatMap { tree.unit(id: $0)?.code }.map { "@" + $0 } ?? "") }
            .joined(separator: ", ")
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
