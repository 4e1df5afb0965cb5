import FluentKit
import Foundation

/// Faults of the stored data itself, not of user input: they surface as 500s and in the logs.
public enum StoreError: Error, CustomStringConvertible {
    case corruptRow(table: String, id: UUID?)

    public var description: String {
        switch self {
        case .corruptRow(let table, let id): "Row \(id?.uuidString ?? "?") of \(table) holds a value this version cannot read"
        }
    }
}

extension Error {
    /// A unique or foreign-key constraint refused the write.
    var isConstraintViolation: Bool {
        (self as? any DatabaseError)?.isConstraintFailure ?? false
    }
}
