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
