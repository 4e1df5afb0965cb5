import Foundation
import VaporCSQLite

/// A consistent copy of a live database file through SQLite's online backup API: pages are copied a batch
/// at a time, and a write by another connection between batches restarts the copy, so the result is the
/// database as of one moment while the server keeps serving.
public enum SQLiteBackup {
    /// Copies `source` into a new file at `destination` (which must not exist).
    public static func copy(from source: String, to destination: String, pagesPerStep: Int32 = 4096) throws {
        guard !FileManager.default.fileExists(atPath: destination) else { throw SQLiteFileError(message: "\(destination) exists already") }
        var from: OpaquePointer?
        var to: OpaquePointer?
        defer {
            sqlite_nio_sqlite3_close_v2(from)
            sqlite_nio_sqlite3_close_v2(to)
        }
        guard sqlite_nio_sqlite3_open_v2(source, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, nil) == SQLITE_OK else {
            throw SQLiteFileError(from, SQLITE_CANTOPEN)
        }
        sqlite_nio_sqlite3_busy_timeout(from, 5000)
        guard sqlite_nio_sqlite3_open_v2(destination, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, nil) == SQLITE_OK else {
            throw SQLiteFileError(to, SQLITE_CANTOPEN)
        }
        guard let backup = sqlite_nio_sqlite3_backup_init(to, "main", from, "main") else { throw SQLiteFileError(to, SQLITE_ERROR) }
        var status: Int32
        repeat {
            status = sqlite_nio_sqlite3_backup_step(backup, pagesPerStep)
            // Another connection holds a lock for a moment: wait and go on.
            if status == SQLITE_BUSY || status == SQLITE_LOCKED { usleep(10_000) }
        } while status == SQLITE_OK || status == SQLITE_BUSY || status == SQLITE_LOCKED
        let finished = sqlite_nio_sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE, finished == SQLITE_OK else { throw SQLiteFileError(to, status == SQLITE_DONE ? finished : status) }
    }
}

extension SQLiteBackup {
    /// The number of rows of every table of the database at `path`, by table: what a backup records and a
    /// restore checks.
    public static func rowCounts(path: String) throws -> [String: Int] {
        var handle: OpaquePointer?
        defer { sqlite_nio_sqlite3_close_v2(handle) }
        guard sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, nil) == SQLITE_OK else {
            throw SQLiteFileError(handle, SQLITE_CANTOPEN)
        }
        func column(_ sql: String) throws -> [String] {
            var statement: OpaquePointer?
            guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw SQLiteFileError(handle, SQLITE_ERROR) }
            defer { sqlite_nio_sqlite3_finalize(statement) }
            var values: [String] = []
            while sqlite_nio_sqlite3_step(statement) == SQLITE_ROW {
                values.append(sqlite_nio_sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
            }
            return values
        }
        var counts: [String: Int] = [:]
        for table in try column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            counts[table] = Int(try column("SELECT count(*) FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\"").first ?? "0") ?? 0
        }
        return counts
    }
}
