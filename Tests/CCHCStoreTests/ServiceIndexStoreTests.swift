import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import WorkCalendar

@testable import CCHCStore

@Suite("Service index counters in the store")
struct ServiceIndexStoreTests {

    @Test(
        "On random histories the counters kept with the events, the counters rebuilt from the events and the count from the dossiers agree, for periods ending on any day",
        arguments: TestDatabases.kinds)
    func threeWays(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let (centre, _, _) = try await ProjectionStoreTests.randomHistories(in: store, now: Fixtures.now, pace: 3)
            // Service data on every other dossier the desk may record it for (its counters move by the difference).
            let desk = User(username: "desk", fullName: "desk", role: .deskOfficer, unitID: centre, createdAt: Fixtures.now, updatedAt: Fixtures.now)
            let service = try await Fixtures.service(store)
            var recorded = 0
            for (index, dossier) in try await store.dossiers.list(DossierQuery(scope: .province, limit: 500)).items.enumerated() where index % 2 == 0 {
                let data = DossierServiceData(
                    syncedToPortal: true, scannedAtDesk: index % 4 == 0, populationVerified: true, paidOnline: index % 3 == 0, electronicResult: true)
                do {
                    _ = try await service.recordServiceData(data, on: dossier, expectedVersion: dossier.version, by: .staff(desk), now: Fixtures.now)
                    recorded += 1
                } catch let error as DomainError where error.kind == .invalidState || error.kind == .forbidden {
                    // Not accepted yet, or refused: nothing to record.
                }
            }
            #expect(recorded > 5)
            let facts = try await Self.all(.all, in: store).map(DossierFacts.init)
            // The histories hold what makes the property worth checking.
            let judged = facts.compactMap(ServiceIndexJudgement.init)
            #expect(judged.contains { $0.finished != nil && !$0.finishedOnTime })
            #expect(judged.contains { $0.finished == nil && $0.overdueFrom != nil })
            #expect(judged.contains { $0.finished != nil && $0.finishedOnTime })

            let first = VietnamTime.localDate(of: Fixtures.now)
            func compare(_ label: String) async throws {
                for (offset, length) in [(0, 1), (0, 3), (1, 2), (2, 10), (-30, 90), (5, 1), (8, 30), (3, 4), (12, 9), (20, 40), (-22, 60), (-52, 120)] {
                    let days = LocalDate(dayNumber: first.dayNumber + offset)...LocalDate(dayNumber: first.dayNumber + offset + length - 1)
                    let stored = ServiceIndexCounts(
                        try await store.projections.periodSums(
                            projection: ServiceIndexCounters.name, days: days, flows: ServiceIndexCounters.flowCounters,
                            running: ServiceIndexCounters.runningCounters))
                    #expect(stored.withoutZeros == ServiceIndexCounts.counting(facts, in: days).withoutZeros, "\(label) \(days)")
                }
                // Whole months, each alone and all in one reading (a trend: every unit added together, per procedure).
                let months = (-3...2).map { shift in
                    let index = first.year * 12 + first.month - 1 + shift
                    let start = LocalDate(year: index / 12, month: index % 12 + 1, day: 1)!
                    return start...start.lastOfMonth
                }
                let trend = try await store.projections.monthSums(
                    projection: ServiceIndexCounters.name, months: months[0].lowerBound...months[5].lowerBound, flows: ServiceIndexCounters.flowCounters,
                    running: ServiceIndexCounters.runningCounters, within: nil)
                for days in months {
                    let alone = ServiceIndexCounts(
                        try await store.projections.periodSums(
                            projection: ServiceIndexCounters.name, days: days, flows: ServiceIndexCounters.flowCounters,
                            running: ServiceIndexCounters.runningCounters))
                    let counted = ServiceIndexCounts.counting(facts, in: days)
                    #expect(alone.withoutZeros == counted.withoutZeros, "\(label) \(days)")
                    #expect(Self.bySubject(trend[days.lowerBound] ?? []) == Self.bySubject(counted), "\(label) trend \(days)")
                }
                #expect(months.contains { !ServiceIndexCounts.counting(facts, in: $0).withoutZeros.isEmpty }, "some month has dossiers")
            }
            try await compare("incremental")
            #expect(try await store.projections.check([ServiceIndexCounters.name]) { _, _ in }.isEmpty)
            _ = try await store.projections.rebuild([ServiceIndexCounters.name]) { _, _ in }
            try await compare("rebuilt")
        }
    }

    /// Counts added up over every unit, per procedure and counter, without the zeros.
    static func bySubject(_ sums: [CounterSum]) -> [String: [String: Int]] {
        var totals: [String: [String: Int]] = [:]
        for sum in sums { totals[sum.subject, default: [:]][sum.counter, default: 0] += sum.value }
        return totals.mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }
    }

    static func bySubject(_ counts: ServiceIndexCounts) -> [String: [String: Int]] {
        bySubject(
            counts.values.flatMap { unit, procedures in
                procedures.flatMap { procedure, counters in counters.map { CounterSum(counter: $0.key, entity: unit, subject: procedure, value: $0.value) } }
            })
    }

    @Test("A unit's trend, its months read in one query, scores each month as reading the month alone does", arguments: TestDatabases.kinds)
    func trend(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            _ = try await ProjectionStoreTests.randomHistories(in: store, now: Fixtures.now, pace: 3)
            let service = ServiceIndexService(store: store)
            try await service.bootstrap(now: Fixtures.now)
            let today = VietnamTime.localDate(of: Fixtures.now)
            let months = (-3...1).map { shift in
                let index = today.year * 12 + today.month - 1 + shift
                return ReportPeriod.parse(String(format: "%04d-%02d", index / 12, index % 12 + 1))!
            }
            let context = try await service.context(months[4])
            var judged = 0.0
            for unit in context.tree.units {
                let trend = try await service.scores(of: unit.id, months: months, alongside: context)
                for (month, score) in zip(months, trend) {
                    #expect(score == (try await service.context(month, alongside: context)).calculator.score(unit.id), "\(unit.code) \(month.text)")
                    judged += score.indicators.first { $0.code == "2.1" }?.denominator ?? 0
                }
            }
            #expect(judged > 0, "the months hold dossiers")
        }
    }

    @Test("Indicator set versions: the first is kept, a second closes it, a stale one is a conflict", arguments: TestDatabases.kinds)
    func versions(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let service = ServiceIndexService(store: store)
            #expect(try await service.bootstrap(now: Fixtures.now)?.version == 1)
            #expect(try await service.bootstrap(now: Fixtures.now) == nil)
            let admin = User(username: "admin", fullName: "Admin", role: .admin, unitID: nil, createdAt: Fixtures.now, updatedAt: Fixtures.now)
            var changed = IndicatorSet.qd766
            changed.ratingBands = [RatingBand(label: "Tốt", from: 80)]
            let from = LocalDate(dayNumber: VietnamTime.localDate(of: Fixtures.now).dayNumber + 10)
            let added = try await service.propose(changed, effectiveFrom: from, reason: "Thêm xếp loại", by: admin, now: Fixtures.now, expectedLatest: 1)
            let history = try await service.history()
            #expect(added.version == 2 && history.versions.count == 2 && history.version(1)?.effectiveTo == from)
            #expect(history.inForce(on: from)?.rules.ratingBands.first?.label == "Tốt")
            await #expect(throws: DomainError.self) {
                _ = try await service.propose(changed, effectiveFrom: from, reason: "Lại", by: admin, now: Fixtures.now, expectedLatest: 1)
            }
            var broken = changed
            broken.groups[0].maximum = 5
            do {
                _ = try await service.propose(broken, effectiveFrom: from.adding(days: 5), reason: "Sai", by: admin, now: Fixtures.now, expectedLatest: 2)
                Issue.record("a broken set was stored")
            } catch let error as DomainError {
                #expect(error.kind == .validation && error.fields.contains { $0.code == "index.set.group_sum" })
            }
            #expect(try await service.history().versions.count == 2)
        }
    }
}

