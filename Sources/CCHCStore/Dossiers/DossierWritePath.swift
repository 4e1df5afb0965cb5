import CCHCCore
import Crypto
import Foundation
import SQLKit
import WorkCalendar

/// The one way dossiers are written, on either database: intake at the counter and online (with or
/// without an idempotency key, alone or in a group commit), every action, every deadline flag and every
/// re-issued PIN. One call is one transaction (the caller's): codes for new dossiers, the answer kept
/// under an idempotency key, the rows, the units each dossier involves, its files' rows, its events on
/// the audit chain, and every projection's counters. A projection added to `DossierProjections.all` is
/// kept here without a change to this code.
enum DossierWritePath {
    struct Write: Sendable {
        enum Change: Sendable {
            /// A new dossier (its code still blank), under the next code of this desk for its day.
            case create(receivingUnitCode: String, pin: String)
            /// The new state of a dossier still at this version.
            case update(expectedVersion: Int)
            /// A new lookup PIN, the state unchanged.
            case replacePIN(String)
        }

        var dossier: Dossier
        /// The stored JSON of `dossier`, encoded by the caller before it waits for a batch.
        var document: String
        var change: Change
        /// The facts before the first event (nil for a new dossier).
        var before: DossierFacts?
        var events: [DossierEventDraft]
        var files: [DossierFile]
        var idempotency: IdempotencyClaim<Dossier>?
        /// False for a history imported or generated after the fact, whose messages would come too late.
        var notifies = true

        static func create(_ new: NewDossier, notifies: Bool = true) throws -> Write {
            Write(
                dossier: new.dossier, document: try JSONCoding.string(new.dossier),
                change: .create(receivingUnitCode: new.receivingUnitCode, pin: new.pin), before: nil, events: new.events, files: new.files,
                idempotency: new.idempotency, notifies: notifies)
        }

        static func update(_ transition: DossierTransition, expectedVersion: Int, files: [DossierFile]) throws -> Write {
            Write(
                dossier: transition.dossier, document: try JSONCoding.string(transition.dossier), change: .update(expectedVersion: expectedVersion),
                before: transition.before, events: [transition.event], files: files, idempotency: nil)
        }
    }

    /// Writes `writes` in the caller's transaction and returns the dossiers as stored (with their codes).
    static func write(_ writes: [Write], in sql: any SQLDatabase, head: AuditChain.RememberedHead?) async throws -> [Dossier] {
        var stored = writes.map(\.dossier)
        try await assignCodes(to: &stored, writes, in: sql)
        for (write, dossier) in zip(writes, stored) {
            if let claim = write.idempotency {
                try await IdempotencyRows.insert(claim.key, response: try claim.response(for: dossier), at: dossier.updatedAt, on: sql)
            }
        }
        let creates = zip(writes, stored).filter { if case .create = $0.0.change { return true } else { return false } }
        if !creates.isEmpty {
            let insert = sql.insert(into: Columns.table).columns(Columns.all)
            for (write, dossier) in creates {
                guard case .create(_, let pin) = write.change else { continue }
                insert.values(Columns.values(dossier, document: write.document, pinHash: pinHash(pin, id: dossier.id)))
            }
            try await insert.run()
        }
        for write in writes {
            switch write.change {
            case .create:
                break
            case .update(let expected):
                let values = Columns.values(write.dossier, document: write.document, pinHash: nil)
                let updates = zip(Columns.all, values).filter { !Columns.fixed.contains($0.0) }
                guard try await sql.update(Columns.table, id: write.dossier.id, ifVersion: expected, set: updates) else {
                    throw DomainError.staleVersion(current: expected + 1)
                }
            case .replacePIN(let pin):
                try await sql.update(Columns.table).set("pin_hash", to: pinHash(pin, id: write.dossier.id)).where("id", .equal, write.dossier.id).run()
            }
        }
        try await recordInvolvedUnits(writes, in: sql)
        try await insertFiles(writes.flatMap(\.files), in: sql)
        try await AuditChain.append(writes.flatMap { write in write.events.map { (write.dossier.id, $0) } }, on: sql, head: head)
        try await ProjectionCounters.apply(projectionChanges(writes), on: sql)
        try await NotificationRows.enqueue(notificationRequests(writes, stored: stored), on: sql)
        return stored
    }

    /// Every projection's changes for every event, each event seen against the facts before it.
    static func projectionChanges(_ writes: [Write]) -> [CounterChange] {
        writes.flatMap { write in
            var before = write.before
            return write.events.flatMap { event in
                defer { before = event.facts }
                return DossierProjections.changes(for: event, before: before)
            }
        }
    }

    /// The messages every event causes, read against the dossier as stored (with its code).
    static func notificationRequests(_ writes: [Write], stored: [Dossier]) -> [(NotificationRequest, Date)] {
        zip(writes, stored).filter { $0.0.notifies }.flatMap { write, dossier in
            write.events.flatMap { event in DossierNotifications.requests(for: event, dossier: dossier).map { ($0, event.occurredAt) } }
        }
    }

    /// One counter per receiving unit and day, moved once by the number of its new dossiers; the upsert is
    /// atomic on both databases, so concurrent writers get disjoint ranges of numbers. In one order
    /// everywhere, so that two instances' batches never wait on each other's counters.
    private static func assignCodes(to stored: inout [Dossier], _ writes: [Write], in sql: any SQLDatabase) async throws {
        var groups: [String: (unitCode: String, day: LocalDate, indices: [Int])] = [:]
        for (index, write) in writes.enumerated() {
            guard case .create(let unitCode, _) = write.change else { continue }
            let day = VietnamTime.localDate(of: write.dossier.submittedAt)
            groups["\(unitCode)|\(day)", default: (unitCode, day, [])].indices.append(index)
        }
        for group in groups.values.sorted(by: { ($0.unitCode, $0.day) < ($1.unitCode, $1.day) }) {
            let count = group.indices.count
            let last = try await reserveCodes(count, prefix: group.unitCode, day: group.day, on: sql)
            for (offset, index) in group.indices.enumerated() {
                stored[index].code = DossierCode.make(unitCode: group.unitCode, date: group.day, sequence: last - count + 1 + offset)
            }
        }
    }

