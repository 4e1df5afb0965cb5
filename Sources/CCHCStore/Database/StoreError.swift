import FluentKit
import Foundation
import SQLiteEngine
import SQLiteKit

/// Faults of the store, not of user input: stored data this version cannot read (a 500), or a database
/// too busy to take a write in time (a 503: try again).
public enum StoreError: Error, CustomStringConvertible {
    case corruptRow(table: String, id: UUID?)
    /// A row this version reads with a stricter rule than the one it was written under, and the reason.
    case unreadable(table: String, id: UUID?, reason: String)
    /// A stored document of another schema version than this build reads: run the migrations.
    case documentVersion(table: String, found: Int, expected: Int)
    /// Other writes held the database for longer than a write may wait (the write gate's patience, or
    /// `DatabasePreparation.busyTimeoutMilliseconds` in SQLite's busy handler).
    case busy

    public var description: String {
        switch self {
        case .corruptRow(let table, let id): "Row \(id?.uuidString ?? "?") of \(table) holds a value this version cannot read"
        case .unreadable(let table, let id, let reason): "Row \(id?.uuidString ?? "?") of \(table) cannot be read: \(reason)"
        case .documentVersion(let table, let found, let expected):
            "A document of \(table) has schema version \(found), this build reads \(expected): run `cchc migrate`"
        case .busy: "The database stayed busy with other writes for longer than a write may wait"
        }
    }
}

extension Error {
    /// The write waited for the others past its time, at the write gate or in SQLite's busy handler.
    public var isDatabaseBusy: Bool {
        if case .busy? = self as? StoreError { return true }
        if let own = self as? SQLiteFileError { return own.isBusy }
        guard let sqlite = self as? SQLiteError else { return false }
        return sqlite.reason == .busy || sqlite.reason == .busyTimeout
    }

    /// A unique or foreign-key constraint refused the write.
    var isConstraintViolation: Bool {
        if let own = self as? SQLiteFileError { return own.isConstraintViolation }
        return (self as? any DatabaseError)?.isConstraintFailure ?? false
    }
}