extension ServiceIndexStoreTests {
    @Test(
        "The at-risk forecast, reading open dossiers a page and a status at a time, finds every one a forecast of each open dossier finds",
        arguments: TestDatabases.kinds)
    func atRiskFindsEveryOpenDossier(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            _ = try await ProjectionStoreTests.randomHistories(in: store, now: Fixtures.now, pace: 3)
            let calendar = try await store.calendarOverrides.workingCalendar()
            func all(_ queue: DossierQuery.Queue) async throws -> [Dossier] { try await Self.all(queue, in: store) }
            let durations = StepDurations(learningFrom: try await all(.finished) + (try await all(.readyToReturn)), calendar: calendar)
            let open = try await all(.inProgress)
            #expect(open.count > 3, "histories with open dossiers")
            var found = 0
            for hours in [0.0, 24, 72] {
                let now = Fixtures.now.addingTimeInterval(hours * 3600)
                var expected: Set<UUID> = []
                for dossier in open {
                    guard let procedure = try await store.procedures.find(id: dossier.procedureID),
                        let forecast = AtRiskForecast.forecast(dossier, procedure: procedure, durations: durations, calendar: calendar, now: now),
                        forecast.atRisk
                    else { continue }
                    expected.insert(dossier.id)
                }
                let report = try await ServiceIndexService(store: store).forecastAtRisk(calendar: calendar, now: now)
                #expect(Set(report.forecasts.map(\.dossierID)) == expected && report.forecasts.count == expected.count, "\(hours) h on")
                found += expected.count
            }
            #expect(found > 0, "some open dossier is at risk")
        }
    }

    @Test("The forecast learns from the newest finished dossiers of every status, as the finished queue lists them", arguments: TestDatabases.kinds)
    func learningSetIsTheQueuesHead(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            _ = try await ProjectionStoreTests.randomHistories(in: store, now: Fixtures.now, pace: 3)
            let finished = try await Self.all(.finished, in: store)
            let ready = try await Self.all(.readyToReturn, in: store)
            #expect(Set(finished.map(\.status)).count > 1, "finished dossiers of several statuses")
            for limit in [1, 2, 5, finished.count / 2, finished.count + 1] {
                let learning = try await ServiceIndexService(store: store).learningSet(limit: limit)
                #expect(learning.map(\.id) == (finished.prefix(limit) + ready.prefix(limit)).map(\.id), "the first \(limit)")
            }
        }
    }

    /// Every dossier of a queue, in its order, read in small pages.
    static func all(_ queue: DossierQuery.Queue, in store: FluentStore) async throws -> [Dossier] {
        var dossiers: [Dossier] = []
        var cursor: String?
        repeat {
            let page = try await store.dossiers.list(DossierQuery(scope: .province, queue: queue, cursor: cursor, limit: 7))
            dossiers += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return dossiers
    }
}
