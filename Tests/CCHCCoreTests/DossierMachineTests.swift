import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Dossier state machine")
struct DossierMachineTests {
    typealias World = DossierWorld

    static let statuses = DossierStatus.allCases

    @Test("Every status × every action: allowed exactly where the table says, refused with a reason elsewhere", arguments: statuses)
    func exhaustive(status: DossierStatus) throws {
        let dossier = try World.dossier(in: status)
        #expect(dossier.status == status)
        for kind in DossierAction.Kind.allCases {
            let allowed = World.allowsSomeone(kind, in: status)
            do {
                let transition = try DossierMachine.apply(
                    World.example(kind), to: dossier, by: World.qualifiedActor(kind), context: World.context("2026-03-06 09:00"))
                #expect(allowed, "\(kind.rawValue) should be refused in status \(status.rawValue)")
                #expect(transition.dossier.version == dossier.version + 1)
                #expect(transition.event.action == kind.rawValue)
                #expect(transition.event.statusBefore == status)
                #expect(transition.event.statusAfter == transition.dossier.status)
            } catch let error as DomainError {
                #expect(!allowed, "\(kind.rawValue) should be allowed in status \(status.rawValue): \(error)")
                #expect(error.kind == .invalidState && error.code == "dossier.action.not_in_status", "\(kind.rawValue) in \(status.rawValue): \(error)")
            }
        }
    }

    @Test(
        "Where each action leads",
        arguments: [
            (DossierStatus.submitted, DossierAction.Kind.accept, DossierStatus.accepted),
            (.submitted, .refuse, .refused),
            (.accepted, .forward, .processing),
            (.accepted, .requestSupplement, .supplementRequested),
            (.supplementRequested, .receiveSupplement, .accepted),
            (.processing, .requestPayment, .paymentRequested),
            (.paymentRequested, .recordPayment, .processing),
            (.processing, .markResultReady, .resultReady),
            (.resultReady, .returnResult, .returned),
            (.processing, .withdraw, .withdrawn),
            (.paymentRequested, .stop, .stopped),
            (.processing, .apologize, .processing),
            (.returned, .rate, .returned),
        ])
    func outcomes(from: DossierStatus, kind: DossierAction.Kind, to: DossierStatus) throws {
        let transition = try DossierMachine.apply(
            World.example(kind), to: try World.dossier(in: from), by: World.qualifiedActor(kind), context: World.context("2026-03-03 09:00"))
        #expect(transition.dossier.status == to)
    }

