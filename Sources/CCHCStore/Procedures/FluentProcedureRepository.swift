import CCHCCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit
import WorkCalendar

final class ProcedureModel: Model, @unchecked Sendable {
    static let schema = "procedures"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    @Field(key: "field") var field: String
    @OptionalField(key: "competent_unit_id") var competentUnitID: UUID?
    @Field(key: "receiving_unit_ids") var receivingUnitIDs: String
    @Field(key: "time_unit") var timeUnit: String
    @Field(key: "time_value") var timeValue: Int
    @OptionalField(key: "cutoff") var cutoff: Int?
    @Field(key: "supplement_rule") var supplementRule: String
    @Field(key: "fee") var fee: Int
    @Field(key: "fee_note") var feeNote: String
    @Field(key: "components") var components: String
    @Field(key: "steps") var steps: String
    @Field(key: "online_level") var onlineLevel: String
    @Field(key: "publication") var publication: String
    @Field(key: "publication_revision") var publicationRevision: Int
    @Field(key: "effective_from") var effectiveFrom: String
    @OptionalField(key: "effective_to") var effectiveTo: String?
    @Field(key: "set_by") var setBy: String
    @Field(key: "change_reason") var changeReason: String
    @Field(key: "search_text") var searchText: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ procedure: Procedure) throws {
        id = procedure.id
        code = procedure.code
        version = procedure.version
        name = procedure.name
        field = procedure.field
        competentUnitID = procedure.competentUnitID
        receivingUnitIDs = try JSONCoding.string(procedure.receivingUnitIDs)
        switch procedure.processingTime {
        case .workingDays(let value): (timeUnit, timeValue) = ("working_days", value)
        case .workingHours(let value): (timeUnit, timeValue) = ("working_hours", value)
        case .calendarDays(let value): (timeUnit, timeValue) = ("calendar_days", value)
        }
        cutoff = procedure.cutoff
        supplementRule = procedure.supplementRule.rawValue
        fee = procedure.fee
        feeNote = procedure.feeNote
        components = try JSONCoding.string(procedure.components)
        steps = try JSONCoding.string(procedure.steps)
        onlineLevel = procedure.onlineLevel.rawValue
        publication = try JSONCoding.string(procedure.publication)
        publicationRevision = procedure.publication.revision
        effectiveFrom = procedure.effectiveFrom.description
        effectiveTo = procedure.effectiveTo?.description
        setBy = procedure.setBy
        changeReason = procedure.changeReason
        searchText = procedure.searchText
        createdAt = procedure.createdAt
        updatedAt = procedure.updatedAt
    }

    func domain() throws -> Procedure {
        let time: ProcessingTime
        switch timeUnit {
        case "working_days": time = .workingDays(timeValue)
        case "working_hours": time = .workingHours(timeValue)
        case "calendar_days": time = .calendarDays(timeValue)
        default: throw StoreError.corruptRow(table: Self.schema, id: id)
        }
        guard let rule = SupplementRule(rawValue: supplementRule), let level = OnlineLevel(rawValue: onlineLevel),
            let from = LocalDate(effectiveFrom)
        else { throw StoreError.corruptRow(table: Self.schema, id: id) }
        var publication = try JSONCoding.decode(ProcedurePublication.self, self.publication)
        publication.revision = publicationRevision
        return Procedure(
            id: try requireID(), code: code, version: version, name: name, field: field, competentUnitID: competentUnitID,
            receivingUnitIDs: try JSONCoding.decode([UUID].self, receivingUnitIDs), processingTime: time, cutoff: cutoff,
            supplementRule: rule, fee: fee, feeNote: feeNote, components: try JSONCoding.decode([ProcedureComponent].self, components),
            steps: try JSONCoding.decode([ProcedureStep].self, steps), onlineLevel: level, publication: publication, effectiveFrom: from,
            effectiveTo: effectiveTo.flatMap { LocalDate($0) }, setBy: setBy, changeReason: changeReason, createdAt: createdAt, updatedAt: updatedAt)
    }
}

struct FluentProcedureRepository: ProcedureRepository {
    let handle: DatabaseHandle

    func find(id: UUID) async throws -> Procedure? {
        if let catalogue = try await cachedCatalogue() { return catalogue.procedure(id: id) }
        return try await ProcedureModel.find(id, on: handle.db)?.domain()
    }

    func current(code: String, on date: LocalDate) async throws -> Procedure? {
        try await versions(code: code).inForce(on: date)
    }

    func versions(code: String) async throws -> [Procedure] {
        let code = ProcedureRules.normalizeCode(code)
        if let catalogue = try await cachedCatalogue() { return catalogue.versions(code: code) }
        return try await ProcedureModel.query(on: handle.db).filter(\.$code == code).sort(\.$version).all()
            .map { try $0.domain() }
    }

