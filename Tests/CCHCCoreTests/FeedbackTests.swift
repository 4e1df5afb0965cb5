import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Feedback: deadlines, states, policy, counters")
struct FeedbackTests {
    static let unit = UUID(), otherUnit = UUID(), province = UUID()
    static let machine = FeedbackMachine(rules: .qd766, calendar: WorkingCalendar())

    static func at(_ day: String, hour: Int = 9) -> Date {
        VietnamTime.instant(on: LocalDate(day)!, secondsOfDay: hour * 3600)
    }

    static func received(_ day: String) -> Feedback {
        machine.received(
            Feedback(
                new: UUID(), topic: .unit, classification: .other, unitID: unit, sender: FeedbackSender(name: "A", phone: "0900000001"), title: "T",
                content: "C", receivedAt: at(day), rulesVersion: 1))
    }

    static func apply(_ actions: [(FeedbackAction, String)], to feedback: Feedback) throws -> Feedback {
        try actions.reduce(feedback) { current, step in try machine.apply(step.0, to: current, now: at(step.1)).0 }
    }

    @Test("Deadlines in working days: accept by the second working day, answer by the fifteenth after acceptance, paused while the sender is asked")
    func deadlines() throws {
        // Friday 5/6/2026: two working days is Tuesday 9/6.
        let feedback = Self.received("2026-06-05")
        #expect(feedback.stageDue == LocalDate("2026-06-09"))
        let accepted = try Self.apply([(.accept(.rules), "2026-06-08")], to: feedback)
        #expect(accepted.stageDue == LocalDate("2026-06-29"))
        #expect(accepted.askDue == LocalDate("2026-06-15"))
        #expect(accepted.lateDay == nil)
        // Asked on 10/6 with 13 working days left; the sender replies on 17/6: 13 working days from then.
        let asked = try Self.apply([(.askInfo(question: "Mã hồ sơ?"), "2026-06-10")], to: accepted)
        #expect(asked.state == .awaitingInfo && asked.stageDue == nil && asked.pausedDaysLeft == 13)
        let replied = try Self.apply([(.reply("Mã ..."), "2026-06-17")], to: asked)
        #expect(replied.state == .accepted && replied.stageDue == LocalDate("2026-07-06"))
        let published = try Self.apply([(.answer("Trả lời"), "2026-07-06"), (.publish, "2026-07-08")], to: replied)
        #expect(published.state == .published && published.lateDay == nil && published.facts.finishedOnTime && published.facts.satisfied)
    }

    @Test("A stage done after its day marks the first late day; the item is then neither on time nor satisfied")
    func lateness() throws {
        // Accepted on Wednesday 10/6, a day after Tuesday's deadline.
        let late = try Self.apply([(.accept(.rules), "2026-06-10"), (.answer("x"), "2026-06-11"), (.publish, "2026-06-12")], to: Self.received("2026-06-05"))
        #expect(late.lateDay == LocalDate("2026-06-10"))
        #expect(!late.facts.finishedOnTime && !late.facts.satisfied)
        // Open past its day: overdue from the day after.
        let open = Self.received("2026-06-05")
        #expect(open.facts.overdueFrom == LocalDate("2026-06-10") && open.isOverdue(today: LocalDate("2026-06-10")!))
        #expect(!open.isOverdue(today: LocalDate("2026-06-09")!))
    }

    @Test("Rated unhelpful or raised again: handled but not satisfied; raising it again opens it with a new answer deadline")
    func dissatisfaction() throws {
        let published = try Self.apply(
            [(.accept(.conduct), "2026-06-08"), (.answer("x"), "2026-06-09"), (.publish, "2026-06-09")], to: Self.received("2026-06-05"))
        #expect(published.facts.satisfied)
        let disliked = try Self.apply([(.rate(.notHelpful), "2026-06-10")], to: published)
        #expect(!disliked.facts.satisfied && disliked.facts.finishedOnTime)
        let reopened = try Self.apply([(.reopen(reason: "Chưa giải quyết"), "2026-06-10")], to: published)
        #expect(reopened.state == .accepted && reopened.reopenCount == 1 && reopened.finishedAt == nil)
        #expect(reopened.stageDue == LocalDate("2026-07-01") && !reopened.facts.satisfied)
        #expect(throws: DomainError.self) { try Self.machine.apply(.refuse(reason: "  "), to: Self.received("2026-06-05"), now: Self.at("2026-06-05")) }
    }

