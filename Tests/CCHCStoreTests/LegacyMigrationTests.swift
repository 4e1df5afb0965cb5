import CCHCCore
import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import WorkCalendar

@testable import CCHCStore

/// A database as cchc left it before migration 0011 (version-1 documents, events with a flat map of
/// strings, hash-chained over it), brought up to date by the migrations.
@Suite("Migrating dossiers and events written before typed payloads")
struct LegacyMigrationTests {
    let now = Fixtures.now

    /// The machine's payload as the earlier machine wrote it: strings, instants in ISO 8601 whole seconds.
    static func legacyDetails(_ payload: DossierEventPayload) -> [String: String] {
        func instant(_ date: Date) -> String { date.formatted(.iso8601) }
        func appointment(_ value: Appointment?) -> [String: String] { value.map { ["appointment": "\($0.date) \($0.session.rawValue)"] } ?? [:] }
        switch payload {
        case .submit(let intake), .receive(let intake):
            return ["channel": intake.channel.rawValue, "procedure": intake.procedureCode, "components": String(intake.components)]
        case .accept(let accepted):
            return (accepted.dueAt.map { ["dueAt": instant($0)] } ?? [:]).merging(appointment(accepted.appointment)) { a, _ in a }
        case .forward(let forwarded):
            var details = ["fromStep": String(forwarded.fromStep), "toStep": String(forwarded.toStep), "toUnit": forwarded.toUnitCode]
            if let timeliness = forwarded.stepTimeliness { details["stepTimeliness"] = timeliness.rawValue }
            if !forwarded.note.isEmpty { details["note"] = forwarded.note }
            return details
        case .requestSupplement(let asked): return ["items": asked.items.joined(separator: "; "), "reason": asked.reason]
        case .receiveSupplement(let received): return received.note.isEmpty ? [:] : ["note": received.note]
        case .markResultReady(let ready):
            var details: [String: String] = [:]
            if let timeliness = ready.timeliness { details["timeliness"] = timeliness.rawValue }
            if let seconds = ready.workingSeconds { details["workingSeconds"] = String(seconds) }
            return details
        case .returnResult(let returned): return ["returnedTo": returned.returnedTo, "method": returned.method.rawValue]
        case .rate(let rated): return ["total": String(rated.total), "satisfaction": rated.satisfaction.rawValue]
        default: return [:]
        }
    }

    /// A database as the earlier cchc left it: its ten migrations, the fixture units and a procedure.
    static func earlierDatabase(
        _ databases: Databases, _ db: any Database
    ) async throws -> (sql: any SQLDatabase, store: FluentStore, tree: UnitTree, procedure: Procedure) {
        try await migrator(databases, through: 10).prepareBatch().get()
        let sql = db as! any SQLDatabase
        let store = FluentStore(database: db)
        try await Fixtures.loadUnits(into: store)
        let tree = try await store.units.tree()
        let procedure = try ProcedureRules.build(Fixtures.procedureDraft(), tree: tree, version: 1, today: Fixtures.day("2026-11-23"), now: Fixtures.now)
        try await insertLegacy(procedure, on: sql)
        return (sql, store, tree, procedure)
    }

    /// The first ten migrations only, as an earlier cchc had them.
    static func migrator(_ databases: Databases, through count: Int) async throws -> Migrator {
        let migrations = Migrations()
        migrations.add(Array(SchemaMigrations.all.prefix(count)), to: DatabaseTarget.databaseID)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: TestDatabases.logger, on: databases.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        return migrator
    }

