import CCHCCore
import CCHCStore
import CCHCTestSupport
import Foundation
import Testing
import WorkCalendar

@Suite("Unit repository")
struct UnitRepositoryTests {
    let now = Fixtures.now

    @Test("Create, read back, search accent-insensitively", arguments: TestDatabases.kinds)
    func createAndSearch(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let created = try await store.units.create(
                UnitDraft(
                    code: "000.01.07.h01", name: "Chi cục Đất đai", shortName: "CC Đất đai", kind: .department,
                    parentCode: Fixtures.landCode, effectiveFrom: Fixtures.day("2025-03-01")), now: now)
            let found = try await store.units.find(code: "000.01.07.H01")
            #expect(found == created)
            #expect(try await store.units.find(id: created.id)?.code == "000.01.07.H01")

            let today = Fixtures.day("2026-11-23")
            #expect(try await store.units.search(UnitQuery(text: "dat dai", asOf: today)).items.map(\.code) == ["000.01.07.H01"])
            #expect(try await store.units.search(UnitQuery(text: "SỞ nội", asOf: today)).items.map(\.code) == [Fixtures.homeAffairsCode])
            #expect(try await store.units.search(UnitQuery(text: "100%_", asOf: today)).items.isEmpty)
            #expect(try await store.units.search(UnitQuery(kind: .ward, asOf: today)).items.map(\.code) == [Fixtures.communeCode])
            // The ward did not exist yet in 2024.
            #expect(try await store.units.search(UnitQuery(kind: .ward, asOf: Fixtures.day("2024-01-01"))).items.isEmpty)
            let counts = try await store.units.countsByKind(asOf: today)
            #expect(counts[.department] == 3 && counts[.ward] == 1 && counts[.province] == 1)
        }
    }

    @Test("Cursor pagination visits every unit once, in code order", arguments: TestDatabases.kinds)
    func pagination(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            var codes: [String] = []
            var cursor: String?
            repeat {
                let page = try await store.units.search(UnitQuery(status: .all, asOf: Fixtures.day("2026-01-01"), cursor: cursor, limit: 2))
                #expect(page.items.count <= 2)
                codes += page.items.map(\.code)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(codes == Fixtures.units.map(\.code).sorted())
        }
    }

    @Test("Edits carry the version they were made against; a stale one is refused", arguments: TestDatabases.kinds)
    func optimisticConcurrency(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let first = try await store.units.update(code: Fixtures.homeAffairsCode, expectedVersion: 1, changes: UnitChanges(name: "Sở Nội vụ tỉnh"), now: now)
            #expect(first.version == 2)
            await #expect(throws: DomainError.staleVersion(current: 2)) {
                _ = try await store.units.update(code: Fixtures.homeAffairsCode, expectedVersion: 1, changes: UnitChanges(shortName: "X"), now: now)
            }
            #expect(try await store.units.find(code: Fixtures.homeAffairsCode)?.shortName == "SNV")
            #expect(try await store.units.find(code: Fixtures.homeAffairsCode)?.name == "Sở Nội vụ tỉnh")
        }
    }

    @Test("Two concurrent edits of one version: exactly one wins", arguments: TestDatabases.kinds)
    func concurrentEdits(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let results = await withTaskGroup(of: Bool.self) { group in
                for name in ["Tên A", "Tên B", "Tên C", "Tên D"] {
                    group.addTask {
                        (try? await store.units.update(code: Fixtures.homeAffairsCode, expectedVersion: 1, changes: UnitChanges(name: name), now: now)) != nil
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await store.units.find(code: Fixtures.homeAffairsCode)?.version == 2)
        }
    }

    @Test("Closing with a successor, and the rules checked against the stored tree", arguments: TestDatabases.kinds)
    func close(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            await #expect(throws: DomainError.self) {
                _ = try await store.units.close(code: Fixtures.provinceCode, expectedVersion: 1, on: Fixtures.day("2026-12-01"), successorCode: nil, now: now)
            }
            let closed = try await store.units.close(
                code: Fixtures.homeAffairsCode, expectedVersion: 1, on: Fixtures.day("2026-12-01"), successorCode: Fixtures.landCode, now: now)
            let stored = try await store.units.find(code: Fixtures.homeAffairsCode)
            #expect(stored == closed)
            #expect(stored?.effectiveTo == Fixtures.day("2026-12-01"))
            #expect(try await store.units.tree().currentSuccessor(of: closed.id)?.code == Fixtures.landCode)
            #expect(try await store.units.search(UnitQuery(status: .closed, asOf: Fixtures.day("2027-01-01"))).items.map(\.code) == [Fixtures.homeAffairsCode])
        }
    }

    @Test("Cached units and procedures: changes through the same store show at once, another instance's once checked", arguments: TestDatabases.kinds)
    func cachedCatalogue(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, database in
            try await Fixtures.loadUnits(into: store)
            // Three app instances sharing one database: two that trust their copy for an hour, one that checks every time.
            let shared = SharedStoreState(checkInterval: .seconds(3600))
            let first = FluentStore(database: database, shared: shared),
                other = FluentStore(database: database, shared: SharedStoreState(checkInterval: .seconds(3600)))
            let checking = FluentStore(database: database, shared: SharedStoreState(checkInterval: .zero))
            for reader in [first, other, checking] {
                #expect(try await reader.units.tree().unit(code: Fixtures.homeAffairsCode)?.name != "Sở Nội vụ tỉnh")
            }
            // The same `now` as the fixtures: the change must be seen even when no timestamp moves.
            _ = try await first.units.update(code: Fixtures.homeAffairsCode, expectedVersion: 1, changes: UnitChanges(name: "Sở Nội vụ tỉnh"), now: now)
            #expect(try await first.units.tree().unit(code: Fixtures.homeAffairsCode)?.name == "Sở Nội vụ tỉnh")
            #expect(try await checking.units.tree().unit(code: Fixtures.homeAffairsCode)?.name == "Sở Nội vụ tỉnh")
            #expect(try await other.units.tree().unit(code: Fixtures.homeAffairsCode)?.name != "Sở Nội vụ tỉnh")

            let version1 = try await Fixtures.loadProcedure(into: first)
            #expect(try await checking.procedures.current(code: Fixtures.procedureCode, on: Fixtures.day("2026-12-01"))?.version == 1)
            var draft = Fixtures.procedureDraft(effectiveFrom: "2026-12-01")
            draft.fee = 90_000
            let next = try ProcedureRules.build(draft, tree: try await first.units.tree(), version: 0, today: Fixtures.day("2026-11-23"), now: now)
            let version2 = try await first.procedures.addVersion(next, expectedLatestVersion: 1)
            for reader in [first, checking] {
                #expect(try await reader.procedures.current(code: Fixtures.procedureCode, on: Fixtures.day("2026-11-30"))?.id == version1.id)
                #expect(try await reader.procedures.current(code: Fixtures.procedureCode, on: Fixtures.day("2026-12-01"))?.id == version2.id)
                #expect(try await reader.procedures.find(id: version1.id)?.effectiveTo == Fixtures.day("2026-12-01"))
                #expect(try await reader.procedures.current(code: "9.999999", on: Fixtures.day("2026-12-01")) == nil)
            }
        }
    }

    @Test("An import with a bad line writes nothing", arguments: TestDatabases.kinds)
    func importAllOrNothing(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            try await Fixtures.loadUnits(into: store)
            let plan = try await store.units.importUnits(
                [
                    UnitImportRow(
                        line: 2, code: "000.09.00.H01", name: "Mới", shortName: "M", kind: .department, parentCode: Fixtures.provinceCode,
                        effectiveFrom: Fixtures.day("2026-01-01")),
                    UnitImportRow(
                        line: 3, code: "000.10.00.H01", name: "", shortName: "M", kind: .department, parentCode: Fixtures.provinceCode,
                        effectiveFrom: Fixtures.day("2026-01-01")),
                ], now: now)
            #expect(plan.errors.map(\.line) == [3])
            #expect(try await store.units.find(code: "000.09.00.H01") == nil)
            // Importing the same file twice changes nothing the second time.
            let again = try await store.units.importUnits(Fixtures.units, now: now)
            #expect(again.created.isEmpty && again.updated.isEmpty && again.unchanged == Fixtures.units.count)
        }
    }
}
