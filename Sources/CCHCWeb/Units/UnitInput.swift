import CCHCCore
import Vapor
import WorkCalendar

/// Unit fields as typed into a form or sent to the API, read into domain values. A value that cannot be
/// read (an unknown kind, a malformed date) is reported together with every other bad field: the rules
/// are pure, so the rest of the input is checked against them with a stand-in for the unreadable value.
struct UnitInput {
    var code: String
    var name: String
    var shortName: String
    var kind: String
    var parentCode: String?
    var effectiveFrom: String

    func draft(_ request: Request) async throws -> UnitDraft {
        var errors: [FieldError] = []
        let kind = UnitKind(rawValue: kind)
        if kind == nil { errors.append(FieldError("kind", "error.invalid_value")) }
        let from = LocalDate(flexible: effectiveFrom)
        if from == nil {
            errors.append(FieldError("effectiveFrom", effectiveFrom.isEmpty ? "error.required" : "error.date_invalid"))
        }
        let draft = UnitDraft(
            code: code, name: name, shortName: shortName, kind: kind ?? .department, parentCode: parentCode,
            effectiveFrom: from ?? VietnamTime.localDate(of: request.now))
        guard errors.isEmpty else {
            let tree = try await request.store.units.tree()
            throw Self.combined(errors) { _ = try tree.creating(draft, now: request.now) }
        }
        return draft
    }

    /// The unreadable fields first, then what the rules say about the others.
    static func combined(_ errors: [FieldError], checking rest: () throws -> Void) -> DomainError {
        var all = errors
        do {
            try rest()
        } catch let error as DomainError {
            let known = Set(errors.map(\.field))
            all += error.fields.filter { !known.contains($0.field) }
        } catch {}
        return DomainError.validation(all)
    }
}

/// An edit of a unit as typed or sent; nil fields stay as they are.
struct UnitChangeInput {
    var name: String?
    var shortName: String?
    var kind: String?
    /// `.some(nil)` or `.some("")` removes the parent.
    var parentCode: String??
    var effectiveFrom: String?

    func changes(code: String, expectedVersion: Int, _ request: Request) async throws -> UnitChanges {
        var errors: [FieldError] = []
        let kind = kind.map { UnitKind(rawValue: $0) }
        if case .some(.none) = kind { errors.append(FieldError("kind", "error.invalid_value")) }
        let from = effectiveFrom.map { LocalDate(flexible: $0) }
        if case .some(.none) = from { errors.append(FieldError("effectiveFrom", "error.date_invalid")) }
        let changes = UnitChanges(
            name: name, shortName: shortName, kind: kind ?? nil,
            parentCode: parentCode.map { code in code.flatMap { $0.isEmpty ? nil : $0 } }, effectiveFrom: from ?? nil)
        guard errors.isEmpty else {
            let tree = try await request.store.units.tree()
            throw UnitInput.combined(errors) {
                _ = try tree.updating(code: code, expectedVersion: expectedVersion, changes: changes, now: request.now)
            }
        }
        return changes
    }
}
