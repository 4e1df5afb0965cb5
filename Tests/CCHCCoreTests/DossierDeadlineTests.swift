import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Dossier deadlines")
struct DossierDeadlineTests {
    typealias World = DossierWorld

    @Test("Accepted Monday 09:00 with 3 working days: due Thursday 09:00; each step has its own deadline")
    func atAcceptance() throws {
        let accepted = try World.dossier(in: .accepted)
        #expect(World.local(accepted.acceptedAt) == "2026-03-02 09:00")
        #expect(World.local(accepted.dueAt) == "2026-03-05 09:00")
        #expect(accepted.stepDueAt.map(World.local) == ["2026-03-02 15:00", "2026-03-04 15:00", "2026-03-05 09:00"])
        #expect(World.clock.calendar.appointment(for: accepted.dueAt!) == Appointment(date: LocalDate("2026-03-05")!, session: .morning))
    }

    @Test("A counter dossier received after the procedure's 15:00 cut-off counts from the next working day")
    func cutoff() throws {
        var procedure = World.procedure
        procedure.cutoff = 15 * 3600
        let received = try World.intake(.counter, procedure: procedure, at: "2026-03-02 15:30")
        let accepted = try World.run(received, [("2026-03-02 15:30", .accept, .staff(World.desk))], procedure: procedure)
        #expect(World.local(accepted.dueAt) == "2026-03-05 17:00")
    }

