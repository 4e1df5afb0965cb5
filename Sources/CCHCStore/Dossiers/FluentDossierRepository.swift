import CCHCCore
import Crypto
import FluentKit
import FluentSQL
import Foundation
import SQLKit
import WorkCalendar

struct FluentDossierRepository: DossierRepository {
    let handle: DatabaseHandle
    static let table = "dossiers"

    // MARK: - Writing

    func create(_ dossier: Dossier, pin: String, events: [DossierEventDraft], receivingUnitCode: String) async throws -> Dossier {
        // The document is encoded here, by each request, rather than in the shared transaction that waits on it.
        let intake = IntakeQueue.Intake(
            dossier: dossier, document: try JSONCoding.string(dossier), pin: pin, events: events, receivingUnitCode: receivingUnitCode)
        // Inside a caller's transaction (an intake with an idempotency key) the dossier is written there.
        guard let queue = handle.shared?.intakes, !handle.inTransaction else { return try await Self.write([intake], on: handle)[0] }
        let handle = handle
        return try await queue.write(intake) { batch in try await Self.write(batch, on: handle) }
    }

    /// Writes new dossiers in one transaction.
    static func write(_ batch: [IntakeQueue.Intake], on handle: DatabaseHandle) async throws -> [Dossier] {
        let head = handle.shared?.auditHead
        return try await handle.writeSQL { sql in try await write(batch, in: sql, head: head) }
    }

    /// Their codes from the daily counters, their rows, their events, inside the caller's transaction.
    private static func write(_ batch: [IntakeQueue.Intake], in sql: any SQLDatabase, head: AuditChain.RememberedHead?) async throws -> [Dossier] {
        var stored = batch.map(\.dossier)
        // One counter per receiving unit and day, moved once by the number of its new dossiers; the upsert
        // is atomic on both databases, so concurrent writers get disjoint ranges of numbers.
        var groups: [(unitCode: String, day: LocalDate, indices: [Int])] = []
        for (index, intake) in batch.enumerated() {
            let day = VietnamTime.localDate(of: intake.dossier.submittedAt)
            if let group = groups.firstIndex(where: { $0.unitCode == intake.receivingUnitCode && $0.day == day }) {
                groups[group].indices.append(index)
            } else {
                groups.append((intake.receivingUnitCode, day, [index]))
            }
        }
        // In one order everywhere, so that two instances' batches never wait on each other's counters.
        for group in groups.sorted(by: { ($0.unitCode, $0.day) < ($1.unitCode, $1.day) }) {
            let count = group.indices.count
            let counter = try await sql.raw("""
                INSERT INTO dossier_code_counters (unit_code, day, last_value) VALUES (\(bind: group.unitCode), \(bind: group.day.description), \(bind: count)) \
                ON CONFLICT (unit_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + \(bind: count) RETURNING last_value
                """).first()
            let last = try counter?.decode(column: "last_value", as: Int.self) ?? count
            for (offset, index) in group.indices.enumerated() {
                stored[index].code = DossierCode.make(unitCode: group.unitCode, date: group.day, sequence: last - count + 1 + offset)
            }
        }
        let insert = sql.insert(into: Self.table).columns(Self.columns)
        for (intake, dossier) in zip(batch, stored) {
            insert.values(Self.values(dossier, document: intake.document, pinHash: Self.pinHash(intake.pin, id: dossier.id)))
        }
        try await insert.run()
        try await AuditChain.append(zip(batch, stored).flatMap { intake, dossier in intake.events.map { (dossier.id, $0) } }, on: sql, head: head)
        return stored
    }

    func save(_ transition: DossierTransition, expectedVersion: Int) async throws -> Dossier {
        let dossier = transition.dossier, head = handle.shared?.auditHead
        let values = Self.values(dossier, document: try JSONCoding.string(dossier), pinHash: nil)
        let updates = zip(Self.columns, values).filter { !["id", "code", "pin_hash", "created_at"].contains($0.0) }
        return try await handle.writeSQL { sql in
            let saved = try await sql.update(Self.table, id: dossier.id, ifVersion: expectedVersion, set: updates)
            guard saved else { throw DomainError.staleVersion(current: expectedVersion + 1) }
            try await AuditChain.append([(dossier.id, transition.event)], on: sql, head: head)
            return dossier
        }
    }

    func replacePIN(dossierID: UUID, pin: String, event: DossierEventDraft) async throws {
        let head = handle.shared?.auditHead
        try await handle.writeSQL { sql in
            try await sql.update(Self.table).set("pin_hash", to: Self.pinHash(pin, id: dossierID)).where("id", .equal, dossierID).run()
            try await AuditChain.append([(dossierID, event)], on: sql, head: head)
        }
    }

    static let columns = [
        "id", "code", "procedure_id", "procedure_code", "field", "channel", "status", "applicant_name", "citizen_user_id",
        "receiving_point_id", "receiving_unit_id", "competent_unit_id", "current_unit_id", "submitted_at", "submitted_day",
        "accepted_at", "due_at", "nearing_due", "overdue", "timeliness", "late_unit_id", "search_text", "pin_hash", "document",
        "version", "created_at", "updated_at",
    ]

