import Foundation
import WorkCalendar

/// Managing the catalogue: new procedures, new versions, imports.
public struct ProcedureCatalog: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public struct ImportSummary: Equatable, Sendable {
        public var created: Int
        public var versioned: Int
        public var unchanged: Int
        public var errors: [UnitImportError]
    }

    /// `by`: the account setting it (recorded on the version).
    public func create(_ draft: ProcedureDraft, by: String, now: Date) async throws -> Procedure {
        let tree = try await store.units.tree()
        let procedure = try ProcedureRules.build(draft, tree: tree, version: 1, today: VietnamTime.localDate(of: now), now: now, setBy: by)
        return try await store.procedures.create(procedure)
    }

    /// A new version from `draft.effectiveFrom`; the one before closes that day.
    public func newVersion(code: String, _ draft: ProcedureDraft, expectedLatestVersion: Int, by: String, now: Date) async throws -> Procedure {
        let tree = try await store.units.tree()
        var draft = draft
        draft.code = code
        let procedure = try ProcedureRules.build(
            draft, tree: tree, version: expectedLatestVersion + 1, today: VietnamTime.localDate(of: now), now: now, setBy: by)
        return try await store.procedures.addVersion(procedure, expectedLatestVersion: expectedLatestVersion)
    }

    /// Records how version `version` of `code` was published and made public (in place: no new version).
    public func recordPublication(
        code: String, version: Int, _ publication: ProcedurePublication, expectedRevision: Int, by user: User, now: Date
    ) async throws -> Procedure {
        guard user.can(.manageProcedures) else { throw DomainError(.forbidden, "auth.forbidden") }
        let code = ProcedureRules.normalizeCode(code)
        guard let procedure = try await store.procedures.versions(code: code).first(where: { $0.version == version }) else {
            throw DomainError.notFound("procedure.not_found", arguments: ["code": code])
        }
        var publication = publication
        publication.decisionNumber = publication.decisionNumber.trimmingCharacters(in: .whitespaces)
        publication.applicants = ApplicantKind.allCases.filter(publication.applicants.contains)
        try publication.errors().throwIfAny()
        return try await store.procedures.recordPublication(publication, procedureID: procedure.id, expectedRevision: expectedRevision, now: now)
    }

    /// Creates new codes and adds a version where the content changed; nothing is written if any line is wrong.
    public func importDrafts(_ drafts: [(number: Int, draft: ProcedureDraft)], by: String, now: Date) async throws -> ImportSummary {
        let tree = try await store.units.tree()
        let today = VietnamTime.localDate(of: now)
        var errors: [UnitImportError] = []
        var plans: [(procedure: Procedure, latestVersion: Int?)] = []
        var unchanged = 0
        var seen: [String: Int] = [:]
        for (number, draft) in drafts {
            let code = ProcedureRules.normalizeCode(draft.code)
            if let first = seen[code] {
                errors.append(UnitImportError(line: number, error: FieldError("code", "unit.import.duplicate_code", ["line": String(first)])))
                continue
            }
            seen[code] = number
            let latest = try await store.procedures.versions(code: code).last
            if let latest {
                var same = ProcedureDraft(latest, tree: tree)
                same.effectiveFrom = draft.effectiveFrom
                same.changeReason = draft.changeReason
                var incoming = draft
                incoming.code = latest.code
                if same == incoming {
                    unchanged += 1
                    continue
                }
            }
            do {
                let procedure = try ProcedureRules.build(draft, tree: tree, version: (latest?.version ?? 0) + 1, today: today, now: now, setBy: by)
                plans.append((procedure, latest?.version))
            } catch let error as DomainError {
                errors += error.fields.map { UnitImportError(line: number, error: $0) }
            }
        }
        guard errors.isEmpty else { return ImportSummary(created: 0, versioned: 0, unchanged: 0, errors: errors) }
        let planned = plans
        try await store.transaction { tx in
            for plan in planned {
                if let latest = plan.latestVersion {
                    _ = try await tx.procedures.addVersion(plan.procedure, expectedLatestVersion: latest)
                } else {
                    _ = try await tx.procedures.create(plan.procedure)
                }
            }
        }
        return ImportSummary(
            created: plans.filter { $0.latestVersion == nil }.count, versioned: plans.filter { $0.latestVersion != nil }.count,
            unchanged: unchanged, errors: [])
    }
}