    @Test("A supplement request pauses the clock: the deadline moves by the working time waited")
    func pause() throws {
        let waited = try World.run(
            try World.dossier(in: .processing),
            [
                ("2026-03-03 09:00", .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), .staff(World.specialist)),
                ("2026-03-04 09:00", .receiveSupplement(note: ""), .staff(World.desk)),
            ])
        #expect(waited.status == .processing)
        #expect(waited.pauses.count == 1 && waited.pauses[0].end != nil)
        #expect(World.local(waited.dueAt) == "2026-03-06 09:00")
        #expect(World.local(waited.stepDueAt[1]) == "2026-03-05 15:00")
    }

    @Test("A procedure that restarts the clock counts the whole time again from the supplement")
    func restart() throws {
        var procedure = World.procedure
        procedure.supplementRule = .restart
        let accepted = try World.run(
            try World.intake(.counter, procedure: procedure), [("2026-03-02 09:00", .accept, .staff(World.desk))], procedure: procedure)
        let restarted = try World.run(
            accepted,
            [
                ("2026-03-03 09:00", .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), .staff(World.desk)),
                ("2026-03-05 10:00", .receiveSupplement(note: ""), .staff(World.desk)),
            ], procedure: procedure)
        #expect(World.local(restarted.clockStartedAt) == "2026-03-05 10:00")
        #expect(World.local(restarted.dueAt) == "2026-03-10 10:00")
    }

    @Test("Waiting for a payment does not count either")
    func paymentPause() throws {
        let paid = try World.run(try World.dossier(in: .paymentRequested), [("2026-03-05 14:00", .recordPayment(reference: "BL-9"), .staff(World.desk))])
        // Requested Monday 14:00, paid Thursday 14:00: three working days added.
        #expect(World.local(paid.dueAt) == "2026-03-10 09:00")
        #expect(paid.status == .processing && paid.payment?.reference == "BL-9")
    }

    @Test("Each step is graded when it ends; lateness is charged to the step that held the dossier")
    func gradingAndAttribution() throws {
        let processing = try World.dossier(in: .processing)
        #expect(processing.visits[0].timeliness == .onTime)
        // The appraisal takes until Thursday 10:00: its deadline was Wednesday 15:00, the dossier's Thursday 09:00.
        let flagged = try World.run(processing, [("2026-03-05 09:30", .flagOverdue, .system)])
        #expect(flagged.overdue && flagged.lateAttribution?.unitID == World.department.id && flagged.lateAttribution?.step == 1)
        #expect(flagged.apologyDraft?.unitID == World.department.id)
        #expect(throws: DomainError(.invalidState, "dossier.flag.already")) {
            _ = try DossierMachine.apply(.flagOverdue, to: flagged, by: .system, context: World.context("2026-03-05 09:31"))
        }
        let forwarded = try World.run(flagged, [("2026-03-05 10:00", .forward(toStep: nil, note: ""), .staff(World.specialist))])
        #expect(forwarded.visits[1].timeliness == .late)
        #expect(forwarded.visits[1].workingSeconds == 5 * 3600)
        let done = try World.run(forwarded, [("2026-03-06 09:00", .markResultReady(note: ""), .staff(World.leader))])
        #expect(done.timeliness == .late)
        #expect(done.lateAttribution?.step == 1)
    }

    @Test("Nearing the deadline follows the deadline: kept through a pause, cleared by a restarted clock or an apology's new date")
    func nearingFollowsTheDeadline() throws {
        // Due Thursday 09:00: eight working hours before is Wednesday 09:00.
        let nearing = try World.run(try World.dossier(in: .processing), [("2026-03-04 10:00", .flagNearingDue, .system)])
        #expect(nearing.nearingDue)
        // A pause moves the deadline by the time waited, so the time left when it ends is what was left when it began.
        let resumed = try World.run(
            nearing,
            [
                ("2026-03-04 10:30", .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), .staff(World.specialist)),
                ("2026-03-10 10:30", .receiveSupplement(note: ""), .staff(World.desk)),
            ])
        #expect(World.local(resumed.dueAt) == "2026-03-11 09:00" && resumed.nearingDue)
        // An apology signed before the deadline gives a new date days away: no longer nearing, until the job says so again.
        let apologised = try World.run(
            nearing,
            [
                ("2026-03-04 10:30", .apologize(reason: "Chậm thẩm định", newDueAt: World.at("2026-03-10 16:00")), .staff(World.leader))
            ])
        #expect(!apologised.nearingDue && !apologised.overdue)
        let again = try World.run(apologised, [("2026-03-10 09:00", .flagNearingDue, .system)])
        #expect(again.nearingDue)
        // A procedure that restarts the clock on a supplement counts its whole time again.
        var procedure = World.procedure
        procedure.supplementRule = .restart
        let accepted = try World.run(
            try World.intake(.counter, procedure: procedure), [("2026-03-02 09:00", .accept, .staff(World.desk))], procedure: procedure)
        let restarted = try World.run(
            accepted,
            [
                ("2026-03-04 10:00", .flagNearingDue, .system),
                ("2026-03-04 10:30", .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), .staff(World.desk)),
                ("2026-03-05 10:00", .receiveSupplement(note: ""), .staff(World.desk)),
            ], procedure: procedure)
        #expect(World.local(restarted.dueAt) == "2026-03-10 10:00" && !restarted.nearingDue)
        // Overdue stays: an apology does not make a late dossier on time.
        let late = try World.run(
            nearing,
            [
                ("2026-03-05 09:30", .flagOverdue, .system),
                ("2026-03-05 10:00", .apologize(reason: "Chậm thẩm định", newDueAt: World.at("2026-03-10 16:00")), .staff(World.leader)),
            ])
        #expect(late.overdue && late.nearingDue)
    }

    @Test("The job may not flag a dossier before its deadline")
    func notYetOverdue() throws {
        #expect(throws: DomainError(.invalidState, "dossier.flag.already")) {
            _ = try DossierMachine.apply(.flagOverdue, to: try World.dossier(in: .processing), by: .system, context: World.context("2026-03-05 08:59"))
        }
    }

    @Test("An apology moves the appointment once, to a later date")
    func apology() throws {
        let processing = try World.dossier(in: .processing)
        let context = World.context("2026-03-04 10:00")
        #expect(throws: DomainError.validation([FieldError("newDueAt", "dossier.apology.date_later")])) {
            _ = try DossierMachine.apply(
                .apologize(reason: "Chậm", newDueAt: World.at("2026-03-05 08:00")), to: processing, by: .staff(World.leader), context: context)
        }
        let apologised = try DossierMachine.apply(
            .apologize(reason: "Chậm thẩm định", newDueAt: World.at("2026-03-10 16:00")), to: processing, by: .staff(World.leader), context: context
        ).dossier
        #expect(World.local(apologised.dueAt) == "2026-03-10 16:00")
        #expect(World.local(apologised.originalDueAt) == "2026-03-05 09:00")
        #expect(apologised.apology?.signedBy == "Leader" && apologised.apology?.unitID == World.department.id)
        #expect(throws: DomainError(.invalidState, "dossier.apology.once")) {
            _ = try DossierMachine.apply(
                .apologize(reason: "Lần nữa", newDueAt: World.at("2026-03-20 16:00")), to: apologised, by: .staff(World.leader), context: context)
        }
        // Waiting for a supplement after the apology still pushes the new date.
        let paused = try World.run(
            apologised,
            [
                ("2026-03-05 09:00", .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), .staff(World.specialist)),
                ("2026-03-06 09:00", .receiveSupplement(note: ""), .staff(World.desk)),
            ])
        #expect(World.local(paused.dueAt) == "2026-03-11 16:00")
        // Finished before the new date but after the original one: still late, and the late unit answers for it.
        let finished = try World.run(
            apologised,
            [
                ("2026-03-06 10:00", .forward(toStep: nil, note: ""), .staff(World.specialist)),
                ("2026-03-06 14:00", .markResultReady(note: ""), .staff(World.leader)),
            ])
        #expect(finished.timeliness == .late && finished.lateAttribution?.unitID == World.department.id)
        // Where the province requires it, an apology after the deadline is refused.
        #expect(throws: DomainError(.invalidState, "dossier.apology.too_late")) {
            _ = try DossierMachine.apply(
                .apologize(reason: "Chậm", newDueAt: World.at("2026-03-20 16:00")), to: processing, by: .staff(World.leader),
                context: World.context("2026-03-06 10:00", settings: DossierSettings(apologyBeforeDeadline: true)))
        }
    }

    @Test("Returning to an earlier step hands the dossier back, with the reason")
    func returnToStep() throws {
        let atApproval = try World.run(try World.dossier(in: .processing), [("2026-03-03 10:00", .forward(toStep: nil, note: ""), .staff(World.specialist))])
        let back = try World.run(atApproval, [("2026-03-03 14:00", .returnToStep(1, reason: "Bổ sung ý kiến thẩm định"), .staff(World.leader))])
        #expect(back.currentStep == 1 && back.currentUnitID == World.department.id)
        #expect(back.visits.map(\.step) == [0, 1, 2, 1])
        #expect(back.visits.last?.note == "Bổ sung ý kiến thẩm định")
    }
}
