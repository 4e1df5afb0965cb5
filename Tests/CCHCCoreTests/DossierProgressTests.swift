import Foundation
import Testing

@testable import CCHCCore

@Suite("Dossier progress")
struct DossierProgressTests {
    typealias World = DossierWorld

    /// A dossier in every status, plus one apologised for and one rated: every optional part present once.
    static func dossiers() throws -> [Dossier] {
        let apologised = try World.run(
            try World.dossier(in: .processing),
            [
                ("2026-03-04 10:00", .apologize(reason: "Chậm thẩm định", newDueAt: World.at("2026-03-10 16:00")), .staff(World.leader))
            ])
        let rated = try World.run(try World.dossier(in: .returned), [("2026-03-05 09:00", .rate(World.rating), .applicant)])
        return try DossierStatus.allCases.map(World.dossier(in:)) + [apologised, rated]
    }

    @Test("Read from the stored document, the progress is the same as taken from the whole dossier")
    func decodesFromTheDocument() throws {
        let dossiers = try Self.dossiers()
        for dossier in dossiers {
            let document = try JSONEncoder().encode(dossier)
            #expect(try JSONDecoder().decode(DossierProgress.self, from: document) == DossierProgress(dossier), "\(dossier.status)")
        }
        let (apologised, rated) = (DossierProgress(dossiers[dossiers.count - 2]), DossierProgress(dossiers[dossiers.count - 1]))
        #expect(apologised.apologized && !apologised.rated && apologised.originalDueAt != nil)
        #expect(rated.rated && !rated.canRate && rated.returnedAt == World.at("2026-03-04 15:00"))
        #expect(DossierProgress(try World.dossier(in: .returned)).canRate)
        #expect(rated.maskedApplicantName == "N*** V*** A***")
        let processing = DossierProgress(try World.dossier(in: .processing)).steps(of: World.procedure, tree: World.tree)
        #expect(processing.map(\.endedAt) == [World.at("2026-03-02 10:00"), nil, nil])
    }

    @Test(
        "Steps are done once left, current while an open dossier is at them; progress reaches 100 only when returned",
        arguments: [
            (DossierStatus.submitted, [DossierProgress.StepState.pending, .pending, .pending], 0),
            (.accepted, [.current, .pending, .pending], 0),
            (.processing, [.done, .current, .pending], 31),
            (.paymentRequested, [.done, .current, .pending], 31),
            (.stopped, [.done, .pending, .pending], 31),
            (.resultReady, [.done, .done, .done], 95),
            (.returned, [.done, .done, .done], 100),
        ])
    func stepStates(status: DossierStatus, states: [DossierProgress.StepState], percent: Int) throws {
        let progress = DossierProgress(try World.dossier(in: status))
        let steps = progress.steps(of: World.procedure, tree: World.tree)
        #expect(steps.map(\.state) == states)
        #expect(progress.percentDone(steps) == percent)
        // Each step names the unit that holds it for this dossier: the desk first, then the department.
        #expect(steps.map(\.unitName) == [World.centre.name, World.department.name, World.department.name])
        #expect(steps.map(\.number) == [1, 2, 3] && steps[0].name == "Tiếp nhận")
    }
}