    @Test("Who may act: wrong role, wrong unit, someone else's dossier are forbidden (403), whatever the status")
    func forbidden() throws {
        let processing = try World.dossier(in: .processing)
        let cases: [(DossierStatus, DossierAction.Kind, DossierActor)] = [
            (.submitted, .accept, .staff(World.specialist)),  // not a desk officer
            (.submitted, .accept, .staff(World.outsider)),
            (.submitted, .accept, .citizen(World.citizen)),
            (.submitted, .accept, .staff(World.admin)),  // administrators do not process dossiers
            (.processing, .forward, .staff(World.outsider)),  // another department
            (.processing, .forward, .staff(World.desk)),  // the desk does not hold the appraisal step
            (.processing, .markResultReady, .staff(World.outsideLeader)),
            (.processing, .apologize, .staff(World.specialist)),  // only a unit head signs
            (.processing, .flagOverdue, .staff(World.leader)),  // only the job flags
            (.processing, .forward, .system),
            (.supplementRequested, .receiveSupplement, .citizen(World.stranger)),
            (.returned, .rate, .citizen(World.stranger)),
            (.returned, .rate, .staff(World.desk)),
            (.resultReady, .returnResult, .staff(World.leader)),
        ]
        for (status, kind, actor) in cases {
            let dossier = status == .processing ? processing : try World.dossier(in: status)
            #expect(throws: DomainError(.forbidden, "dossier.action.forbidden", arguments: ["action": kind.rawValue]), "\(kind) by \(actor.username)") {
                _ = try DossierMachine.apply(World.example(kind), to: dossier, by: actor, context: World.context("2026-03-03 09:00"))
            }
        }
        // The step holders themselves, and a leader for any step of the unit.
        #expect(throws: Never.self) {
            _ = try DossierMachine.apply(
                .forward(toStep: nil, note: ""), to: processing, by: .staff(World.specialist), context: World.context("2026-03-03 09:00"))
            _ = try DossierMachine.apply(.forward(toStep: nil, note: ""), to: processing, by: .staff(World.leader), context: World.context("2026-03-03 09:00"))
        }
        let available = DossierPolicy.available(
            to: .staff(World.specialist), on: processing, procedure: World.procedure, tree: World.tree, settings: DossierSettings())
        #expect(available == [.requestSupplement, .forward, .returnToStep, .requestPayment, .markResultReady])
    }

    @Test("Actions a dossier gets a set number of times are not offered once used up: supplement requests, the apology, the rating")
    func usedUpActionsAreNotOffered() throws {
        func offered(_ dossier: Dossier, to actor: DossierActor, settings: DossierSettings = DossierSettings()) -> [DossierAction.Kind] {
            DossierPolicy.available(to: actor, on: dossier, procedure: World.procedure, tree: World.tree, settings: settings)
        }
        let supplemented = try World.run(
            try World.dossier(in: .processing),
            [
                ("2026-03-03 09:00", .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), .staff(World.specialist)),
                ("2026-03-03 10:00", .receiveSupplement(note: ""), .staff(World.desk)),
            ])
        #expect(!offered(supplemented, to: .staff(World.specialist)).contains(.requestSupplement))
        #expect(offered(supplemented, to: .staff(World.specialist), settings: DossierSettings(maximumSupplementRequests: 2)).contains(.requestSupplement))
        let processing = try World.dossier(in: .processing)
        #expect(offered(processing, to: .staff(World.leader)).contains(.apologize))
        let apologised = try World.run(
            processing,
            [
                ("2026-03-04 10:00", .apologize(reason: "Chậm thẩm định", newDueAt: World.at("2026-03-10 16:00")), .staff(World.leader))
            ])
        #expect(!offered(apologised, to: .staff(World.leader)).contains(.apologize))
        let returned = try World.dossier(in: .returned)
        #expect(offered(returned, to: .applicant) == [.rate])
        let rated = try World.run(returned, [("2026-03-06 10:00", .rate(World.rating), .applicant)])
        #expect(offered(rated, to: .applicant).isEmpty)
    }

    @Test("Bad input for an allowed action names the field")
    func badInput() throws {
        let accepted = try World.dossier(in: .accepted)
        let context = World.context("2026-03-02 10:00")
        #expect(throws: DomainError.validation([FieldError("items", "dossier.supplement.items_required"), FieldError("reason", "error.required")])) {
            _ = try DossierMachine.apply(.requestSupplement(items: ["  "], reason: ""), to: accepted, by: .staff(World.desk), context: context)
        }
        #expect(throws: DomainError.validation([FieldError("amount", "dossier.payment.amount")])) {
            _ = try DossierMachine.apply(.requestPayment(amount: 0, description: "Thuế"), to: accepted, by: .staff(World.desk), context: context)
        }
        #expect(throws: DomainError.validation([FieldError("reason", "error.required")])) {
            _ = try DossierMachine.apply(.refuse(reason: " "), to: accepted, by: .staff(World.desk), context: context)
        }
        let ready = try World.dossier(in: .resultReady)
        #expect(throws: DomainError.validation([FieldError("returnedTo", "error.required")])) {
            _ = try DossierMachine.apply(.returnResult(to: "", method: .counter), to: ready, by: .staff(World.desk), context: context)
        }
        // The last step cannot be forwarded: its result is marked ready instead.
        let atApproval = try World.run(try World.dossier(in: .processing), [("2026-03-03 10:00", .forward(toStep: nil, note: ""), .staff(World.specialist))])
        #expect(throws: DomainError(.invalidState, "dossier.forward.last_step")) {
            _ = try DossierMachine.apply(.forward(toStep: nil, note: ""), to: atApproval, by: .staff(World.leader), context: context)
        }
    }

    @Test("One list of everything missing: a second supplement request is refused")
    func oneSupplementRequest() throws {
        let supplemented = try World.run(try World.dossier(in: .supplementRequested), [("2026-03-03 09:00", .receiveSupplement(note: ""), .staff(World.desk))])
        #expect(supplemented.status == .accepted)
        #expect(throws: DomainError(.invalidState, "dossier.supplement.limit", arguments: ["count": "1"])) {
            _ = try DossierMachine.apply(
                .requestSupplement(items: ["Thêm"], reason: "Lại thiếu"), to: supplemented, by: .staff(World.desk), context: World.context("2026-03-03 10:00"))
        }
        let lenient = DossierSettings(maximumSupplementRequests: 2)
        #expect(throws: Never.self) {
            _ = try DossierMachine.apply(
                .requestSupplement(items: ["Thêm"], reason: "Lại thiếu"), to: supplemented, by: .staff(World.desk),
                context: World.context("2026-03-03 10:00", settings: lenient))
        }
    }

    @Test("The citizen who filed online may supplement and withdraw; an applicant with the PIN may rate")
    func applicantActions() throws {
        let requested = try World.run(try World.intake(), [("2026-03-02 10:00", .requestSupplement(items: ["Bản vẽ"], reason: "Mờ"), .staff(World.desk))])
        let resumed = try World.run(requested, [("2026-03-02 15:00", .receiveSupplement(note: "Đã tải lên"), .citizen(World.citizen))])
        #expect(resumed.status == .submitted)
        #expect(resumed.pauses.isEmpty)
        let withdrawn = try World.run(resumed, [("2026-03-02 16:00", .withdraw(reason: ""), .citizen(World.citizen))])
        #expect(withdrawn.status == .withdrawn)
        let returned = try World.dossier(in: .returned)
        let rated = try World.run(returned, [("2026-03-05 09:00", .rate(World.rating), .applicant)])
        #expect(rated.rating?.total == 18)
        #expect(throws: DomainError(.conflict, "dossier.rating.once")) {
            _ = try DossierMachine.apply(.rate(World.rating), to: rated, by: .applicant, context: World.context("2026-03-05 10:00"))
        }
        #expect(throws: DomainError.self) {
            _ = try DossierMachine.apply(
                .rate(Rating(scores: [2, 2, 3], satisfaction: .satisfied, ratedAt: .now)), to: returned, by: .applicant,
                context: World.context("2026-03-05 10:00"))
        }
    }
}

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

