import Foundation
import WorkCalendar

/// The register: a unit's leader (or Home Affairs) enters an initiative; Home Affairs moves it on and
/// records where it was replicated.
public struct InitiativeService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func initiatives(year: Int?, by user: User) async throws -> [Initiative] {
        guard user.can(.viewPlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.initiatives.list(year: year)
    }

    public func initiative(code: String, by user: User) async throws -> Initiative {
        guard user.can(.viewPlans), let initiative = try await store.initiatives.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("initiative.not_found")
        }
        return initiative
    }

    public func register(kind: String, title: String, summary: String, unitCode: String, year: String, by user: User, now: Date) async throws -> Initiative {
        let tree = try await store.units.tree()
        let unit = tree.unit(code: unitCode.trimmed.uppercased())
        guard user.can(.recordDialogues) || user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        if let unit, !user.can(.managePlans), !(user.reachedUnits(for: .recordDialogues, in: tree)?.contains(unit.id) ?? true) {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        var errors = FieldError.text(title, "title", max: 300)
        if summary.count > 4000 { errors.append(FieldError("summary", "error.too_long", ["max": "4000"])) }
        if Initiative.Kind(rawValue: kind) == nil { errors.append(FieldError("kind", "error.invalid_value")) }
        if unit == nil { errors.append(FieldError("unitCode", "feedback.unit.not_found")) }
        let year = Int(year.trimmed)
        if year.map({ !(2000...VietnamTime.localDate(of: now).year).contains($0) }) ?? true {
            errors.append(FieldError("year", "error.range", ["min": "2000", "max": String(VietnamTime.localDate(of: now).year)]))
        }
        try errors.throwIfAny()
        guard let unit, let year, let kind = Initiative.Kind(rawValue: kind) else { throw DomainError.validation([FieldError("title", "error.required")]) }
        return try await store.initiatives.create(
            Initiative(kind: kind, title: title.trimmed, summary: summary.trimmed, unitID: unit.id, year: year, createdBy: user.username, createdAt: now))
    }

    /// Home Affairs moves it on (recognition names its decision) and records the units that took it up.
    public func update(
        code: String, status: String, recognition: String, replicatedTo: String, expectedVersion: Int, by user: User, now: Date
    ) async throws -> Initiative {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        var initiative = try await initiative(code: code, by: user)
        guard initiative.version == expectedVersion else { throw DomainError.staleVersion(current: initiative.version) }
        let tree = try await store.units.tree()
        var errors: [FieldError] = []
        let status = Initiative.Status(rawValue: status)
        if status == nil { errors.append(FieldError("status", "error.invalid_value")) }
        if status == .recognised, recognition.trimmed.isEmpty { errors.append(FieldError("recognition", "initiative.recognition_required")) }
        if recognition.count > 200 { errors.append(FieldError("recognition", "error.too_long", ["max": "200"])) }
        let codes = replicatedTo.split { $0 == "," || $0 == ";" || $0.isWhitespace }.map { String($0).uppercased() }
        let units = codes.compactMap { tree.unit(code: $0) }
        if units.count != codes.count { errors.append(FieldError("replicatedTo", "feedback.unit.not_found")) }
        if units.contains(where: { $0.id == initiative.unitID }) { errors.append(FieldError("replicatedTo", "initiative.own_unit")) }
        try errors.throwIfAny()
        initiative.status = status ?? initiative.status
        initiative.recognition = recognition.trimmed.nilIfEmpty
        initiative.replicatedTo = units.map(\.id)
        initiative.version += 1
        initiative.updatedBy = user.username
        initiative.updatedAt = now
        try await store.initiatives.update(initiative, expectedVersion: expectedVersion)
        return initiative
    }
}
