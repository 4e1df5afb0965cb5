import Foundation
import SQLKit

extension SQLDatabase {
    /// `UPDATE table SET … WHERE id = ? AND version = ?`: optimistic concurrency for every edit. Returns
    /// false when the row was no longer at `expectedVersion` (someone saved first), writing nothing.
    func update(
        _ table: String, id: UUID, ifVersion expectedVersion: Int, set values: [(String, any Encodable & Sendable)]
    ) async throws -> Bool {
        var builder = update(table)
        for (column, value) in values { builder = builder.set(column, to: value) }
        let updated = try await builder.where("id", .equal, id).where("version", .equal, expectedVersion).returning("id").all()
        return !updated.isEmpty
    }
}