    @Test("Counters: received, classified and satisfied on the day received; open and open-overdue running until finished")
    func counters() throws {
        let late = try Self.apply([(.accept(.rules), "2026-06-10"), (.answer("x"), "2026-06-11"), (.publish, "2026-06-12")], to: Self.received("2026-06-05"))
        let counters = FeedbackCounters.counters(late.facts)
        func value(_ counter: FeedbackCounters.Counter, _ day: String) -> Int {
            counters[CounterKey(projection: FeedbackCounters.name, counter: counter.rawValue, entity: Self.unit, day: LocalDate(day))] ?? 0
        }
        #expect(value(.received, "2026-06-05") == 1 && value(.classified, "2026-06-05") == 1 && value(.satisfied, "2026-06-05") == 0)
        #expect(value(.open, "2026-06-05") == 1 && value(.open, "2026-06-12") == -1 && value(.finished, "2026-06-12") == 1)
        #expect(value(.finishedOnTime, "2026-06-12") == 0)
        #expect(value(.openOverdue, "2026-06-10") == 1 && value(.openOverdue, "2026-06-12") == -1)
        // Month totals carry the same values.
        let month = counters[CounterKey(projection: FeedbackCounters.name, counter: "received@month", entity: Self.unit, day: LocalDate("2026-06-01"))]
        #expect(month == 1)
        // An event moves the counters by the difference between the facts.
        let before = Self.received("2026-06-05").facts
        let changes = FeedbackCounters().changes(for: Self.draft(late), before: before, after: late.facts)
        var moved = FeedbackCounters.counters(before)
        for change in changes { moved[change.key, default: 0] += change.delta }
        #expect(moved.filter { $0.value != 0 } == counters)
    }

    static func draft(_ feedback: Feedback) -> FeedbackEventDraft {
        FeedbackEventDraft(
            payload: .published, stateBefore: .answered, stateAfter: feedback.state, actorUsername: "x", actorName: "x", actorRole: nil,
            occurredAt: feedback.updatedAt, facts: feedback.facts)
    }

    @Test("5.2 and 5.3 from the feedback counters: on time over received or handled, satisfied over received")
    func indicators() throws {
        let onTime = try Self.apply([(.accept(.rules), "2026-06-08"), (.answer("x"), "2026-06-09"), (.publish, "2026-06-09")], to: Self.received("2026-06-05"))
        let late = try Self.apply([(.accept(.rules), "2026-06-10"), (.answer("x"), "2026-06-11"), (.publish, "2026-06-12")], to: Self.received("2026-06-05"))
        let open = Self.received("2026-06-29")
        var sums: [CounterKey: Int] = [:]
        for facts in [onTime.facts, late.facts, open.facts] {
            for (key, value) in FeedbackCounters.counters(facts) { sums[key, default: 0] += value }
        }
        let days = LocalDate("2026-06-01")!...LocalDate("2026-06-30")!
        let period = PeriodPlan(days).sums(sums, flows: Set(FeedbackCounters.flowCounters), running: Set(FeedbackCounters.runningCounters))
        let tree = UnitTree([
            OrgUnit(
                id: Self.unit, code: "U", name: "U", shortName: "U", kind: .department, parentID: nil, effectiveFrom: LocalDate("2000-01-01")!,
                createdAt: Date(), updatedAt: Date())
        ])
        let calculator = ServiceIndexCalculator(
            set: IndicatorSetVersion(version: 1, effectiveFrom: LocalDate("2022-08-01")!, rules: .qd766, setBy: "t", reason: "t", setAt: Date()),
            tree: tree, procedures: [], period: ReportPeriod.parse("2026-06")!, counts: ServiceIndexCounts(ServiceIndexService.feedbackSums(period)))
        let measures = calculator.measures([Self.unit])
        #expect(measures[.feedbackReceived] == 3 && measures[.feedbackJudged] == 3 && measures[.feedbackClassified] == 2)
        // On time: the one published on time and the one still open within its day; satisfied: one of three.
        #expect(measures[.feedbackOnTime] == 2 && measures[.feedbackSatisfied] == 1)
        let score = calculator.score(Self.unit)
        let fiveTwo = try #require(score.indicators.first { $0.code == "5.2" })
        #expect(abs((fiveTwo.score ?? 0) - 4) < 0.001)
        let fiveThree = try #require(score.indicators.first { $0.code == "5.3" })
        #expect(abs((fiveThree.score ?? 0) - 2) < 0.001)
    }