    @Test(
        "Documents and events convert on both databases; the chain still verifies, and catches a payload that no longer says what its hashed original says",
        arguments: TestDatabases.kinds)
    func migrate(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind, migrate: false) { databases, db, _ in
            let (sql, store, tree, procedure) = try await Self.earlierDatabase(databases, db)

            // A dossier's life through the machine, written as the earlier version wrote it.
            let desk = User(
                username: "desk", fullName: "Desk", role: .deskOfficer, unitID: tree.unit(code: Fixtures.centreCode)?.id, createdAt: now, updatedAt: now)
            let specialist = User(
                username: "sp", fullName: "Sp", role: .specialist, unitID: tree.unit(code: Fixtures.landCode)?.id, createdAt: now, updatedAt: now)
            let book = DossierRuleBook(settings: ProvinceSettingsHistory([]), calendar: WorkingCalendar())
            var dossier = try DossierIntake.prepare(Fixtures.intakeRequest(), procedure: procedure, tree: tree, actor: .staff(desk), now: now)
            dossier.code = "\(Fixtures.centreCode)-261123-0001"
            var drafts = [
                DossierEventDraft(
                    .receive(.init(channel: .counter, procedureCode: procedure.code, components: 3)), before: nil, after: dossier,
                    by: .staff(desk), as: .role(.deskOfficer), at: now)
            ]
            for (minutes, action, actor) in [
                (0, DossierAction.accept, DossierActor.staff(desk)), (60, .forward(toStep: nil, note: "Chuyển"), .staff(desk)),
                (120, .requestSupplement(items: ["Bản vẽ", "Đơn"], reason: "Thiếu"), .staff(specialist)), (180, .receiveSupplement(note: ""), .staff(desk)),
            ] {
                let transition = try DossierMachine.apply(
                    action, to: dossier, by: actor,
                    context: book.context(
                        for: dossier, procedure: procedure, tree: tree, now: now.addingTimeInterval(Double(minutes) * 60)))
                dossier = transition.dossier
                drafts.append(transition.event)
            }
            try await Self.insertLegacy(dossier, events: drafts, on: sql)

            try await TestDatabases.migrator(databases).prepareBatch().get()
            #expect(try await SchemaMigrations.pending(on: db).isEmpty)

            let verification = try await store.dossiers.verifyAuditChain()
            #expect(verification == AuditVerification(eventsChecked: drafts.count, firstBroken: nil))
            let events = try await store.dossiers.events(dossierID: dossier.id)
            #expect(events.map(\.schemaVersion) == Array(repeating: 1, count: drafts.count))
            #expect(events.map(\.draft.action) == drafts.map(\.action))
            // Converted payloads say what the machine said, but for what version 1 did not keep.
            #expect(events[2].draft.payload == drafts[2].payload && events[3].draft.payload == drafts[3].payload)
            guard case .accept(let accepted) = events[1].draft.payload, case .accept(let original) = drafts[1].payload else {
                Issue.record("not an acceptance")
                return
            }
            #expect(accepted.dueAt == original.dueAt && accepted.appointment == original.appointment && accepted.settingsVersion == nil)
            #expect(events.last?.draft.facts == DossierFacts(dossier.withSettingsVersion(1)))

            let stored = try #require(try await store.dossiers.find(id: dossier.id))
            #expect(stored.schemaVersion == 2 && stored.settingsVersion == 1 && stored.visits == dossier.visits)
            let land = try #require(tree.unit(code: Fixtures.landCode)).id
            #expect(try await store.dossiers.list(DossierQuery(scope: .involving([land]))).items.map(\.id) == [dossier.id])
            #expect(try await store.dossiers.counts(scope: .heldBy([land])) == (try await store.dossiers.countedRows(scope: .heldBy([land]))))
            #expect(try await store.projections.check([]) { _, _ in }.isEmpty)

            // A new event chains onto the converted ones.
            let service = try await Fixtures.service(store)
            _ = try await service.act(
                on: stored, .forward(toStep: nil, note: ""), expectedVersion: stored.version, by: .staff(specialist), now: now.addingTimeInterval(4 * 3600))
            #expect(try await store.dossiers.verifyAuditChain() == AuditVerification(eventsChecked: drafts.count + 1, firstBroken: nil))

            // The typed payload of a converted event must keep saying what its hashed original says.
            try await sql.update("dossier_events").set("payload", to: #"{"fromStep":0,"note":"","toStep":2,"toUnitCode":"X"}"#).where("sequence", .equal, 3)
                .run()
            #expect(try await store.dossiers.verifyAuditChain().firstBroken.map { "\($0.sequence) \($0.problem)" } == "3 payload")
        }
    }

