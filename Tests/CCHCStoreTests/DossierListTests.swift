import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import WorkCalendar

@testable import CCHCStore

@Suite("Dossier lists")
struct DossierListTests {
    @Test("Paging is exact: every dossier once, whatever the fractions of a second between them or the ties", arguments: TestDatabases.kinds)
    func exactCursor(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let procedure = try await Fixtures.loadProcedure(into: store)
            let tree = try await store.units.tree()
            let service = try await Fixtures.service(store)
            let count = 310
            for index in 0..<count {
                // Instants a fraction of a microsecond apart, and every fifth one the same as the one before.
                let offset = Double(index - index / 5) * 0.012_345_678_9
                _ = try await service.intake(
                    Fixtures.intakeRequest(channel: .online), by: .applicant, now: Fixtures.now.addingTimeInterval(offset), procedure: procedure, tree: tree)
            }
            for queue in [DossierQuery.Queue.all, .awaitingAcceptance] {
                var seen: [UUID] = []
                var cursor: String?
                repeat {
                    let page = try await store.dossiers.list(DossierQuery(scope: .province, queue: queue, cursor: cursor, limit: 7))
                    seen += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(seen.count == count && Set(seen).count == count, "\(queue)")
            }
            await #expect(throws: DomainError.self) { _ = try await store.dossiers.list(DossierQuery(scope: .province, cursor: "bm9wZQ", limit: 7)) }
        }
    }
}
