import CCHCCore
import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import SQLiteKit
import Testing
import WorkCalendar

@testable import CCHCStore
@testable import SQLiteEngine

/// The SQLite reader answers short reads by key outside Fluent's pool: it must read exactly what Fluent
/// reads, see every commit, stay out of transactions, and never create a database of its own.
@Suite("Short reads straight from the SQLite file")
struct SQLiteReaderTests {
    let now = Fixtures.now

    func service(_ store: any Store) -> DossierService {
        DossierService(
            store: store, files: DiskFileStorage(dataDirectory: Fixtures.temporaryFolder()), settings: ProvinceSettingsHistory([]), calendar: WorkingCalendar())
    }

    func desk(_ store: any Store) async throws -> User {
        let tree = try await store.units.tree()
        return User(username: "desk", fullName: "desk", role: .deskOfficer, unitID: tree.unit(code: Fixtures.centreCode)?.id, createdAt: now, updatedAt: now)
    }

    @Test("The lookup reads through the reader what Fluent reads, and sees each commit at once")
    func lookupThroughReader() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let shared = TestDatabases.sharedState(target)
            let reader = try #require(shared.reader)
            let direct = FluentStore(database: db, shared: shared), pooled = FluentStore(database: db)
            try await Fixtures.loadUnits(into: pooled)
            try await Fixtures.loadProcedure(into: pooled)
            let desk = try await desk(pooled)
            let (first, pin) = try await service(pooled).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)
            let (second, secondPIN) = try await service(pooled).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)

            #expect(reader.idleConnections == 0)
            let read = try await direct.dossiers.find(code: first.code, pin: pin)
            #expect(reader.idleConnections == 1, "the lookup went through the reader")
            #expect(read == first)
            #expect(try await pooled.dossiers.find(code: first.code, pin: pin) == read)
            // The same prepared statement with other values: the other dossier, then nothing for a wrong PIN.
            #expect(try await direct.dossiers.find(code: second.code, pin: secondPIN) == second)
            #expect(try await direct.dossiers.find(code: second.code, pin: pin == secondPIN ? "999999" : pin) == nil)

            // A change committed through Fluent shows in the reader's next read, and guesses are counted alike.
            let moved = try await service(pooled).act(
                on: first, .forward(toStep: nil, note: "Chuyển thẩm định"), expectedVersion: first.version, by: .staff(desk), now: now.addingTimeInterval(60))
            #expect(try await direct.dossiers.find(code: first.code, pin: pin)?.version == moved.version)
            try await pooled.throttle.record(scope: DossierLookup.throttleScope, key: "10.0.0.9", at: now)
            let counted = try await direct.dossiers.lookUp(
                Dossier.self, code: "NONE", pin: "000000", failuresOf: "10.0.0.9", in: DossierLookup.throttleScope, since: now.addingTimeInterval(-60))
            #expect(counted.dossier == nil && counted.failures == 1)
            #expect(reader.idleConnections == 1, "one connection served every read in turn")
        }
    }

    @Test("Background work lists dossiers through the reader, off Fluent's connections, page for page as Fluent lists them")
    func backgroundLists() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let shared = TestDatabases.sharedState(target)
            let reader = try #require(shared.reader)
            let background = FluentStore(database: db, shared: shared, inBackground: true), pooled = FluentStore(database: db)
            try await Fixtures.loadUnits(into: pooled)
            try await Fixtures.loadProcedure(into: pooled)
            let desk = try await desk(pooled)
            for _ in 0..<5 { _ = try await service(pooled).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now) }

            #expect(reader.idleConnections == 0)
            var query = DossierQuery(scope: .province, limit: 2)
            var pages = 0
            repeat {
                let read = try await background.dossiers.list(query), expected = try await pooled.dossiers.list(query)
                #expect(read.items == expected.items && read.nextCursor == expected.nextCursor)
                #expect(!read.items.isEmpty)
                query.cursor = read.nextCursor
                pages += 1
            } while query.cursor != nil
            #expect(pages == 3)
            #expect(reader.idleConnections == 1, "the background reads went through the reader")
        }
    }

    @Test("Inside a transaction reads use the transaction's connection and see its own writes")
    func transactionsReadTheirOwnWrites() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            let store = FluentStore(database: db, shared: TestDatabases.sharedState(target))
            try await Fixtures.loadUnits(into: store)
            try await Fixtures.loadProcedure(into: store)
            let desk = try await desk(store)
            let found = try await store.transaction { transaction in
                let (dossier, pin) = try await service(transaction).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)
                // Not committed yet: only this transaction's connection can see the new dossier.
                return try await transaction.dossiers.find(code: dossier.code, pin: pin)?.code
            }
            #expect(found != nil)
        }
    }

    @Test("Values come back as sqlite-kit decodes them; a missing file is an error, never a new database")
    func valuesAndMissingFile() async throws {
        try await TestDatabases.withDatabase(.sqlite) { _, db, target in
            guard case .sqlite(let path, _) = target else { return }
            let reader = SQLiteReader(path: path)
            let id = UUID(), at = Date(timeIntervalSince1970: 1_795_000_000.25)
            let query: SQLQueryString = "SELECT \(bind: id) AS id, \(bind: at) AS at, \(bind: 42) AS n, \(bind: "Đất đai") AS field, NULL AS empty"
            let row = try #require(try reader.rows(query, serializedBy: db as! any SQLDatabase)?.first)
            #expect(try row.decode(column: "id", as: UUID.self) == id)
            #expect(try row.decode(column: "at", as: Date.self) == at)
            #expect(try row.decode(column: "n", as: Int.self) == 42)
            #expect(try row.decode(column: "field", as: String.self) == "Đất đai")
            #expect(try row.decodeNil(column: "empty") && row.decodeNil(column: "absent"))
            #expect(try row.decode(column: "empty", as: String?.self) == nil)
            // Reads only: the connection refuses to write.
            #expect(throws: SQLiteFileError.self) { try reader.rows("DELETE FROM dossiers", binds: []) }

            let missing = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("missing.sqlite").path
            #expect(throws: SQLiteFileError.self) { try SQLiteReader(path: missing).rows("SELECT 1", binds: []) }
            #expect(!FileManager.default.fileExists(atPath: missing))
        }
    }

    @Test("Without an SQLite target there is no reader")
    func noReaderForPostgres() {
        #expect(SharedStoreState(database: .postgres(url: "postgres://localhost/cchc", schema: nil)).reader == nil)
        #expect(SharedStoreState().reader == nil)
    }
}