    /// One version per code: the one in force on `inForceOn` (`Versioned.inForce`, the rule every reader
    /// uses), or the latest. Filtered and paged in memory over the catalogue, which a province counts in
    /// thousands of rows and every instance keeps.
    func search(_ query: ProcedureQuery) async throws -> ResultPage<Procedure> {
        var catalogue = try await cachedCatalogue()
        if catalogue == nil { catalogue = ProcedureCatalogue(try await ProcedureModel.query(on: handle.db).all().map { try $0.domain() }) }
        guard let catalogue else { return ResultPage(items: [], nextCursor: nil) }
        let words = SearchText.fold(query.text ?? "").split(separator: " ").map(String.init)
        let after = try query.cursor.map(Cursor.decode)
        var page: [Procedure] = []
        for code in catalogue.codes where after.map({ code > $0 }) ?? true {
            let versions = catalogue.versions(code: code)
            guard let procedure = query.inForceOn.map({ versions.inForce(on: $0) }) ?? versions.last else { continue }
            if let field = query.field, !field.isEmpty, procedure.field != field { continue }
            if query.onlineOnly, procedure.onlineLevel == .none { continue }
            let text = procedure.searchText
            guard words.allSatisfy({ text.contains($0) }) else { continue }
            page.append(procedure)
            if page.count > query.limit { break }
        }
        let items = Array(page.prefix(query.limit))
        return ResultPage(items: items, nextCursor: page.count > query.limit ? items.last.map { Cursor.encode($0.code) } : nil)
    }

    func fields() async throws -> [String] {
        try await handle.sql.select().distinct().column("field").from(ProcedureModel.schema).orderBy("field").all()
            .map { try $0.decode(column: "field", as: String.self) }
    }

    func create(_ procedure: Procedure) async throws -> Procedure {
        defer { handle.shared?.procedures.invalidate() }
        return try await handle.write { db in
            if try await ProcedureModel.query(on: db).filter(\.$code == procedure.code).count() > 0 {
                throw Self.codeTaken(procedure.code)
            }
            do {
                try await ProcedureModel(procedure).create(on: db)
            } catch  where error.isConstraintViolation {
                throw Self.codeTaken(procedure.code)
            }
            return procedure
        }
    }

    func addVersion(_ procedure: Procedure, expectedLatestVersion: Int) async throws -> Procedure {
        defer { handle.shared?.procedures.invalidate() }
        return try await handle.write { db in
            guard let latest = try await ProcedureModel.query(on: db).filter(\.$code == procedure.code).sort(\.$version, .descending).first()
            else { throw DomainError.notFound("procedure.not_found", arguments: ["code": procedure.code]) }
            guard latest.version == expectedLatestVersion else { throw DomainError.staleVersion(current: latest.version) }
            let before = try latest.domain()
            var next = procedure
            next.version = latest.version + 1
            next.publication = before.publication.carriedToNextVersion
            let closing = VersionRules.closing(before, whenNextStarts: procedure.effectiveFrom)?.description
            if latest.effectiveTo != closing {
                latest.effectiveTo = closing
                latest.updatedAt = procedure.updatedAt
                try await latest.update(on: db)
            }
            do {
                try await ProcedureModel(next).create(on: db)
            } catch  where error.isConstraintViolation {
                throw DomainError.staleVersion(current: latest.version + 1)
            }
            return next
        }
    }

    /// Outside transactions, the catalogue as cached by the process (nil without a cache: every read then
    /// goes to the database).
    private func cachedCatalogue() async throws -> ProcedureCatalogue? {
        guard let shared = handle.shared, !handle.inTransaction else { return nil }
        return try await shared.procedures.get(
            checkInterval: shared.checkInterval,
            fingerprint: {
                // Versions are only ever added (the one before is closed in the same transaction), never deleted;
                // a publication record changes in place and bumps its revision.
                let row = try await handle.sql.raw("SELECT count(*) AS n, COALESCE(SUM(publication_revision), 0) AS r FROM procedures").first()
                return "\(try row?.decode(column: "n", as: Int.self) ?? 0)/\(try row?.decode(column: "r", as: Int.self) ?? 0)"
            }, load: { ProcedureCatalogue(try await ProcedureModel.query(on: handle.db).all().map { try $0.domain() }) })
    }

    func all() async throws -> [Procedure] {
        if let catalogue = try await cachedCatalogue() { return catalogue.codes.flatMap { catalogue.versions(code: $0) } }
        return try await ProcedureModel.query(on: handle.db).sort(\.$code).sort(\.$version).all().map { try $0.domain() }
    }

    /// One conditional update (on the revision read), so that of two concurrent changes the second is a conflict.
    func recordPublication(_ publication: ProcedurePublication, procedureID: UUID, expectedRevision: Int, now: Date) async throws -> Procedure {
        defer { handle.shared?.procedures.invalidate() }
        var next = publication
        next.revision = expectedRevision + 1
        let (json, revision) = (try JSONCoding.string(next), next.revision)
        return try await handle.write { db in
            let sql = db as! any SQLDatabase
            let updated = try await sql.update(ProcedureModel.schema)
                .set("publication", to: json).set("publication_revision", to: revision).set("updated_at", to: now)
                .where("id", .equal, procedureID).where("publication_revision", .equal, expectedRevision)
                .returning("id").all()
            guard let model = try await ProcedureModel.find(procedureID, on: db) else {
                throw DomainError.notFound("procedure.not_found", arguments: ["code": ""])
            }
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: model.publicationRevision) }
            return try model.domain()
        }
    }

    func count() async throws -> Int {
        try await handle.sql.raw("SELECT COUNT(DISTINCT code) AS n FROM procedures").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func codeTaken(_ code: String) -> DomainError {
        DomainError(.conflict, "procedure.code.taken", arguments: ["code": code], fields: [FieldError("code", "procedure.code.taken", ["code": code])])
    }
}
