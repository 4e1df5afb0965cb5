import CCHCCore
import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import WorkCalendar

@testable import CCHCStore

@Suite("Dossiers in the store")
struct DossierStoreTests {
    let now = Fixtures.now

    func people(_ store: any Store) async throws -> (desk: User, specialist: User, leader: User) {
        let tree = try await store.units.tree()
        func user(_ name: String, _ role: Role, _ code: String) -> User {
            User(username: name, fullName: name, role: role, unitID: tree.unit(code: code)?.id, createdAt: Fixtures.now, updatedAt: Fixtures.now)
        }
        return (
            user("desk", .deskOfficer, Fixtures.centreCode), user("specialist", .specialist, Fixtures.landCode), user("leader", .unitLeader, Fixtures.landCode)
        )
    }

    func service(_ store: any Store) -> DossierService {
        DossierService(
            store: store, files: DiskFileStorage(dataDirectory: Fixtures.temporaryFolder()), settings: ProvinceSettingsHistory([]), calendar: WorkingCalendar())
    }

    func seeded(_ store: any Store) async throws {
        try await Fixtures.loadUnits(into: store)
        try await Fixtures.loadProcedure(into: store)
    }

    @Test("Counter intake: coded, accepted, two chained events, found by code and PIN, whole or as its progress", arguments: TestDatabases.kinds)
    func counterIntake(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await seeded(store)
            let desk = try await people(store).desk
            let (dossier, pin) = try await service(store).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)
            #expect(dossier.code == "\(Fixtures.centreCode)-261123-0001")
            #expect(dossier.status == .accepted && dossier.version == 2)
            // Three working days from Monday 23/11/2026 09:00, Tuesday 24/11 (Ngày Văn hóa Việt Nam) off.
            #expect(dossier.dueAt == VietnamTime.instant(on: Fixtures.day("2026-11-27"), secondsOfDay: 9 * 3600))
            #expect(try await store.dossiers.find(code: dossier.code) == dossier)
            #expect(try await store.dossiers.find(code: dossier.code.lowercased(), pin: pin)?.id == dossier.id)
            #expect(try await store.dossiers.find(code: dossier.code, pin: pin == "000000" ? "111111" : "000000") == nil)
            // The public lookup reads only the progress, with the code from its column (the document's is blank).
            let progress = try await store.dossiers.lookUp(
                DossierProgress.self, code: dossier.code, pin: pin, failuresOf: "tests", in: DossierLookup.throttleScope, since: now)
            #expect(progress.dossier == DossierProgress(dossier) && progress.dossier?.code == dossier.code)
            let events = try await store.dossiers.events(dossierID: dossier.id)
            #expect(events.map(\.draft.action) == ["receive", "accept"])
            #expect(events.map(\.sequence) == [1, 2])
            #expect(events[1].previousHash == events[0].hash)
            guard case .accept(let accepted) = events[1].draft.payload else { Issue.record("not an acceptance"); return }
            #expect(accepted.appointment == Appointment(date: Fixtures.day("2026-11-27"), session: .morning))
            #expect(events.map(\.schemaVersion) == [DossierEventPayload.schemaVersion, DossierEventPayload.schemaVersion])
            #expect(try await store.dossiers.verifyAuditChain().isIntact)
        }
    }

    @Test("Codes stay unique under concurrent intake, numbered 1…n for the day", arguments: TestDatabases.kinds)
    func concurrentIntake(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await seeded(store)
            let desk = try await people(store).desk
            let intake = service(store)
            let count = 40
            let codes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<count {
                    group.addTask { try await intake.intake(Fixtures.intakeRequest(), by: .staff(desk), now: now).dossier.code }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(codes).count == count)
            #expect(Set(codes) == Set((1...count).map { DossierCode.make(unitCode: Fixtures.centreCode, date: Fixtures.day("2026-11-23"), sequence: $0) }))
            let verification = try await store.dossiers.verifyAuditChain()
            #expect(verification.isIntact && verification.eventsChecked == 2 * count)
            // The next day starts again at 1.
            let tomorrow = try await intake.intake(Fixtures.intakeRequest(), by: .staff(desk), now: now.addingTimeInterval(86400))
            #expect(tomorrow.dossier.code.hasSuffix("-261124-0001"))
        }
    }

    @Test(
        "Intakes arriving together share a transaction; two instances still number apart; a dossier the database refuses fails alone",
        arguments: TestDatabases.kinds)
    func groupCommit(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { _, database, target in
            let store = FluentStore(database: database)
            try await seeded(store)
            let desk = try await people(store).desk
            // Two app instances, each with its own intake queue (and on SQLite its own writer), on one database.
            let firstState = TestDatabases.sharedState(target), secondState = TestDatabases.sharedState(target)
            #expect((firstState.writer != nil) == (kind == .sqlite))
            let first = FluentStore(database: database, shared: firstState), second = FluentStore(database: database, shared: secondState)
            let procedure = try #require(try await store.procedures.current(code: Fixtures.procedureCode, on: Fixtures.day("2026-11-23")))
            var broken = try DossierIntake.prepare(
                Fixtures.intakeRequest(), procedure: procedure, tree: try await store.units.tree(), actor: .staff(desk), now: now)
            broken.procedureID = UUID()  // refused by the foreign key
            let refused = broken
            let count = 40
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<count {
                    group.addTask {
                        (try? await service(index.isMultiple(of: 2) ? first : second).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now).dossier.code)
                            ?? "failed"
                    }
                }
                group.addTask {
                    (try? await first.dossiers.create(NewDossier(dossier: refused, pin: "123456", events: [], receivingUnitCode: Fixtures.centreCode))) == nil
                        ? "refused" : "stored"
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "refused" }.count == 1 && !outcomes.contains("failed") && !outcomes.contains("stored"))
            let codes = Set(outcomes.filter { $0 != "refused" })
            #expect(codes == Set((1...count).map { DossierCode.make(unitCode: Fixtures.centreCode, date: Fixtures.day("2026-11-23"), sequence: $0) }))
            for code in codes { #expect(try await store.dossiers.find(code: code) != nil) }
            let verification = try await store.dossiers.verifyAuditChain()
            #expect(verification.isIntact && verification.eventsChecked == 2 * count)
            let (one, two) = (await firstState.intakesWritten, await secondState.intakesWritten)
            #expect(one.dossiers + two.dossiers == count && one.transactions + two.transactions < count)
        }
    }

    @Test("Two officers acting on the same version: exactly one succeeds", arguments: TestDatabases.kinds)
    func concurrentActions(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await seeded(store)
            let (desk, _, _) = try await people(store)
            let intake = service(store)
            let (dossier, _) = try await intake.intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)
            let outcomes = await withTaskGroup(of: String.self) { group in
                for action in [
                    DossierAction.forward(toStep: nil, note: "A"), .requestSupplement(items: ["Bản vẽ"], reason: "B"), .forward(toStep: nil, note: "C"),
                ] {
                    group.addTask {
                        do {
                            _ = try await intake.act(on: dossier, action, expectedVersion: dossier.version, by: .staff(desk), now: now.addingTimeInterval(600))
                            return "ok"
                        } catch let error as DomainError {
                            return error.kind == .conflict ? "conflict" : "\(error)"
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.sorted() == ["conflict", "conflict", "ok"])
            #expect(try await store.dossiers.find(id: dossier.id)?.version == 3)
            #expect(try await store.dossiers.events(dossierID: dossier.id).count == 3)
            // A stale version is refused before anything else.
            await #expect(throws: DomainError.staleVersion(current: 3)) {
                _ = try await intake.act(on: dossier.code, .withdraw(reason: ""), expectedVersion: 2, by: .staff(desk), now: now)
            }
        }
    }

    @Test("Two instances and a rolled-back transaction never break the chain the store remembers", arguments: TestDatabases.kinds)
    func rememberedChainHead(kind: DatabaseKind) async throws {
        struct Abandoned: Error {}
        try await TestDatabases.withDatabase(kind) { _, db, _ in
            // Two processes' stores over one database, each remembering the head it last wrote.
            let first = FluentStore(database: db, shared: SharedStoreState())
            let second = FluentStore(database: db, shared: SharedStoreState())
            try await seeded(first)
            let desk = try await people(first).desk
            var codes: [String] = []
            for store in [first, second, first, first, second] {
                codes.append(try await service(store).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now).dossier.code)
            }
            // The first store writes two more events, then rolls them back: what it remembers is now ahead.
            await #expect(throws: Abandoned.self) {
                try await first.transaction { store in
                    _ = try await service(store).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)
                    throw Abandoned()
                }
            }
            codes.append(try await service(first).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now).dossier.code)
            codes.append(try await service(second).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now).dossier.code)
            #expect(Set(codes).count == 7)
            let verification = try await first.dossiers.verifyAuditChain()
            #expect(verification == AuditVerification(eventsChecked: 14, firstBroken: nil))
            // Codes come from their column: the stored documents were encoded before the codes were drawn.
            for code in codes { #expect(try await second.dossiers.find(code: code)?.code == code) }
        }
    }

    @Test("The audit chain finds a changed event, a deleted one, and a cut tail", arguments: TestDatabases.kinds)
    func tamperDetection(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, db in
            try await seeded(store)
            let desk = try await people(store).desk
            for _ in 0..<3 { _ = try await service(store).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now) }
            let sql = db as! any SQLDatabase
            #expect(try await store.dossiers.verifyAuditChain() == AuditVerification(eventsChecked: 6, firstBroken: nil))

            try await sql.update("dossier_events").set("payload", to: #"{"channel":"online","components":3,"procedureCode":"1.000001"}"#)
                .where("sequence", .equal, 4).run()
            let changed = try await store.dossiers.verifyAuditChain()
            #expect(changed.firstBroken?.sequence == 4 && changed.firstBroken?.problem == "hash")

            try await sql.delete(from: "dossier_events").where("sequence", .equal, 4).run()
            let deleted = try await store.dossiers.verifyAuditChain()
            #expect(deleted.firstBroken?.sequence == 4 && deleted.firstBroken?.problem == "missing")
        }
        try await TestDatabases.withStore(kind) { store, db in
            try await seeded(store)
            let desk = try await people(store).desk
            _ = try await service(store).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now)
            try await (db as! any SQLDatabase).delete(from: "dossier_events").where("sequence", .equal, 2).run()
            let cut = try await store.dossiers.verifyAuditChain()
            #expect(cut.firstBroken?.sequence == 2 && cut.firstBroken?.problem == "missing")
        }
    }

    @Test("Queues by scope and status, search without accents, pages with a cursor", arguments: TestDatabases.kinds)
    func queues(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await seeded(store)
            let (desk, specialist, _) = try await people(store)
            let intake = service(store)
            var created: [Dossier] = []
            for index in 0..<7 {
                var request = Fixtures.intakeRequest(channel: index < 2 ? .online : .counter)
                request.applicant.fullName = index == 3 ? "Trần Thị Đào" : "Nguyễn Văn \(index)"
                let actor: DossierActor = index < 2 ? .applicant : .staff(desk)
                created.append(try await intake.intake(request, by: actor, now: now.addingTimeInterval(Double(index) * 60)).dossier)
            }
            let forwarded = try await intake.act(
                on: created[2], .forward(toStep: nil, note: ""), expectedVersion: created[2].version, by: .staff(desk), now: now.addingTimeInterval(3600))
            let tree = try await store.units.tree()
            let centre = tree.unit(code: Fixtures.centreCode)!.id, land = tree.unit(code: Fixtures.landCode)!.id

            let awaiting = try await store.dossiers.list(DossierQuery(scope: .receivedBy([centre]), queue: .awaitingAcceptance))
            #expect(awaiting.items.map(\.id) == [created[0].id, created[1].id])
            let held = try await store.dossiers.list(DossierQuery(scope: .heldBy([land]), queue: .inProgress))
            #expect(held.items.map(\.id) == [forwarded.id])
            #expect(
                DossierPolicy.available(
                    to: .staff(specialist), on: held.items[0], procedure: try await store.procedures.find(id: forwarded.procedureID)!, tree: tree,
                    settings: DossierSettings()
                ).contains(.forward))

            #expect(try await store.dossiers.list(DossierQuery(scope: .province, text: "tran thi dao")).items.map(\.id) == [created[3].id])
            #expect(try await store.dossiers.list(DossierQuery(scope: .province, text: created[5].code.lowercased())).items.map(\.id) == [created[5].id])

            var seen: [UUID] = []
            var cursor: String?
            repeat {
                let page = try await store.dossiers.list(DossierQuery(scope: .receivedBy([centre]), queue: .inProgress, cursor: cursor, limit: 2))
                seen += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(Set(seen) == Set(created[2...].map(\.id)) && seen.count == 5)

            let counts = try await store.dossiers.counts(scope: .receivedBy([centre]))
            #expect(counts[.awaitingAcceptance] == 2 && counts[.inProgress] == 5 && counts[.overdue] == 0)
            let register = try await store.dossiers.register(receivedBy: [centre], from: Fixtures.day("2026-11-23"), to: Fixtures.day("2026-11-23"))
            #expect(register.map(\.code) == created.map(\.code).sorted())
        }
    }

    @Test("The deadline job run twice at once flags each dossier once", arguments: TestDatabases.kinds)
    func parallelDeadlineJob(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await seeded(store)
            let desk = try await people(store).desk
            let intake = service(store)
            var dossiers: [Dossier] = []
            for _ in 0..<6 { dossiers.append(try await intake.intake(Fixtures.intakeRequest(), by: .staff(desk), now: now).dossier) }
            // Due Friday 27/11 09:00. On Thursday afternoon they are nearing; on Monday they are overdue.
            let nearing = try await intake.flagDeadlines(now: VietnamTime.instant(on: Fixtures.day("2026-11-26"), secondsOfDay: 14 * 3600))
            #expect(nearing.nearing == 6 && nearing.overdue == 0)
            let friday = VietnamTime.instant(on: Fixtures.day("2026-11-30"), secondsOfDay: 9 * 3600)
            async let first = intake.flagDeadlines(now: friday)
            async let second = intake.flagDeadlines(now: friday)
            let results = try await [first, second]
            #expect(results.map(\.overdue).reduce(0, +) == 6)
            for dossier in dossiers {
                let events = try await store.dossiers.events(dossierID: dossier.id).map(\.draft.action)
                #expect(events.filter { $0 == "flag_overdue" }.count == 1)
                #expect(events.filter { $0 == "flag_nearing_due" }.count == 1)
                let stored = try await store.dossiers.find(id: dossier.id)
                #expect(stored?.overdue == true && stored?.apologyDraft != nil)
            }
            #expect(try await intake.flagDeadlines(now: friday) == (0, 0))
            #expect(try await store.dossiers.verifyAuditChain().isIntact)
        }
    }

    @Test("Procedure versions: a dossier keeps the version it was received under", arguments: TestDatabases.kinds)
    func procedureVersions(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await seeded(store)
            let desk = try await people(store).desk
            let old = try await service(store).intake(Fixtures.intakeRequest(), by: .staff(desk), now: now).dossier
            let tree = try await store.units.tree()
            var draft = Fixtures.procedureDraft(effectiveFrom: "2026-12-01")
            draft.timeValue = 5
            draft.steps[1].allowance = 32
            let next = try ProcedureRules.build(draft, tree: tree, version: 0, today: Fixtures.day("2026-11-23"), now: now)
            let stored = try await store.procedures.addVersion(next, expectedLatestVersion: 1)
            #expect(stored.version == 2)
            await #expect(throws: DomainError.staleVersion(current: 2)) { _ = try await store.procedures.addVersion(next, expectedLatestVersion: 1) }
            #expect(try await store.procedures.current(code: Fixtures.procedureCode, on: Fixtures.day("2026-11-30"))?.version == 1)
            #expect(try await store.procedures.current(code: Fixtures.procedureCode, on: Fixtures.day("2026-12-01"))?.version == 2)
            #expect(try await store.procedures.versions(code: Fixtures.procedureCode).map(\.effectiveTo) == [Fixtures.day("2026-12-01"), nil])
            #expect(try await store.procedures.search(ProcedureQuery(text: "giay phep xay dung")).items.map(\.version) == [2])
            #expect(try await store.procedures.fields() == ["Xây dựng"])
            let reloaded = try await store.dossiers.find(id: old.id)
            #expect(try await store.procedures.find(id: reloaded!.procedureID)?.version == 1)
            await #expect(throws: DomainError.self) { _ = try await Fixtures.loadProcedure(into: store) }
        }
    }
}
