import CCHCTestSupport
import FluentKit
import SQLKit
import Testing

@testable import CCHCStore

/// `DatabaseHandle.scan` reads many rows by another road than SQLKit's (the SQLite reader, PostgreSQL's
/// packed rows): it must read what SQLKit reads, falling back where that road cannot carry a value.
@Suite("Reads of many rows")
struct ScanTests {
    struct Read: Equatable {
        var code: String?
        var count: Int?
    }

    static func reads(_ rows: [any SQLRow]) throws -> [Read] {
        try rows.map { row in
            Read(
                code: try row.decodeNil(column: "code") ? nil : try row.decode(column: "code", as: String.self),
                count: try row.decodeNil(column: "count") ? nil : try row.decode(column: "count", as: Int.self))
        }
        .sorted { ($0.code ?? "", $0.count ?? 0) < ($1.code ?? "", $1.count ?? 0) }
    }

    @Test(
        "A scan reads what SQLKit reads: codes and counts, an empty code, no rows, and rows with a null or a separator in a value",
        arguments: TestDatabases.kinds)
    func sameAsSQLKit(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { _, db, target in
            let handle = DatabaseHandle(db: db, inTransaction: false, shared: TestDatabases.sharedState(target))
            let sql = handle.sql
            try await sql.raw("CREATE TABLE scan_rows (code TEXT, count BIGINT)").run()
            func scanned(_ filter: String) async throws -> (scan: [Read], sqlKit: [Read]) {
                let select = { sql.select().column("code").column("count").from("scan_rows").where("code", .like, filter) }
                return (try Self.reads(try await handle.scan(select(), columns: ["code", "count"])), try Self.reads(try await select().all()))
            }
            #expect(try await scanned("%").scan == [])

            let plain = [Read(code: "", count: 0), Read(code: "a", count: 1), Read(code: "received@month", count: 9_000_000_000)]
            for read in plain { try await sql.insert(into: "scan_rows").columns("code", "count").values(read.code!, read.count!).run() }
            let read = try await scanned("%")
            #expect(read.scan == plain && read.sqlKit == plain)

            // Values the packing cannot carry: the whole read falls back, nothing lost or shifted.
            let awkward = [Read(code: "n", count: nil), Read(code: "x\u{1F}y", count: 2), Read(code: "x\u{1E}z", count: 3)]
            for read in awkward {
                try await sql.insert(into: "scan_rows").columns("code", "count").values(SQLBind(read.code!), read.count.map { SQLBind($0) } ?? SQLLiteral.null)
                    .run()
            }
            for filter in ["n", "x_y", "x_z"] {
                let read = try await scanned(filter)
                #expect(read.scan == read.sqlKit && read.scan.count == 1, "\(filter)")
            }
            #expect(try await scanned("%").scan == (plain + awkward).sorted { ($0.code ?? "", $0.count ?? 0) < ($1.code ?? "", $1.count ?? 0) })
        }
    }

    @Test("Packed rows: one value per column in each row, or nothing read at all")
    func packedRows() throws {
        let columns = ["counter", "value"]
        let rows = try #require(PackedRows("a\u{1F}1\u{1E}\u{1F}22", columns: columns)).rows
        #expect(try rows.map { try $0.decode(column: "counter", as: String.self) } == ["a", ""])
        #expect(try rows.map { try $0.decode(column: "value", as: Int.self) } == [1, 22])
        #expect(throws: (any Error).self) { try rows[0].decode(column: "counter", as: Int.self) }
        #expect(PackedRows(nil, columns: columns)?.rows.isEmpty == true)
        #expect(PackedRows("a\u{1F}1\u{1E}b", columns: columns) == nil)
        #expect(PackedRows("a\u{1F}1\u{1F}2", columns: columns) == nil)
    }
}
