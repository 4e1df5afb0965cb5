import CCHCCore
import FluentKit
import Foundation
import SQLKit

/// Dossier events get typed payloads and the facts projections are computed from. An event written before
/// keeps its flat map of strings in `details` (schema version 1), which its hash covers, so the chain
/// still verifies; its payload is converted from that map, strictly (a value that cannot be read stops the
/// migration and names the event), and its facts are read back from the events and the dossier
/// (`LegacyEventDetails.facts`). New events (schema version 2) hash their payload and facts.
struct M0012TypedDossierEvents: AsyncMigration {
    var name: String { "0012_typed_dossier_events" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for column in ["schema_version INTEGER NOT NULL DEFAULT 1", "payload TEXT NOT NULL DEFAULT ''", "facts TEXT NOT NULL DEFAULT ''"] {
            try await sql.raw("ALTER TABLE dossier_events ADD COLUMN \(unsafeRaw: column)").run()
        }
        // One transaction: on SQLite every statement would otherwise commit (and sync) on its own.
        try await database.transaction { database in try await Self.convert(on: database as! any SQLDatabase) }
    }

    static func convert(on sql: any SQLDatabase) async throws {
        try await DocumentBatches.each(on: sql, table: "dossiers", columns: ["id", "document"]) { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let dossier = try JSONCoding.decode(Dossier.self, try row.decode(column: "document", as: String.self))
            let rows = try await sql.select().column("id").column("sequence").column("action").column("status_after").column("occurred_at")
                .column("details").from("dossier_events").where("dossier_id", .equal, id).orderBy("sequence").all()
            var events: [(id: UUID, event: LegacyEventDetails.Event)] = []
            for event in rows {
                let sequence = try event.decode(column: "sequence", as: Int.self)
                let action = try event.decode(column: "action", as: String.self)
                let payload: DossierEventPayload
                do {
                    let details = try JSONCoding.decode([String: String].self, try event.decode(column: "details", as: String.self))
                    payload = try LegacyEventDetails.payload(action: action, details: details)
                } catch {
                    throw StoreError.unreadable(table: "dossier_events", id: nil, reason: "event \(sequence): \(error)")
                }
                guard let status = DossierStatus(rawValue: try event.decode(column: "status_after", as: Int.self)) else {
                    throw StoreError.unreadable(table: "dossier_events", id: nil, reason: "event \(sequence): status")
                }
                events.append(
                    (
                        try event.decode(column: "id", as: UUID.self),
                        .init(payload: payload, statusAfter: status, occurredAt: try event.decode(column: "occurred_at", as: Date.self))
                    ))
            }
            let facts = LegacyEventDetails.facts(for: events.map(\.event), of: dossier)
            for ((eventID, event), after) in zip(events, facts) {
                try await sql.update("dossier_events")
                    .set("payload", to: try event.payload.json()).set("facts", to: try after.json())
                    .where("id", .equal, eventID).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let typed = try await sql.raw("SELECT COUNT(*) AS n FROM dossier_events WHERE schema_version > 1").first()?.decode(column: "n", as: Int.self) ?? 0
        guard typed == 0 else {
            throw StoreError.unreadable(
                table: "dossier_events", id: nil, reason: "\(typed) events were written with typed payloads; reverting would lose them")
        }
        for column in ["facts", "payload", "schema_version"] {
            try await sql.raw("ALTER TABLE dossier_events DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
