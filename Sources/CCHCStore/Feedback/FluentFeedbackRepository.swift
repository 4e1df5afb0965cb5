import CCHCCore
import Crypto
import Foundation
import SQLKit
import WorkCalendar

/// Feedback items, written with their event and the counters in one transaction on either database.
struct FluentFeedbackRepository: FeedbackRepository {
    let handle: DatabaseHandle
    static let table = "feedback"
    static let filesTable = "feedback_files"
    /// The code counter's key in `dossier_code_counters`: feedback codes are `PA-yymmdd-nnnn`.
    static let codePrefix = "PA"

    func create(
        _ submitted: SubmittedFeedback, event: FeedbackEventDraft, idempotency: IdempotencyClaim<SubmittedFeedback>?
    ) async throws -> SubmittedFeedback {
        try await handle.writeSQL { sql in
            var stored = submitted
            let day = VietnamTime.localDate(of: submitted.feedback.receivedAt)
            stored.feedback.code = DossierCode.make(
                unitCode: Self.codePrefix, date: day, sequence: try await DossierWritePath.reserveCodes(1, prefix: Self.codePrefix, day: day, on: sql))
            if let claim = idempotency {
                try await IdempotencyRows.insert(claim.key, response: try claim.response(for: stored), at: stored.feedback.createdAt, on: sql)
            }
            let feedback = stored.feedback
            try await sql.insert(into: Self.table).columns(Self.columns + ["id", "code", "pin_hash", "created_at"])
                .values(
                    try Self.values(feedback) + [
                        SQLBind(feedback.id), SQLBind(feedback.code), SQLBind(Self.pinHash(submitted.pin, id: feedback.id)), SQLBind(feedback.createdAt),
                    ]
                ).run()
            for file in feedback.attachments ?? [] {
                try await sql.insert(into: Self.filesTable).columns("id", "feedback_id", "storage_path", "sha256", "uploaded_at")
                    .values(SQLBind(file.id), SQLBind(feedback.id), SQLBind(file.storagePath), SQLBind(file.sha256), SQLBind(file.uploadedAt)).run()
            }
            try await FeedbackChain.append(event, feedbackID: feedback.id, on: sql)
            try await ProjectionCounters.apply(FeedbackCounters().changes(for: event, before: nil, after: event.facts), on: sql)
            return stored
        }
    }

    func update(_ feedback: Feedback, expectedVersion: Int, before: FeedbackFacts, event: FeedbackEventDraft) async throws {
        let values = try Self.values(feedback)
        try await handle.writeSQL { sql in
            let update = sql.update(Self.table)
            for (column, value) in zip(Self.columns, values) { update.set(SQLColumn(column), to: value) }
            let updated = try await update.where("id", .equal, feedback.id).where("version", .equal, expectedVersion).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
            try await FeedbackChain.append(event, feedbackID: feedback.id, on: sql)
            try await ProjectionCounters.apply(FeedbackCounters().changes(for: event, before: before, after: event.facts), on: sql)
            try await NotificationRows.enqueue(GovernanceNotifications.requests(for: event, feedback: feedback), at: event.occurredAt, on: sql)
        }
    }

    /// The columns every write sets (the others are set once, by `create`).
    static let columns = [
        "state", "unit_id", "classification", "received_at", "stage_due", "search_text", "sender_account_id", "document", "version", "updated_at",
    ]

    static func values(_ feedback: Feedback) throws -> [any SQLExpression] {
        [
            SQLBind(feedback.state.rawValue), SQLBind(feedback.unitID), SQLBind(feedback.classification.rawValue), SQLBind(feedback.receivedAt),
            SQLBind(feedback.stageDue?.description), SQLBind(feedback.searchText), SQLBind(feedback.sender.accountID),
            SQLBind(try JSONCoding.string(feedback)), SQLBind(feedback.version), SQLBind(feedback.updatedAt),
        ]
    }

    static func pinHash(_ pin: String, id: UUID) -> String {
        SHA256.hash(data: Data("feedback:\(id.uuidString):\(pin)".utf8)).hexString
    }

    func attachmentExists(id: UUID) async throws -> Bool {
        try await handle.sql.select().column("id").from(Self.filesTable).where("id", .equal, id).first() != nil
    }

    func find(code: String) async throws -> Feedback? {
        try await handle.sql.select().columns("document").from(Self.table).where("code", .equal, code).first().map(Self.decode)
    }

    func find(code: String, pin: String) async throws -> Feedback? {
        guard let row = try await handle.sql.select().columns("id", "pin_hash", "document").from(Self.table).where("code", .equal, code).first()
        else { return nil }
        let expected = Self.pinHash(pin, id: try row.decode(column: "id", as: UUID.self))
        guard expected.constantTimeEquals(try row.decode(column: "pin_hash", as: String.self)) else { return nil }
        return try Self.decode(row)
    }

    func events(of feedbackID: UUID) async throws -> [FeedbackEvent] {
        try await handle.sql.select().column("*").from(FeedbackChain.table).where("feedback_id", .equal, feedbackID).orderBy("sequence").all()
            .map(FeedbackChain.decode)
    }

    func list(_ query: FeedbackQuery) async throws -> ResultPage<Feedback> {
        if let units = query.units, units.isEmpty { return ResultPage(items: [], nextCursor: nil) }
        let select = handle.sql.select().columns("code", "document").from(Self.table)
        if let units = query.units { select.where("unit_id", .in, units.sorted { $0.uuidString < $1.uuidString }) }
        if !query.states.isEmpty { select.where("state", .in, query.states.map(\.rawValue)) }
        if let before = query.stageDueBefore { select.where("stage_due", .lessThan, before.description) }
        if let account = query.senderAccountID { select.where("sender_account_id", .equal, account) }
        for word in (query.text ?? "").split(separator: " ") { select.where(SearchFilter.contains(column: "search_text", word: String(word))) }
        if let cursor = query.cursor { select.where("code", .lessThan, try Cursor.decode(cursor)) }
        let rows = try await select.orderBy("code", .descending).limit(query.limit + 1).all()
        let items = try rows.prefix(query.limit).map(Self.decode)
        return ResultPage(items: items, nextCursor: rows.count > query.limit ? items.last.map { Cursor.encode($0.code) } : nil)
    }

    func verifyAuditChain() async throws -> AuditVerification {
        try await FeedbackChain.verify(on: handle.sql)
    }

    static func decode(_ row: any SQLRow) throws -> Feedback {
        try DocumentRow.decode(Feedback.self, row, table: table)
    }
}

struct FluentFeedbackRulesRepository: FeedbackRulesRepository {
    let handle: DatabaseHandle

    func history() async throws -> FeedbackRulesHistory {
        FeedbackRulesHistory(try await RuleSetTable(table: "rule_sets", kind: "feedback", handle: handle).versions())
    }

    func add(_ added: FeedbackRulesVersion, closing closed: FeedbackRulesVersion?) async throws {
        try await RuleSetTable(table: "rule_sets", kind: "feedback", handle: handle).add(added, closing: closed)
    }
}