    @Test("An event whose details cannot be read stops the migration and names it", arguments: TestDatabases.kinds)
    func unreadable(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind, migrate: false) { databases, db, _ in
            let (sql, _, tree, procedure) = try await Self.earlierDatabase(databases, db)
            let desk = User(
                username: "desk", fullName: "Desk", role: .deskOfficer, unitID: tree.unit(code: Fixtures.centreCode)?.id, createdAt: now, updatedAt: now)
            var dossier = try DossierIntake.prepare(Fixtures.intakeRequest(), procedure: procedure, tree: tree, actor: .staff(desk), now: now)
            dossier.code = "X-1"
            let draft = DossierEventDraft(.stop(.init(reason: "x")), before: nil, after: dossier, by: .staff(desk), as: nil, at: now)
            try await Self.insertLegacy(dossier, events: [draft], on: sql, details: ["reason": "x", "colour": "red"])
            do {
                try await TestDatabases.migrator(databases).prepareBatch().get()
                Issue.record("The migration read an event it cannot read")
            } catch {
                #expect(String(describing: error).contains("event 1") && String(describing: error).contains("colour"))
            }
        }
    }

    static func insertLegacy(_ procedure: Procedure, on sql: any SQLDatabase) async throws {
        let model = try ProcedureModel(procedure)
        try await sql.insert(into: "procedures").columns(
            "id", "code", "version", "name", "field", "competent_unit_id", "receiving_unit_ids", "time_unit", "time_value", "cutoff", "supplement_rule",
            "fee", "fee_note", "components", "steps", "online_level", "effective_from", "effective_to", "search_text", "created_at", "updated_at"
        )
        .values(
            SQLBind(procedure.id), SQLBind(model.code), SQLBind(model.version), SQLBind(model.name), SQLBind(model.field), SQLBind(model.competentUnitID),
            SQLBind(model.receivingUnitIDs), SQLBind(model.timeUnit), SQLBind(model.timeValue), SQLBind(model.cutoff), SQLBind(model.supplementRule),
            SQLBind(model.fee), SQLBind(model.feeNote), SQLBind(model.components), SQLBind(model.steps), SQLBind(model.onlineLevel),
            SQLBind(model.effectiveFrom), SQLBind(model.effectiveTo), SQLBind(model.searchText), SQLBind(model.createdAt), SQLBind(model.updatedAt)
        )
        .run()
    }

    /// The dossier as a version-1 document (without the keys version 2 added) and its events hashed over
    /// their flat details, as migration 0010's schema holds them.
    static func insertLegacy(_ dossier: Dossier, events: [DossierEventDraft], on sql: any SQLDatabase, details override: [String: String]? = nil) async throws {
        var object = try JSONSerialization.jsonObject(with: Data(try JSONCoding.string(dossier).utf8)) as! [String: Any]
        object["schemaVersion"] = nil
        object["settingsVersion"] = nil
        let document = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        try await sql.insert(into: "dossiers").columns(DossierWritePath.Columns.all)
            .values(DossierWritePath.Columns.values(dossier, document: document, pinHash: DossierWritePath.pinHash("123456", id: dossier.id)))
            .run()
        var previous = AuditChain.genesis
        for (index, draft) in events.enumerated() {
            let sequence = index + 1
            let details = try JSONCoding.string(override ?? legacyDetails(draft.payload))
            let milliseconds = Int((draft.occurredAt.timeIntervalSince1970 * 1000).rounded())
            let hash = AuditChain.hash(
                sequence: sequence, dossierID: dossier.id, draft: draft, milliseconds: milliseconds, content: .legacy(details: details), previous: previous)
            try await sql.insert(into: "dossier_events").columns(
                "id", "sequence", "dossier_id", "action", "status_before", "status_after", "actor_username", "actor_name", "actor_role", "unit_id",
                "occurred_at", "occurred_ms", "details", "previous_hash", "hash"
            )
            .values(
                SQLBind(UUID()), SQLBind(sequence), SQLBind(dossier.id), SQLBind(draft.action), SQLBind(draft.statusBefore?.rawValue),
                SQLBind(draft.statusAfter.rawValue), SQLBind(draft.actorUsername), SQLBind(draft.actorName), SQLBind(draft.actorRole),
                SQLBind(draft.unitID), SQLBind(draft.occurredAt), SQLBind(milliseconds), SQLBind(details), SQLBind(previous), SQLBind(hash)
            )
            .run()
            previous = hash
        }
        try await sql.update("audit_chain").set("last_sequence", to: events.count).set("last_hash", to: previous).where("id", .equal, 1).run()
    }
}

extension Dossier {
    func withSettingsVersion(_ version: Int?) -> Dossier {
        var copy = self
        copy.settingsVersion = version
        return copy
    }
}
