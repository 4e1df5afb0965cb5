import CCHCCore
import CCHCDemo
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import WorkCalendar

@testable import CCHCWeb

@Suite("cchc demo synth")
struct DemoSynthCommandTests {
    @Test(
        "Makes the histories with progress into an empty database, counted by the index as the dossiers say; refuses a database that has dossiers",
        arguments: TestDatabases.kinds)
    func synth(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["demo", "synth", "--dossiers", "120"])
        #expect(cli.printed.contains("dossiers 120/120 (100 %)") && cli.printed.contains("Made 120 dossiers"))
        try await TestApp.with(target: cli.target, keepDatabase: true) { app, _ in
            #expect(try await app.store.dossiers.count() == 120)
            let events = try await app.store.dossiers.list(DossierQuery(scope: .province, limit: 200)).items.map(\.status)
            #expect(Set(events).count > 3, "the histories end in more than three states")
        }
        try await cli.run(["index", "check", "--period", String(VietnamTime.localDate(of: Date()).year)])
        #expect(cli.printed.contains("the figures agree"))
        await #expect(throws: (any Error).self) { try await cli.run(["demo", "synth", "--dossiers", "10"]) }
        try await TestApp.with(target: cli.target) { _, _ in }  // and the test database goes
    }

    @Test(
        "Histories told in memory and written a batch at once store what writing every event as it happens stores: dossiers, events, counters",
        arguments: TestDatabases.kinds)
    func wholeHistoriesAsEachEvent(kind: DatabaseKind) async throws {
        /// What a store holds after the demo's stories, by code and unit code (ids differ between databases).
        struct Stored {
            var dossiers: [String]
            var events: Int
            var counters: Set<String>
        }
        func made(wholeHistories: Bool) async throws -> Stored {
            try await TestApp.with(kind) { app, _ in
                let now = Fixtures.now
                _ = try await DemoData.load(
                    store: app.store, hasher: app.services.hasher, now: now, dossiers: 150, service: try await app.dossierService(),
                    wholeHistories: wholeHistories)
                let dossiers = try await app.store.dossiers.list(DossierQuery(scope: .province, limit: 500)).items.map { dossier in
                    "\(dossier.code) \(dossier.status) v\(dossier.version) \(dossier.dueAt.map { "\($0)" } ?? "-") \(dossier.timeliness.map { "\($0)" } ?? "-")"
                }
                let audit = try await app.store.dossiers.verifyAuditChain()
                let differences = try await app.store.projections.check([]) { _, _ in }
                #expect(audit.isIntact && differences.isEmpty)
                let tree = try await app.store.units.tree()
                let year = VietnamTime.localDate(of: now).year
                let sums = try await app.store.projections.periodSums(
                    projection: ServiceIndexCounters.name, days: LocalDate(year: year - 1, month: 1, day: 1)!...LocalDate(year: year, month: 12, day: 31)!,
                    flows: ServiceIndexCounters.flowCounters, running: ServiceIndexCounters.runningCounters)
                return Stored(
                    dossiers: dossiers.sorted(), events: audit.eventsChecked,
                    // A counter moved up and down again within one write keeps no row; one write per event leaves a 0.
                    counters: Set(
                        sums.filter { $0.value != 0 }.map { "\($0.counter) \($0.entity.flatMap { tree.unit(id: $0)?.code } ?? "-") \($0.subject) \($0.value)" })
                )
            }
        }
        let whole = try await made(wholeHistories: true)
        let eachEvent = try await made(wholeHistories: false)
        #expect(whole.dossiers.count == 150 && whole.events > 600 && whole.counters.count > 100)
        #expect(whole.events == eachEvent.events)
        #expect(whole.dossiers.difference(from: eachEvent.dossiers).isEmpty, "\(Set(whole.dossiers).symmetricDifference(eachEvent.dossiers).sorted())")
        #expect(whole.counters == eachEvent.counters, "\(whole.counters.symmetricDifference(eachEvent.counters).sorted())")
    }
}
