import Foundation
import WorkCalendar

/// Requirements put to many units: Home Affairs puts one (to the units named, or to every department or every
/// commune), each unit's leader answers for their unit with the document that shows it.
public struct ComplianceService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func list(by user: User) async throws -> [ComplianceRequirement] {
        guard user.can(.viewPlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.compliance.list()
    }

    public func requirement(code: String, by user: User) async throws -> ComplianceRequirement {
        guard user.can(.viewPlans), let requirement = try await store.compliance.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("compliance.not_found")
        }
        return requirement
    }

    /// Puts a requirement (Home Affairs): `audience` is `departments`, `communes` or a list of unit codes.
    public func create(title: String, dueOn: String, audience: String, unitCodes: String, by user: User, now: Date) async throws -> ComplianceRequirement {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        var errors: [FieldError] = []
        if title.trimmed.isEmpty { errors.append(FieldError("title", "error.required")) }
        if title.trimmed.count > 300 { errors.append(FieldError("title", "error.too_long", ["max": "300"])) }
        let due = LocalDate(flexible: dueOn.trimmed)
        if due == nil { errors.append(FieldError("dueOn", "error.date_invalid")) }
        let tree = try await store.units.tree()
        let today = VietnamTime.localDate(of: now)
        var units: [OrgUnit]
        switch audience {
        case "departments": units = tree.units.filter { $0.kind == .department && $0.isEffective(on: today) }
        case "communes": units = tree.units.filter { [.commune, .ward, .specialZone].contains($0.kind) && $0.isEffective(on: today) }
        default:
            let codes = unitCodes.split { $0 == "," || $0 == ";" || $0.isWhitespace }.map { String($0).uppercased() }
            units = codes.compactMap { tree.unit(code: $0) }
            if units.count != codes.count { errors.append(FieldError("unitCodes", "feedback.unit.not_found")) }
        }
        if units.isEmpty, !errors.contains(where: { $0.field == "unitCodes" }) { errors.append(FieldError("unitCodes", "par.campaign.no_units")) }
        try errors.throwIfAny()
        guard let due else { throw DomainError.validation([FieldError("dueOn", "error.date_invalid")]) }
        return try await store.compliance.create(
            ComplianceRequirement(title: title.trimmed, year: due.year, dueOn: due, unitIDs: units.map(\.id), createdBy: user.username, createdAt: now))
    }

    /// A unit's answer, by someone who records for it (its leader; Home Affairs for any).
    public func answer(
        code: String, unitCode: String, done: Bool, note: String, link: String, expectedVersion: Int, by user: User, now: Date
    ) async throws -> ComplianceRequirement {
        var requirement = try await requirement(code: code, by: user)
        let tree = try await store.units.tree()
        guard let unit = tree.unit(code: unitCode.trimmed.uppercased()), requirement.unitIDs.contains(unit.id) else {
            throw DomainError.notFound("compliance.unit_not_asked")
        }
        guard user.can(.recordDialogues), user.reachedUnits(for: .recordDialogues, in: tree)?.contains(unit.id) ?? true else {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        guard requirement.version == expectedVersion else { throw DomainError.staleVersion(current: requirement.version) }
        var errors: [FieldError] = []
        if note.trimmed.isEmpty { errors.append(FieldError("note", done ? "compliance.note_required" : "compliance.reason_required")) }
        if note.trimmed.count > 1000 { errors.append(FieldError("note", "error.too_long", ["max": "1000"])) }
        let link = link.trimmed
        if !link.isEmpty, !(link.hasPrefix("https://") || link.hasPrefix("http://")) || link.count > 500 {
            errors.append(FieldError("link", "par.evidence.links", ["max": "1"]))
        }
        try errors.throwIfAny()
        requirement.answers.removeAll { $0.unitID == unit.id }
        requirement.answers.append(
            .init(unitID: unit.id, done: done, note: note.trimmed, link: link.isEmpty ? nil : link, answeredBy: user.username, answeredAt: now))
        requirement.version += 1
        try await store.compliance.update(requirement, expectedVersion: expectedVersion)
        return requirement
    }
}