    static func values(_ dossier: Dossier, document: String, pinHash: String?) -> [any Encodable & Sendable] {
        [
            dossier.id, dossier.code, dossier.procedureID, dossier.procedureCode, dossier.field, dossier.channel.rawValue,
            dossier.status.rawValue, dossier.applicant.fullName, dossier.citizenUserID, dossier.receivingPointID,
            dossier.receivingUnitID, dossier.competentUnitID, dossier.currentUnitID, dossier.submittedAt,
            VietnamTime.localDate(of: dossier.submittedAt).description, dossier.acceptedAt, dossier.dueAt, dossier.nearingDue,
            dossier.overdue, dossier.timeliness?.rawValue, dossier.lateAttribution?.unitID, dossier.searchText, pinHash ?? "",
            document, dossier.version, dossier.createdAt, dossier.updatedAt,
        ]
    }

    static func pinHash(_ pin: String, id: UUID) -> String {
        SHA256.hash(data: Data("\(id.uuidString):\(pin)".utf8)).hexString
    }

    // MARK: - Reading

    func find(id: UUID) async throws -> Dossier? {
        try await one(selectDocuments().where("id", .equal, id))
    }

    func find(code: String) async throws -> Dossier? {
        try await one(selectDocuments().where("code", .equal, code.uppercased()))
    }

    func lookUp<Read: DossierReadable>(
        _ type: Read.Type, code: String, pin: String, failuresOf key: String, in scope: String, since: Date
    ) async throws -> (dossier: Read?, failures: Int) {
        // Written out rather than built: this is the public lookup's only statement, and it always yields one row.
        let row = try await handle.first("""
            SELECT (SELECT COUNT(*) FROM throttle_events WHERE scope = \(bind: scope) AND key = \(bind: key) AND occurred_at > \(bind: since)) AS failures, \
            d.id, d.code, d.pin_hash, d.document, d.version FROM (SELECT 1 AS one) AS probe \
            LEFT JOIN dossiers AS d ON d.code = \(bind: code.uppercased())
            """)
        guard let row else { return (nil, 0) }
        let failures = try row.decode(column: "failures", as: Int.self)
        return (try row.decodeNil(column: "id") ? nil : try Self.decode(type, row, ifPIN: pin), failures)
    }

    /// The dossier in `row` when `pin` is its PIN, compared in constant time.
    private static func decode<Read: DossierReadable>(_ type: Read.Type, _ row: any SQLRow, ifPIN pin: String) throws -> Read? {
        let id = try row.decode(column: "id", as: UUID.self)
        let expected = try row.decode(column: "pin_hash", as: String.self)
        let given = pinHash(pin, id: id)
        guard expected.constantTimeEquals(given) else { return nil }
        return try decode(type, row)
    }

    func events(dossierID: UUID) async throws -> [DossierEvent] {
        try await handle.sql.select().column("*").from("dossier_events").where("dossier_id", .equal, dossierID).orderBy("sequence").all()
            .map(AuditChain.decodeEvent)
    }

    /// The columns `decode` reads.
    private func selectDocuments() -> SQLSelectBuilder {
        handle.sql.select().column("code").column("document").column("version").from(Self.table)
    }

    private func one(_ query: SQLSelectBuilder) async throws -> Dossier? {
        guard let row = try await query.first() else { return nil }
        return try Self.decode(row)
    }

    static func decode(_ row: any SQLRow) throws -> Dossier {
        try decode(Dossier.self, row)
    }

    /// The document, with the code and version from their columns (see `DossierReadable`).
    static func decode<Read: DossierReadable>(_ type: Read.Type, _ row: any SQLRow) throws -> Read {
        var read = try JSONCoding.decode(type, try row.decode(column: "document", as: String.self))
        read.code = try row.decode(column: "code", as: String.self)
        read.version = try row.decode(column: "version", as: Int.self)
        return read
    }

    // MARK: - Lists