    @Test("The policy table: who may do what in which state; an item another unit handles is not found")
    func policy() throws {
        func user(_ role: Role, _ unit: UUID?) -> User {
            User(username: "u", fullName: "U", role: role, unitID: unit, createdAt: Date(), updatedAt: Date())
        }
        let tree = UnitTree([
            OrgUnit(
                id: Self.province, code: "P", name: "P", shortName: "P", kind: .province, parentID: nil, effectiveFrom: LocalDate("2000-01-01")!,
                createdAt: Date(), updatedAt: Date()),
            OrgUnit(
                id: Self.unit, code: "U", name: "U", shortName: "U", kind: .department, parentID: Self.province, effectiveFrom: LocalDate("2000-01-01")!,
                createdAt: Date(), updatedAt: Date()),
            OrgUnit(
                id: Self.otherUnit, code: "O", name: "O", shortName: "O", kind: .department, parentID: Self.province, effectiveFrom: LocalDate("2000-01-01")!,
                createdAt: Date(), updatedAt: Date()),
        ])
        let received = Self.received("2026-06-05")
        let specialist = FeedbackPolicy.Actor.staff(user(.specialist, Self.unit))
        #expect(try FeedbackPolicy.check(.act(.accept), by: specialist, on: received, tree: tree) == .role(.specialist))
        #expect(throws: DomainError(.invalidState, "feedback.action.not_in_state")) {
            try FeedbackPolicy.check(.act(.answer), by: specialist, on: received, tree: tree)
        }
        #expect(throws: DomainError.notFound("feedback.not_found")) {
            try FeedbackPolicy.check(.act(.accept), by: .staff(user(.specialist, Self.otherUnit)), on: received, tree: tree)
        }
        #expect(throws: DomainError(.forbidden, "feedback.action.forbidden")) {
            try FeedbackPolicy.check(.act(.accept), by: .staff(user(.steeringCommittee, nil)), on: received, tree: tree)
        }
        #expect(try FeedbackPolicy.check(.act(.accept), by: .staff(user(.reformStaff, Self.otherUnit)), on: received, tree: tree) == .role(.reformStaff))
        #expect(FeedbackPolicy.available(to: .sender, on: received, tree: tree).isEmpty)
        let answered = try Self.apply([(.accept(.rules), "2026-06-08"), (.answer("x"), "2026-06-09")], to: received)
        #expect(FeedbackPolicy.available(to: .sender, on: answered, tree: tree) == [.reopen, .rate])
        #expect(FeedbackPolicy.available(to: specialist, on: answered, tree: tree).isEmpty)
        #expect(FeedbackPolicy.available(to: .staff(user(.unitLeader, Self.province)), on: answered, tree: tree) == [.publish])
        #expect(FeedbackPolicy.visibleUnits(of: user(.specialist, Self.unit), tree: tree) == [Self.unit])
        #expect(FeedbackPolicy.visibleUnits(of: user(.reformStaff, Self.unit), tree: tree) == nil)
        #expect(FeedbackPolicy.visibleUnits(of: user(.citizen, nil), tree: tree) == [])
    }

    @Test("The table as docs/policies.md shows it")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/policies.md"), encoding: .utf8)
        #expect(document.contains(FeedbackPolicy.markdown), "docs/policies.md should hold:\n\(FeedbackPolicy.markdown)")
    }

    @Test("A submission names every missing or malformed field; a public text hides phone numbers, ID numbers and e-mails")
    func submission() {
        let errors = FeedbackSubmission(phone: "12ab", email: "x@", topic: .dossier).errors(hasAccount: false).map(\.field)
        #expect(Set(errors) == ["name", "phone", "email", "title", "content", "dossierCode", "dossierPIN"])
        #expect(FeedbackSubmission(topic: .other).errors(hasAccount: false).map(\.code).contains("feedback.contact.required"))
        #expect(FeedbackSubmission(topic: .other, title: "T", content: "C").errors(hasAccount: true).isEmpty)
        #expect(PublicText.masked("Gọi 0912 345 678 hoặc a.b@mail.vn, CCCD 001099012345.") == "Gọi ••• hoặc •••@••• CCCD •••.")
        #expect(PublicText.masked("Hồ sơ nộp ngày 12/3, lần 2") == "Hồ sơ nộp ngày 12/3, lần 2")
    }
}