    /// The next code of a record numbered by year, `KS-2026-001` (survey campaigns, plans, requirements): the
    /// year's counter is that of its first day.
    static func yearlyCode(prefix: String, year: Int, on sql: any SQLDatabase) async throws -> String {
        let number = try await reserveCodes(1, prefix: prefix, day: LocalDate(year: year, month: 1, day: 1)!, on: sql)
        return "\(prefix)-\(year)-\(String(format: "%03d", number))"
    }

    /// Moves the code counter of `prefix` and `day` on by `count` and returns its new last value: the
    /// numbers `last - count + 1 ... last` are the caller's (feedback codes use it too, under their prefix).
    static func reserveCodes(_ count: Int, prefix: String, day: LocalDate, on sql: any SQLDatabase) async throws -> Int {
        let counter = try await sql.raw(
            """
            INSERT INTO dossier_code_counters (unit_code, day, last_value) VALUES (\(bind: prefix), \(bind: day.description), \(bind: count)) \
            ON CONFLICT (unit_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + \(bind: count) RETURNING last_value
            """
        ).first()
        return try counter?.decode(column: "last_value", as: Int.self) ?? count
    }

    /// The units each dossier involves (`Dossier.involvedUnitIDs`); they only grow, so present ones are kept.
    private static func recordInvolvedUnits(_ writes: [Write], in sql: any SQLDatabase) async throws {
        let pairs = writes.flatMap { write in write.dossier.involvedUnitIDs.sorted { $0.uuidString < $1.uuidString }.map { (write.dossier.id, $0) } }
        guard !pairs.isEmpty else { return }
        let insert = sql.insert(into: "dossier_units").columns("dossier_id", "unit_id")
        for (dossier, unit) in pairs { insert.values(SQLBind(dossier), SQLBind(unit)) }
        try await sql.raw("\(insert.query) ON CONFLICT (dossier_id, unit_id) DO NOTHING").run()
    }

    private static func insertFiles(_ files: [DossierFile], in sql: any SQLDatabase) async throws {
        guard !files.isEmpty else { return }
        let insert = sql.insert(into: "dossier_files").columns(
            "id", "dossier_id", "component_index", "original_name", "content_type", "size", "sha256", "storage_path", "uploaded_by", "uploaded_at")
        for file in files {
            insert.values(
                SQLBind(file.id), SQLBind(file.dossierID), SQLBind(file.componentIndex), SQLBind(file.originalName), SQLBind(file.kind.rawValue),
                SQLBind(file.size), SQLBind(file.sha256), SQLBind(file.storagePath), SQLBind(file.uploadedBy), SQLBind(file.uploadedAt))
        }
        try await insert.run()
    }

    static func pinHash(_ pin: String, id: UUID) -> String {
        SHA256.hash(data: Data("\(id.uuidString):\(pin)".utf8)).hexString
    }

    /// The dossier's columns: those queues filter and sort on, and the whole state as its document.
    enum Columns {
        static let table = "dossiers"

        static let all = [
            "id", "code", "procedure_id", "procedure_code", "field", "channel", "status", "applicant_name", "citizen_user_id",
            "receiving_point_id", "receiving_unit_id", "competent_unit_id", "current_unit_id", "submitted_at", "submitted_day",
            "accepted_at", "due_at", "nearing_due", "overdue", "timeliness", "late_unit_id", "search_text", "pin_hash", "document",
            "version", "created_at", "updated_at",
        ]

        /// Set once, when the dossier is created.
        static let fixed: Set<String> = ["id", "code", "pin_hash", "created_at"]

        static func values(_ dossier: Dossier, document: String, pinHash: String?) -> [any Encodable & Sendable] {
            [
                dossier.id, dossier.code, dossier.procedureID, dossier.procedureCode, dossier.field, dossier.channel.rawValue,
                dossier.status.rawValue, dossier.applicant.fullName, dossier.citizenUserID, dossier.receivingPointID,
                dossier.receivingUnitID, dossier.competentUnitID, dossier.currentUnitID, dossier.submittedAt,
                VietnamTime.localDate(of: dossier.submittedAt).description, dossier.acceptedAt, dossier.dueAt, dossier.nearingDue,
                dossier.overdue, dossier.timeliness?.rawValue, dossier.lateAttribution?.unitID, dossier.searchText, pinHash ?? "",
                document, dossier.version, dossier.createdAt, dossier.updatedAt,
            ]
        }
    }
}

/// Answers kept under idempotency keys, written in the transaction of what they answer for.
enum IdempotencyRows {
    static func insert(_ key: IdempotencyKey, response: IdempotentResponse, at: Date, on sql: any SQLDatabase) async throws {
        let inserted = try await sql.raw(
            """
            INSERT INTO idempotency_keys (id, owner, key, request_hash, status, response, created_at) \
            VALUES (\(bind: UUID()), \(bind: key.owner), \(bind: key.key), \(bind: response.requestHash), \(bind: response.status), \
            \(bind: response.body), \(bind: at)) ON CONFLICT (owner, key) DO NOTHING RETURNING id
            """
        ).first()
        if inserted == nil { throw IdempotencyKeyTaken() }
    }
}