    func list(_ query: DossierQuery) async throws -> ResultPage<Dossier> {
        // Two steps: find the page's ids by the indexed columns, then read those few documents. Sorting whole
        // rows would drag every matching document (kilobytes each) through the sort.
        let select = handle.sql.select().column("id").column("due_at").column("submitted_at").from(Self.table)
        if !Self.applyScope(query.scope, to: select) { return ResultPage(items: [], nextCursor: nil) }
        Self.applyFilters(query, to: select)
        let byDeadline = query.queue.sortsByDeadline
        let ascending = byDeadline || query.queue == .awaitingAcceptance || query.queue == .readyToReturn
        let sortColumn = byDeadline ? "due_at" : "submitted_at"
        if let cursor = query.cursor {
            let parts = try Cursor.decode(cursor).split(separator: "|")
            guard parts.count == 2, let seconds = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
                throw DomainError.validation([FieldError("cursor", "error.cursor_invalid")])
            }
            let at = Date(timeIntervalSince1970: seconds)
            let comparison: SQLBinaryOperator = ascending ? .greaterThan : .lessThan
            select.where { group in
                group.where(sortColumn, comparison, at).orWhere { $0.where(sortColumn, .equal, at).where("id", comparison, id) }
            }
        }
        let direction: SQLDirection = ascending ? .ascending : .descending
        let rows = try await select.orderBy(sortColumn, direction).orderBy("id", direction).limit(query.limit + 1).all()
        let ids = try rows.prefix(query.limit).map { try $0.decode(column: "id", as: UUID.self) }
        var byID: [UUID: Dossier] = [:]
        if !ids.isEmpty {
            for row in try await selectDocuments().where("id", .in, ids).all() {
                let dossier = try Self.decode(row)
                byID[dossier.id] = dossier
            }
        }
        let items = ids.compactMap { byID[$0] }
        var next: String?
        if rows.count > query.limit, let last = rows.prefix(query.limit).last {
            let at = try last.decode(column: sortColumn, as: Date.self)
            next = Cursor.encode("\(at.timeIntervalSince1970)|\(try last.decode(column: "id", as: UUID.self).uuidString)")
        }
        return ResultPage(items: items, nextCursor: next)
    }

    /// Narrows to the scope; false when the scope is empty.
    static func applyScope(_ scope: DossierQuery.Scope, to select: SQLSelectBuilder) -> Bool {
        switch scope {
        case .province:
            return true
        case .receivedBy(let units):
            guard !units.isEmpty else { return false }
            select.where("receiving_unit_id", .in, Array(units))
        case .heldBy(let units):
            guard !units.isEmpty else { return false }
            select.where("current_unit_id", .in, Array(units))
        case .involving(let units):
            guard !units.isEmpty else { return false }
            let ids = Array(units)
            select.where { group in
                group.where("receiving_unit_id", .in, ids).orWhere("current_unit_id", .in, ids).orWhere("competent_unit_id", .in, ids)
            }
        case .citizen(let id):
            select.where("citizen_user_id", .equal, id)
        }
        return true
    }

    static func applyFilters(_ query: DossierQuery, to select: SQLSelectBuilder) {
        var statuses = query.queue.statuses
        if let status = query.status { statuses = (statuses ?? Set(DossierStatus.allCases)).intersection([status]) }
        if let statuses { select.where("status", .in, statuses.map(\.rawValue).sorted()) }
        if query.queue == .nearingDue { select.where("nearing_due", .equal, true).where("overdue", .equal, false) }
        if query.queue == .overdue { select.where("overdue", .equal, true) }
        if let code = query.procedureCode, !code.isEmpty { select.where("procedure_code", .equal, ProcedureRules.normalizeCode(code)) }
        if let field = query.field, !field.isEmpty { select.where("field", .equal, field) }
        if let from = query.receivedFrom { select.where("submitted_day", .greaterThanOrEqual, from.description) }
        if let to = query.receivedTo { select.where("submitted_day", .lessThanOrEqual, to.description) }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if text.contains("-"), !text.contains(" ") {
                select.where("code", .equal, text.uppercased())
            } else {
                for word in SearchText.fold(text).split(separator: " ") {
                    select.where(SearchFilter.contains(column: "search_text", word: String(word)))
                }
            }
        }
    }

    func count() async throws -> Int {
        try await handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Self.table)
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func counts(scope: DossierQuery.Scope) async throws -> [DossierQuery.Queue: Int] {
        let queues: [DossierQuery.Queue] = [.awaitingAcceptance, .inProgress, .nearingDue, .overdue, .awaitingSupplement, .awaitingPayment, .readyToReturn]
        var counts: [DossierQuery.Queue: Int] = [:]
        for queue in queues {
            let select = handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Self.table)
            guard Self.applyScope(scope, to: select) else { return [:] }
            Self.applyFilters(DossierQuery(scope: scope, queue: queue), to: select)
            counts[queue] = try await select.first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    func deadlineCandidates(dueBy: Date, overdue: Bool, limit: Int) async throws -> [Dossier] {
        try await selectDocuments()
            .where("status", .in, [DossierStatus.accepted.rawValue, DossierStatus.processing.rawValue])
            .where(overdue ? "overdue" : "nearing_due", .equal, false)
            .where("due_at", overdue ? .lessThan : .lessThanOrEqual, dueBy)
            .orderBy("due_at").limit(limit).all().map(Self.decode)
    }

    func register(receivedBy units: Set<UUID>, from: LocalDate, to: LocalDate) async throws -> [Dossier] {
        guard !units.isEmpty else { return [] }
        return try await selectDocuments()
            .where("receiving_unit_id", .in, Array(units))
            .where("submitted_day", .greaterThanOrEqual, from.description).where("submitted_day", .lessThanOrEqual, to.description)
            .orderBy("code").all().map(Self.decode)
    }

    func verifyAuditChain() async throws -> AuditVerification {
        try await AuditChain.verify(on: handle.db)
    }
}