@Suite("Dossier intake")
struct DossierIntakeTests {
    typealias World = DossierWorld

    func fields(_ request: IntakeRequest, procedure: Procedure? = DossierWorld.procedure, actor: DossierActor = .citizen(DossierWorld.citizen)) -> Set<String> {
        do {
            _ = try DossierIntake.prepare(request, procedure: procedure, tree: World.tree, actor: actor, now: World.at("2026-03-02 09:00"))
            return []
        } catch let error as DomainError {
            return Set(error.fields.map(\.field) + (error.fields.isEmpty ? [error.code] : []))
        } catch {
            return ["\(error)"]
        }
    }

    @Test("Every bad field is named at once")
    func validation() {
        let bad = IntakeRequest(
            procedureCode: "1.000001", channel: .online,
            applicant: Applicant(fullName: " ", idNumber: "12345", phone: "12345", email: "an@", address: ""),
            components: [.init(index: 1, photocopies: 2), .init(index: 7, originals: 1)], receivingUnitCode: "E")
        #expect(
            fields(bad) == [
                "applicant.fullName", "applicant.idNumber", "applicant.phone", "applicant.email", "components.0", "components.7", "receivingUnitCode",
            ])
        var unknown = bad
        unknown.applicant = World.applicant
        unknown.components = [.init(index: 0, originals: 1), .init(index: 1, photocopies: 1)]
        unknown.receivingUnitCode = "C"
        #expect(fields(unknown, procedure: nil) == ["procedureCode"])
        var offline = World.procedure
        offline.onlineLevel = .none
        #expect(fields(unknown, procedure: offline) == ["channel"])
    }

    @Test("Phones are normalised; a reception point's centre is the receiving unit")
    func normalisation() throws {
        let request = IntakeRequest(
            procedureCode: "1.000001", channel: .counter,
            applicant: Applicant(fullName: "Trần Thị Bình", idNumber: "079301000123", phone: "+84 912.345.678"),
            components: [.init(index: 0, originals: 1), .init(index: 1, photocopies: 2)], receivingUnitCode: "c1")
        let dossier = try DossierIntake.prepare(
            request, procedure: World.procedure, tree: World.tree, actor: .staff(World.desk), now: World.at("2026-03-02 09:00"))
        #expect(dossier.applicant.phone == "0912345678")
        #expect(dossier.receivingPointID == World.point.id && dossier.receivingUnitID == World.centre.id)
        #expect(dossier.competentUnitID == World.department.id)
        #expect(dossier.components.map(\.index) == [0, 1])
        #expect(dossier.applicant.maskedName == "T*** T*** B***")
        // Only the desk takes dossiers at the counter, and only for its own units.
        #expect(fields(request, actor: .staff(World.specialist)) == ["dossier.intake.forbidden"])
        #expect(fields(request, actor: .citizen(World.citizen)) == ["dossier.intake.forbidden"])
    }

    @Test("Codes: unit code, day, sequence of at least four digits")
    func codes() {
        #expect(DossierCode.make(unitCode: "000.00.30.H99", date: LocalDate("2026-03-02")!, sequence: 7) == "000.00.30.H99-260302-0007")
        #expect(DossierCode.make(unitCode: "X", date: LocalDate("2026-12-31")!, sequence: 12345) == "X-261231-12345")
        #expect(LookupPIN.generate().count == 6)
    }

    @Test("Rating bands leave no gap and no overlap: 15 is good, 16 excellent")
    func ratingBands() {
        let bands = RatingBands.standard
        #expect((0...18).allSatisfy { bands.band(for: $0) != nil })
        #expect(bands.band(for: 15)?.label == "Tốt")
        #expect(bands.band(for: 16)?.label == "Xuất sắc")
        #expect(bands.band(for: 12)?.label == "Tốt")
        #expect(bands.band(for: 11)?.label == "Khá")
        #expect(bands.band(for: 5)?.label == "Yếu")
    }
}
