import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import WorkCalendar

@testable import CCHCStore

@Suite("Procedure publication records in the store")
struct ProcedurePublicationStoreTests {
    static let staff = User(username: "noivu", fullName: "Nội vụ", role: .reformStaff, unitID: nil, createdAt: Fixtures.now, updatedAt: Fixtures.now)

    @Test(
        "Recorded in place with the next revision; a stale revision is a conflict that changes nothing; a new version keeps applicants and payment only",
        arguments: TestDatabases.kinds)
    func record(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            _ = try await Fixtures.loadUnits(into: store)
            try await Fixtures.loadProcedure(into: store)
            let catalog = ProcedureCatalog(store: store)
            let record = ProcedurePublication(
                decisionNumber: " 12/QĐ-UBND ", decisionDate: Fixtures.day("2026-01-05"), legalBasisEffectiveFrom: Fixtures.day("2026-01-12"),
                postedOn: Fixtures.day("2026-01-08"), applicants: [.organisations, .citizens], onlinePayment: true)
            let saved = try await catalog.recordPublication(
                code: Fixtures.procedureCode, version: 1, record, expectedRevision: 0, by: Self.staff, now: Fixtures.now)
            #expect(saved.publication.revision == 1 && saved.publication.decisionNumber == "12/QĐ-UBND")
            #expect(saved.publication.applicants == [.citizens, .organisations])
            let read = try await store.procedures.versions(code: Fixtures.procedureCode)
            #expect(read.count == 1 && read[0].publication == saved.publication)
            #expect(try await store.procedures.all().map(\.publication) == [saved.publication])

            // A second editor who read revision 0: refused, and the record stays.
            var other = record
            other.onlinePayment = false
            await #expect(throws: DomainError.self) {
                try await catalog.recordPublication(code: Fixtures.procedureCode, version: 1, other, expectedRevision: 0, by: Self.staff, now: Fixtures.now)
            }
            #expect(try await store.procedures.versions(code: Fixtures.procedureCode)[0].publication == saved.publication)

            // Refused before anything is written: a posting before the decision, and someone who may not.
            var backwards = record
            backwards.postedOn = Fixtures.day("2026-01-02")
            do {
                _ = try await catalog.recordPublication(
                    code: Fixtures.procedureCode, version: 1, backwards, expectedRevision: 1, by: Self.staff, now: Fixtures.now)
                Issue.record("A posting before the decision was recorded")
            } catch let error as DomainError {
                #expect(error.kind == .validation && error.fields.map(\.field) == ["postedOn"])
            }
            let desk = User(username: "desk", fullName: "desk", role: .deskOfficer, unitID: nil, createdAt: Fixtures.now, updatedAt: Fixtures.now)
            do {
                _ = try await catalog.recordPublication(code: Fixtures.procedureCode, version: 1, record, expectedRevision: 1, by: desk, now: Fixtures.now)
                Issue.record("A desk officer recorded a publication")
            } catch let error as DomainError {
                #expect(error.kind == .forbidden)
            }

            var draft = Fixtures.procedureDraft()
            draft.fee = 90_000
            draft.effectiveFrom = Fixtures.day("2027-01-01")
            let next = try await catalog.newVersion(code: Fixtures.procedureCode, draft, expectedLatestVersion: 1, by: "noivu", now: Fixtures.now)
            #expect(next.publication == ProcedurePublication(applicants: [.citizens, .organisations], onlinePayment: true))
        }
    }
}
