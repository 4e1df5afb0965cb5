import CCHCCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit
import WorkCalendar

struct FluentDossierRepository: DossierRepository {
    let handle: DatabaseHandle
    static let table = DossierWritePath.Columns.table

    // MARK: - Writing (all through `DossierWritePath`)

    func create(_ new: NewDossier) async throws -> Dossier {
        // The document is encoded here, by each request, rather than in the shared transaction that waits on it.
        let write = try DossierWritePath.Write.create(new)
        // Inside a caller's transaction the dossier is written there; otherwise it joins the group commit.
        guard let queue = handle.shared?.intakes, !handle.inTransaction else { return try await Self.write([write], on: handle)[0] }
        let handle = handle
        return try await queue.write(write) { batch in try await Self.write(batch, on: handle) }
    }

    func createHistories(_ histories: [NewDossier]) async throws -> [Dossier] {
        guard !histories.isEmpty else { return [] }
        return try await Self.write(try histories.map { try .create($0, notifies: false) }, on: handle)
    }

    func save(_ transition: DossierTransition, expectedVersion: Int, files: [DossierFile]) async throws -> Dossier {
        let write = try DossierWritePath.Write.update(transition, expectedVersion: expectedVersion, files: files)
        return try await Self.write([write], on: handle)[0]
    }

    func replacePIN(_ dossier: Dossier, pin: String, event: DossierEventDraft) async throws {
        let write = DossierWritePath.Write(
            dossier: dossier, document: "", change: .replacePIN(pin), before: DossierFacts(dossier), events: [event], files: [], idempotency: nil)
        _ = try await Self.write([write], on: handle)
    }

    /// One transaction: on SQLite's writer thread outside a caller's transaction, else Fluent's.
    static func write(_ writes: [DossierWritePath.Write], on handle: DatabaseHandle) async throws -> [Dossier] {
        let head = handle.shared?.auditHead
        return try await handle.writeSQL { sql in try await DossierWritePath.write(writes, in: sql, head: head) }
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
        let row = try await handle.first(
            """
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
        let given = DossierWritePath.pinHash(pin, id: id)
        guard expected.constantTimeEquals(given) else { return nil }
        return try decode(type, row)
    }

    func events(dossierID: UUID) async throws -> [DossierEvent] {
        try await handle.sql.select().column("*").from("dossier_events").where("dossier_id", .equal, dossierID).orderBy("sequence").all()
            .map(AuditChain.decodeEvent)
    }

    /// The columns `decode` reads.
    func selectDocuments() -> SQLSelectBuilder {
        handle.sql.select().column("code").column("document").column("version").from(Self.table)
    }

    private func one(_ query: SQLSelectBuilder) async throws -> Dossier? {
        guard let row = try await query.first() else { return nil }
        return try Self.decode(row)
    }

    static func decode(_ row: any SQLRow) throws -> Dossier {
        try decode(Dossier.self, row)
    }

    /// The document, with the code and version from their columns (see `DossierReadable`). A document of
    /// another schema version is refused: the migrations convert them all.
    static func decode<Read: DossierReadable>(_ type: Read.Type, _ row: any SQLRow) throws -> Read {
        var read = try JSONCoding.decode(type, try row.decode(column: "document", as: String.self))
        guard read.schemaVersion == Dossier.documentSchemaVersion else {
            throw StoreError.documentVersion(table: table, found: read.schemaVersion, expected: Dossier.documentSchemaVersion)
        }
        read.code = try row.decode(column: "code", as: String.self)
        read.version = try row.decode(column: "version", as: Int.self)
        return read
    }

    func count() async throws -> Int {
        try await handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Self.table)
            .first()?.decode(column: "n", as: Int.self) ?? 0
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
