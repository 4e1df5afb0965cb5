import CCHCCore
import Foundation
import SQLKit

/// Every kind of `YearlyRecord` in one table (`governance_records`), its kind the code's prefix.
struct FluentYearlyRecordRepository<Record: YearlyRecord>: YearlyRecordRepository {
    let handle: DatabaseHandle
    static var table: String { "governance_records" }

    func create(_ record: Record) async throws -> Record {
        try await handle.writeSQL { sql in
            var stored = record
            stored.code = try await DossierWritePath.yearlyCode(prefix: Record.codePrefix, year: record.year, on: sql)
            try await sql.insert(into: Self.table).columns("id", "kind", "code", "year", "document", "version")
                .values(
                    SQLBind(stored.id), SQLBind(Record.codePrefix), SQLBind(stored.code), SQLBind(stored.year), SQLBind(try JSONCoding.string(stored)),
                    SQLBind(stored.version)
                )
                .run()
            return stored
        }
    }

    func update(_ record: Record, expectedVersion: Int) async throws {
        try await handle.writeSQL { sql in
            guard
                try await sql.update(
                    Self.table, id: record.id, ifVersion: expectedVersion, set: [("document", try JSONCoding.string(record)), ("version", record.version)])
            else { throw DomainError.staleVersion(current: expectedVersion + 1) }
        }
    }

    func find(code: String) async throws -> Record? {
        try await handle.sql.select().column("document").from(Self.table).where("kind", .equal, Record.codePrefix).where("code", .equal, code).first()
            .map { try DocumentRow.decode(Record.self, $0, table: Self.table) }
    }

    func list(year: Int?) async throws -> [Record] {
        var query = handle.sql.select().column("document").from(Self.table).where("kind", .equal, Record.codePrefix)
        if let year { query = query.where("year", .equal, year) }
        return try await query.orderBy("year", .descending).orderBy("code").all().map { try DocumentRow.decode(Record.self, $0, table: Self.table) }
    }
}
