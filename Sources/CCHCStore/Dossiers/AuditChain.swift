import CCHCCore
import Crypto
import FluentKit
import Foundation
import SQLKit
import Synchronization

/// The hash chain over dossier events. Every event gets the next number in one sequence for the whole
/// province and a SHA-256 over its content and the previous event's hash; the chain's head is kept in
/// `audit_chain` and moved in the same transaction as the events.
///
/// Events of schema version 1 (before payloads were typed) are hashed over their flat map of strings in
/// `details`; their typed payload was converted from it by migration, and the check proves that it still
/// says the same. Events of version 2 are hashed over their typed payload and their facts.
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    /// The chain's head as this process last wrote it. It saves reading the head before each append: the
    /// head is moved only where it still is what was remembered, so a stale memory (another instance
    /// appended, or a transaction rolled back) costs one read and one more try, never a wrong link.
    final class RememberedHead: Sendable {
        private let head = Mutex<(sequence: Int, hash: String)?>(nil)

        var value: (sequence: Int, hash: String)? { head.withLock { $0 } }

        func set(_ value: (sequence: Int, hash: String)?) { head.withLock { $0 = value } }
    }

    /// Appends events of several dossiers, in the order given, inside the caller's write transaction.
    static func append(_ events: [(dossierID: UUID, draft: DossierEventDraft)], on sql: any SQLDatabase, head remembered: RememberedHead? = nil) async throws {
        guard !events.isEmpty else { return }
        var from = remembered?.value
        var linked: (rows: [[any SQLExpression]], last: (sequence: Int, hash: String))
        while true {
            let head: (sequence: Int, hash: String)
            if let from { head = from } else { head = try await readHead(on: sql) }
            linked = try link(events, after: head)
            let moved = try await sql.raw(
                """
                UPDATE audit_chain SET last_sequence = \(bind: linked.last.sequence), last_hash = \(bind: linked.last.hash) \
                WHERE id = 1 AND last_sequence = \(bind: head.sequence) AND last_hash = \(bind: head.hash) RETURNING last_sequence
                """
            ).first()
            if moved != nil { break }
            guard from != nil else { throw StoreError.corruptRow(table: "audit_chain", id: nil) }
            remembered?.set(nil)
            from = nil
        }
        // All the events in one statement: one round trip to the database, however many there are.
        let insert = sql.insert(into: "dossier_events").columns(
            "id", "sequence", "dossier_id", "action", "status_before", "status_after", "actor_username", "actor_name",
            "actor_role", "unit_id", "occurred_at", "occurred_ms", "details", "schema_version", "payload", "facts", "previous_hash", "hash")
        for row in linked.rows { insert.values(row) }
        try await insert.run()
        remembered?.set(linked.last)
    }

    /// The head as stored. On PostgreSQL the row lock keeps other writers out until this transaction ends;
    /// on SQLite, BEGIN IMMEDIATE already has.
    private static func readHead(on sql: any SQLDatabase) async throws -> (sequence: Int, hash: String) {
        let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE"
        guard let row = try await sql.raw("SELECT last_sequence, last_hash FROM audit_chain WHERE id = 1\(unsafeRaw: lock)").first() else {
            throw StoreError.corruptRow(table: "audit_chain", id: nil)
        }
        return (try row.decode(column: "last_sequence", as: Int.self), try row.decode(column: "last_hash", as: String.self))
    }

    /// The events' rows, numbered and hashed after `head`, and the new head.
    private static func link(
        _ events: [(dossierID: UUID, draft: DossierEventDraft)], after head: (sequence: Int, hash: String)
    ) throws -> (rows: [[any SQLExpression]], last: (sequence: Int, hash: String)) {
        var sequence = head.sequence
        var previous = head.hash
        var rows: [[any SQLExpression]] = []
        for (dossierID, draft) in events {
            sequence += 1
            let payload = try draft.payload.json()
            let facts = try draft.facts.json()
            let milliseconds = Int((draft.occurredAt.timeIntervalSince1970 * 1000).rounded())
            let hash = self.hash(
                sequence: sequence, dossierID: dossierID, draft: draft, milliseconds: milliseconds, content: .typed(payload: payload, facts: facts),
                previous: previous)
            rows.append([
                SQLBind(UUID()), SQLBind(sequence), SQLBind(dossierID), SQLBind(draft.action), SQLBind(draft.statusBefore?.rawValue),
                SQLBind(draft.statusAfter.rawValue), SQLBind(draft.actorUsername), SQLBind(draft.actorName), SQLBind(draft.actorRole),
                SQLBind(draft.unitID), SQLBind(draft.occurredAt), SQLBind(milliseconds), SQLBind(""), SQLBind(DossierEventPayload.schemaVersion),
                SQLBind(payload), SQLBind(facts), SQLBind(previous), SQLBind(hash),
            ])
            previous = hash
        }
        return (rows, (sequence, previous))
    }

    /// What an event's hash covers besides the fields every event has.
    enum HashedContent {
        /// Schema version 1: the flat map of strings, as stored.
        case legacy(details: String)
        /// Schema version 2: the typed payload and the facts, as stored.
        case typed(payload: String, facts: String)

        var fields: [String] {
            switch self {
            case .legacy(let details): [details]
            case .typed(let payload, let facts): [payload, facts, "v\(DossierEventPayload.schemaVersion)"]
            }
        }
    }

    /// SHA-256 over every field that says what happened, and the previous hash.
    static func hash(sequence: Int, dossierID: UUID, draft: DossierEventDraft, milliseconds: Int, content: HashedContent, previous: String) -> String {
        let text =
            [
                String(sequence), dossierID.uuidString, draft.action, String(draft.statusBefore?.rawValue ?? 0), String(draft.statusAfter.rawValue),
                draft.actorUsername, draft.actorName, draft.actorRole ?? "", draft.unitID?.uuidString ?? "", String(milliseconds),
            ] + content.fields + [previous]
        return SHA256.hash(data: Data(text.joined(separator: "\u{1F}").utf8)).hexString
    }

    /// Reads the chain in order and recomputes it; names the first event that does not fit.
    static func verify(on db: any Database) async throws -> AuditVerification {
        let sql = db as! any SQLDatabase
        var expectedSequence = 0
        var previous = genesis
        var checked = 0
        let batch = 2000
        while true {
            let rows = try await sql.select().column("*").from("dossier_events")
                .where("sequence", .greaterThan, expectedSequence).orderBy("sequence").limit(batch).all()
            for row in rows {
                expectedSequence += 1
                let event: DossierEvent
                do {
                    event = try decodeEvent(row)
                } catch {
                    return AuditVerification(eventsChecked: checked, firstBroken: (try row.decode(column: "sequence", as: Int.self), "unreadable"))
                }
                if event.sequence != expectedSequence {
                    return AuditVerification(eventsChecked: checked, firstBroken: (expectedSequence, "missing"))
                }
                if event.previousHash != previous {
                    return AuditVerification(eventsChecked: checked, firstBroken: (event.sequence, "link"))
                }
                let milliseconds = try row.decode(column: "occurred_ms", as: Int.self)
                let content: HashedContent
                if event.schemaVersion == 1 {
                    let details = try row.decode(column: "details", as: String.self)
                    // The converted payload must still say what the hashed original says.
                    guard let original = try? JSONCoding.decode([String: String].self, details),
                        (try? LegacyEventDetails.payload(action: event.draft.action, details: original)) == event.draft.payload
                    else { return AuditVerification(eventsChecked: checked, firstBroken: (event.sequence, "payload")) }
                    content = .legacy(details: details)
                } else {
                    content = .typed(payload: try row.decode(column: "payload", as: String.self), facts: try row.decode(column: "facts", as: String.self))
                }
                let recomputed = hash(
                    sequence: event.sequence, dossierID: event.dossierID, draft: event.draft, milliseconds: milliseconds, content: content, previous: previous)
                if recomputed != event.hash {
                    return AuditVerification(eventsChecked: checked, firstBroken: (event.sequence, "hash"))
                }
                previous = event.hash
                checked += 1
            }
            if rows.count < batch { break }
        }
        let head = try await sql.raw("SELECT last_sequence, last_hash FROM audit_chain WHERE id = 1").first()
        let lastSequence = try head?.decode(column: "last_sequence", as: Int.self) ?? 0
        let lastHash = try head?.decode(column: "last_hash", as: String.self) ?? genesis
        if lastSequence != expectedSequence || lastHash != previous {
            return AuditVerification(eventsChecked: checked, firstBroken: (expectedSequence + 1, "missing"))
        }
        return AuditVerification(eventsChecked: checked, firstBroken: nil)
    }

    static func decodeEvent(_ row: any SQLRow) throws -> DossierEvent {
        let before = try row.decodeNil(column: "status_before") ? nil : try row.decode(column: "status_before", as: Int.self)
        guard let after = DossierStatus(rawValue: try row.decode(column: "status_after", as: Int.self)) else {
            throw StoreError.corruptRow(table: "dossier_events", id: nil)
        }
        let id = try row.decode(column: "id", as: UUID.self)
        let action = try row.decode(column: "action", as: String.self)
        let payload: DossierEventPayload
        let facts: DossierFacts
        do {
            payload = try DossierEventPayload.decode(action: action, json: try row.decode(column: "payload", as: String.self))
            facts = try DossierFacts.decode(try row.decode(column: "facts", as: String.self))
        } catch {
            // An event that cannot be read is an error, never an event without its details.
            throw StoreError.unreadable(table: "dossier_events", id: id, reason: String(describing: error))
        }
        let draft = DossierEventDraft(
            payload: payload, statusBefore: before.flatMap(DossierStatus.init(rawValue:)),
            statusAfter: after, actorUsername: try row.decode(column: "actor_username", as: String.self),
            actorName: try row.decode(column: "actor_name", as: String.self), actorRole: try row.decode(column: "actor_role", as: String?.self),
            unitID: try row.decode(column: "unit_id", as: UUID?.self), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
            facts: facts)
        return DossierEvent(
            id: id, sequence: try row.decode(column: "sequence", as: Int.self),
            dossierID: try row.decode(column: "dossier_id", as: UUID.self), draft: draft, schemaVersion: try row.decode(column: "schema_version", as: Int.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }
}
