import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import WorkCalendar

@testable import CCHCStore

@Suite("An indicator's dossiers read from the store")
struct IndicatorDrillDownStoreTests {
    @Test(
        "On random histories each part of each indicator lists the dossiers that counting every dossier finds, for periods starting before, during and after them, a page at a time, pages that stop searching early included",
        arguments: TestDatabases.kinds)
    func drillDowns(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            _ = try await ProjectionStoreTests.randomHistories(in: store, now: Fixtures.now, pace: 3)
            let dossiers = try await ServiceIndexStoreTests.all(.all, in: store)
            let service = ServiceIndexService(store: store)
            _ = try await service.bootstrap(now: Fixtures.now)
            let tree = try await store.units.tree()
            let first = VietnamTime.localDate(of: Fixtures.now)
            var passedOver = 0
            for (offset, length) in [(-30, 90), (0, 3), (2, 10), (6, 4), (12, 9), (20, 40)] {
                let days = LocalDate(dayNumber: first.dayNumber + offset)...LocalDate(dayNumber: first.dayNumber + offset + length - 1)
                let context = try await service.context(try #require(ReportPeriod.parse("\(days.lowerBound)..\(days.upperBound)")))
                // Finished before the period: what the store now passes over without reading the document.
                passedOver += dossiers.filter { $0.finishedAt.map { VietnamTime.localDate(of: $0) < days.lowerBound } ?? false }.count
                for root in tree.roots {
                    let units = tree.subtreeIDs(of: root.id)
                    for indicator in context.set.rules.indicators where indicator.denominator.countsDossiers {
                        for part in IndicatorPart.allCases {
                            let expected = dossiers.filter { dossier in
                                units.contains(dossier.competentUnitID) && dossier.acceptedAt != nil
                                    && part.includes(ServiceIndexService.measures(of: DossierFacts(dossier), in: days), of: indicator)
                            }
                            // Pages that stop searching after a few dossiers (some short or empty) list the same.
                            for examining in [4, ServiceIndexService.examinedPerPage] {
                                var listed: [String] = []
                                var after: String?
                                repeat {
                                    let page = try await service.dossiers(
                                        indicator: indicator.code, part: part, unit: root, context: context, cursor: after, limit: 3, examining: examining)
                                    listed += page.items.map(\.code)
                                    after = page.nextCursor
                                } while after != nil
                                #expect(listed == expected.map(\.code).sorted(), "\(indicator.code) \(part) \(days) \(examining)")
                            }
                        }
                    }
                }
            }
            #expect(passedOver > 0, "some periods start after dossiers finished")
        }
    }
}
