import CCHCCore
import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import Synchronization
import Testing
import WorkCalendar

@testable import CCHCStore

@Suite("Projections kept with the events")
struct ProjectionStoreTests {
    let now = Fixtures.now

    /// A reproducible generator for random histories.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 | state << 53
        }
    }

    /// An example of each action anyone may ask for.
    static func example(_ kind: DossierAction.Kind, _ random: inout Seeded) -> DossierAction? {
        switch kind {
        case .accept: .accept
        case .refuse: .refuse(reason: "Không đủ điều kiện")
        case .requestSupplement: .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu")
        case .receiveSupplement: .receiveSupplement(note: "")
        case .forward: .forward(toStep: nil, note: "")
        case .returnToStep: .returnToStep(0, reason: "Xem lại")
        case .requestPayment: .requestPayment(amount: Int.random(in: 1...9, using: &random) * 10_000, description: "Lệ phí")
        case .recordPayment: .recordPayment(reference: "BL")
        case .markResultReady: .markResultReady(note: "")
        case .returnResult: .returnResult(to: "Người nộp", method: .counter)
        case .withdraw: .withdraw(reason: "Rút")
        case .stop: .stop(reason: "Dừng")
        case .apologize: nil
        case .rate: .rate(Rating(scores: (0..<9).map { _ in Int.random(in: 0...2, using: &random) }, satisfaction: .dissatisfied, ratedAt: Fixtures.now))
        case .flagNearingDue, .flagOverdue: nil
        }
    }

    @Test(
        "Rebuilt from the events, every projection equals the one kept incrementally, and queue counts equal the rows counted, on random histories",
        arguments: TestDatabases.kinds)
    func randomHistories(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let (centre, land, citizen) = try await Self.randomHistories(in: store, now: now)
            #expect(try await store.projections.check([]) { _, _ in }.isEmpty)
            for scope: DossierQuery.Scope in [.province, .receivedBy([centre]), .heldBy([land]), .heldBy([centre]), .citizen(citizen.id)] {
                #expect(try await store.dossiers.counts(scope: scope) == (try await store.dossiers.countedRows(scope: scope)), "\(scope)")
            }
            let flow = try await store.projections.sums(
                projection: DossierFlow.name, counters: [DossierFlow.Counter.received.rawValue], entities: [land], days: nil)
            let accepted = try await store.dossiers.list(DossierQuery(scope: .province, limit: 500)).items.filter { $0.acceptedAt != nil }.count
            #expect(flow[DossierFlow.Counter.received.rawValue] == accepted)

            // A rebuild after the counters were damaged puts them back.
            try await (store.handle.sql).update(ProjectionCounters.table).set("value", to: 999).run()
            #expect(try await !store.projections.check([DossierQueueCounts.name]) { _, _ in }.isEmpty)
            let rebuilt = try await store.projections.rebuild([]) { _, _ in }
            #expect(Set(rebuilt.keys) == Set(DossierProjections.all.map(\.name) + [FeedbackCounters.name]))
            #expect(try await store.projections.check([]) { _, _ in }.isEmpty)
            // Written a few keys at a time, as a rebuild too large for memory is: the same counters, none at zero.
            try await (store.handle.sql).update(ProjectionCounters.table).set("value", to: 999).run()
            let flushed = try await FluentProjectionRepository(handle: store.handle, rebuildFlushKeys: 7).rebuild([]) { _, _ in }
            #expect(flushed == rebuilt)
            #expect(try await store.projections.check([]) { _, _ in }.isEmpty)
            // The counters the fold over every event just wrote, found again from each dossier's last event
            // (the state projections alone take that path), which accounts for every event.
            let lastProgress = Mutex((0, -1))
            let states = [DossierQueueCounts.name, ServiceIndexCounters.name]
            #expect(try await store.projections.check(states) { done, total in lastProgress.withLock { $0 = (done, total) } }.isEmpty)
            let events = try await store.handle.sql.raw("SELECT COUNT(*) AS n FROM dossier_events").first()?.decode(column: "n", as: Int.self)
            #expect(lastProgress.withLock { $0 } == (events ?? 0, events ?? 0))
            let zeros = try await store.handle.sql.select().column("value").from(ProjectionCounters.table).where("value", .equal, 0).all()
            #expect(zeros.isEmpty)
            await #expect(throws: DomainError.self) { _ = try await store.projections.rebuild(["no_such"]) { _, _ in } }
        }
    }

    /// Dossiers with random histories: intakes at the desk and online, then random actions anyone may
    /// take, with the deadline job run now and then, for three seeds; `pace` stretches the time between
    /// actions (more late dossiers). Returns the desk's and the land department's ids and the citizen.
    static func randomHistories(in store: any Store, now: Date, pace: Double = 1) async throws -> (centre: UUID, land: UUID, citizen: User) {
        try await Fixtures.loadUnits(into: store)
        let procedure = try await Fixtures.loadProcedure(into: store)
        let tree = try await store.units.tree()
        let centre = try #require(tree.unit(code: Fixtures.centreCode)).id, land = try #require(tree.unit(code: Fixtures.landCode)).id
        func user(_ name: String, _ role: Role, _ unit: UUID?) -> User {
            User(username: name, fullName: name, role: role, unitID: unit, createdAt: now, updatedAt: now)
        }
        let citizen = user("citizen", .citizen, nil)
        let actors: [DossierActor] = [
            .staff(user("desk", .deskOfficer, centre)), .staff(user("specialist", .specialist, land)), .staff(user("leader", .unitLeader, land)),
            .citizen(citizen), .applicant,
        ]
        let service = try await Fixtures.service(store)
        for seed in [UInt64(7), 42, 2026] {
            var random = Seeded(state: seed)
            var time = now.addingTimeInterval(Double(seed % 5) * 86400)
            for _ in 0..<8 {
                let online = Bool.random(using: &random)
                var request = Fixtures.intakeRequest(channel: online ? .online : .counter)
                request.applicant.fullName = "Người \(seed)"
                var dossier = try await service.intake(request, by: online ? .citizen(citizen) : actors[0], now: time).dossier
                for _ in 0..<Int.random(in: 0...9, using: &random) {
                    time = time.addingTimeInterval(Double(Int.random(in: 1...30, using: &random)) * 1800 * pace)
                    if Int.random(in: 0..<5, using: &random) == 0 { _ = try await service.flagDeadlines(now: time) }
                    let current = try #require(try await store.dossiers.find(id: dossier.id))
                    let choices = actors.flatMap { actor in
                        DossierPolicy.available(to: actor, on: current, procedure: procedure, tree: tree, settings: service.rules(now: time)).map {
                            (actor, $0)
                        }
                    }
                    guard let (actor, kind) = choices.randomElement(using: &random), let action = Self.example(kind, &random) else { break }
                    do {
                        dossier = try await service.act(on: current, action, expectedVersion: current.version, by: actor, now: time)
                    } catch is DomainError {
                        // A refused example (a step to return to that is not behind) changes nothing.
                    }
                }
            }
        }
        return (centre, land, citizen)
    }
}
