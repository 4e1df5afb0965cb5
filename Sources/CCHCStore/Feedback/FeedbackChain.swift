import CCHCCore
import Crypto
import Foundation
import SQLKit

/// The hash chain over feedback events, as `AuditChain` is over dossier events: each event gets the next
/// number of the feedback sequence and a SHA-256 over its content and the previous event's hash; the head
/// is `audit_chain` row 2, moved in the event's transaction.
enum FeedbackChain {
    static let headRow = 2
    static let table = "feedback_events"

    static func append(_ draft: FeedbackEventDraft, feedbackID: UUID, on sql: any SQLDatabase) async throws {
        let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE"
        guard
            let head = try await sql.raw("SELECT last_sequence, last_hash FROM audit_chain WHERE id = \(bind: headRow)\(unsafeRaw: lock)").first()
        else { throw StoreError.corruptRow(table: "audit_chain", id: nil) }
        let sequence = try head.decode(column: "last_sequence", as: Int.self) + 1
        let previous = try head.decode(column: "last_hash", as: String.self)
        let payload = try JSONCoding.string(draft.payload)
        let facts = try JSONCoding.string(draft.facts)
        let milliseconds = Int((draft.occurredAt.timeIntervalSince1970 * 1000).rounded())
        let hash = self.hash(
            sequence: sequence, feedbackID: feedbackID, draft: draft, milliseconds: milliseconds, payload: payload, facts: facts, previous: previous)
        try await sql.insert(into: table).columns(
            "id", "sequence", "feedback_id", "action", "state_before", "state_after", "actor_username", "actor_name", "actor_role",
            "occurred_at", "occurred_ms", "schema_version", "payload", "facts", "previous_hash", "hash"
        ).values(
            SQLBind(UUID()), SQLBind(sequence), SQLBind(feedbackID), SQLBind(draft.payload.action), SQLBind(draft.stateBefore?.rawValue),
            SQLBind(draft.stateAfter.rawValue), SQLBind(draft.actorUsername), SQLBind(draft.actorName), SQLBind(draft.actorRole),
            SQLBind(draft.occurredAt), SQLBind(milliseconds), SQLBind(FeedbackEventPayload.schemaVersion), SQLBind(payload), SQLBind(facts),
            SQLBind(previous), SQLBind(hash)
        ).run()
        try await sql.update("audit_chain").set("last_sequence", to: sequence).set("last_hash", to: hash).where("id", .equal, headRow).run()
    }

    static func hash(
        sequence: Int, feedbackID: UUID, draft: FeedbackEventDraft, milliseconds: Int, payload: String, facts: String, previous: String
    ) -> String {
        let text = [
            String(sequence), feedbackID.uuidString, draft.payload.action, draft.stateBefore?.rawValue ?? "", draft.stateAfter.rawValue,
            draft.actorUsername, draft.actorName, draft.actorRole ?? "", String(milliseconds), payload, facts,
            "v\(FeedbackEventPayload.schemaVersion)", previous,
        ]
        return SHA256.hash(data: Data(text.joined(separator: "\u{1F}").utf8)).hexString
    }

    static func decode(_ row: any SQLRow) throws -> FeedbackEvent {
        let id = try row.decode(column: "id", as: UUID.self)
        let draft: FeedbackEventDraft
        do {
            guard let after = FeedbackState(rawValue: try row.decode(column: "state_after", as: String.self)) else {
                throw StoreError.corruptRow(table: table, id: id)
            }
            draft = FeedbackEventDraft(
                payload: try JSONCoding.decode(FeedbackEventPayload.self, try row.decode(column: "payload", as: String.self)),
                stateBefore: try row.decode(column: "state_before", as: String?.self).flatMap(FeedbackState.init(rawValue:)), stateAfter: after,
                actorUsername: try row.decode(column: "actor_username", as: String.self), actorName: try row.decode(column: "actor_name", as: String.self),
                actorRole: try row.decode(column: "actor_role", as: String?.self), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                facts: try JSONCoding.decode(FeedbackFacts.self, try row.decode(column: "facts", as: String.self)))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unreadable(table: table, id: id, reason: String(describing: error))
        }
        return FeedbackEvent(
            sequence: try row.decode(column: "sequence", as: Int.self), feedbackID: try row.decode(column: "feedback_id", as: UUID.self), draft: draft,
            previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }

    /// Reads the chain in order and recomputes it over the rows as stored; names the first event that does not fit.
    static func verify(on sql: any SQLDatabase) async throws -> AuditVerification {
        var expected = 0
        var previous = AuditChain.genesis
        let batch = 2000
        while true {
            let rows = try await sql.select().column("*").from(table).where("sequence", .greaterThan, expected).orderBy("sequence").limit(batch).all()
            for row in rows {
                expected += 1
                guard let event = try? decode(row) else {
                    return AuditVerification(eventsChecked: expected - 1, firstBroken: (expected, "unreadable"))
                }
                if event.sequence != expected { return AuditVerification(eventsChecked: expected - 1, firstBroken: (expected, "missing")) }
                if event.previousHash != previous { return AuditVerification(eventsChecked: expected - 1, firstBroken: (expected, "link")) }
                let recomputed = hash(
                    sequence: event.sequence, feedbackID: event.feedbackID, draft: event.draft,
                    milliseconds: try row.decode(column: "occurred_ms", as: Int.self), payload: try row.decode(column: "payload", as: String.self),
                    facts: try row.decode(column: "facts", as: String.self), previous: previous)
                if recomputed != event.hash { return AuditVerification(eventsChecked: expected - 1, firstBroken: (expected, "hash")) }
                previous = event.hash
            }
            if rows.count < batch { break }
        }
        let head = try await sql.raw("SELECT last_sequence, last_hash FROM audit_chain WHERE id = \(bind: headRow)").first()
        if try head?.decode(column: "last_sequence", as: Int.self) != expected || head?.decode(column: "last_hash", as: String.self) != previous {
            return AuditVerification(eventsChecked: expected, firstBroken: (expected + 1, "missing"))
        }
        return AuditVerification(eventsChecked: expected, firstBroken: nil)
    }
}
