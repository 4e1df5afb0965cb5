import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Dialogues and tasks: quarters, the requirement, a form's errors, a task's marks")
struct DialogueCoreTests {
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test("A quarter's first and last days, across a year's end")
    func quarters() {
        #expect(Quarter(of: Self.day("2026-02-28")) == Quarter(year: 2026, number: 1))
        #expect(Quarter(year: 2026, number: 1).lastDay == Self.day("2026-03-31"))
        #expect(Quarter(year: 2026, number: 3).firstDay == Self.day("2026-07-01"))
        #expect(Quarter(year: 2026, number: 4).lastDay == Self.day("2026-12-31"))
    }

    @Test(
        "Held against required: met, short once the quarter ended, pending while it runs",
        arguments: [
            // held per quarter, required, today → standing per quarter
            ([2, 1, 0, 0], [2, 2, 2, 2], "2026-11-23", ["met", "short", "short", "pending"]),
            ([0, 0, 0, 0], [0, 0, 1, 1], "2026-11-23", ["met", "met", "short", "pending"]),
            ([1, 1, 1, 1], [1, 1, 1, 1], "2027-01-02", ["met", "met", "met", "met"]),
            ([0, 0, 0, 0], [1, 1, 1, 1], "2027-01-01", ["short", "short", "short", "short"]),
        ])
    func standing(held: [Int], required: [Int], today: String, expected: [String]) {
        let now = Date(timeIntervalSince1970: 0)
        let unit = OrgUnit(
            code: "000.00.07.H01", name: "Sở", shortName: "Sở", kind: .department, parentID: nil, effectiveFrom: Self.day("2020-01-01"), createdAt: now,
            updatedAt: now)
        let sessions = held.enumerated().flatMap { index, count in
            (0..<count).map { _ in
                DialogueSession(
                    id: UUID(), code: "", version: 1, unitID: unit.id, heldOn: Quarter(year: 2026, number: index + 1).firstDay.adding(days: 10), place: "",
                    chairName: "", chairTitle: "", audience: .both, participants: [], questions: [], conclusion: "", recordedBy: "", recordedAt: now,
                    updatedAt: now)
            }
        }
        let year = DialogueYear(year: 2026, sessions: sessions, units: [unit], required: required, today: Self.day(today))
        #expect(year.rows.first?.held == held)
        #expect(year.rows.first?.standing.map(\.rawValue) == expected)
        #expect(year.unitsShort == (expected.contains("short") ? 1 : 0))
    }

    @Test("Which units must hold dialogues")
    func kinds() {
        #expect(UnitKind.allCases.filter(DialogueYear.holdsDialogues) == [.department, .commune, .ward, .specialZone, .district])
    }

    @Test("Every bad field of a session and of its questions is named at once; blank rows are skipped")
    func errors() {
        let input = DialogueInput(
            unitCode: "X", heldOn: "2026-11-24", place: "", chairName: "A", chairTitle: "B", audience: "both", participants: [.citizens: "-3"],
            questions: [
                DialogueQuestionInput(askedBy: "C", text: "Hỏi"),
                DialogueQuestionInput(),
                DialogueQuestionInput(askedBy: "D", text: "Hỏi", followUp: "task", unitCode: "X", dueOn: "2026-11-01"),
                DialogueQuestionInput(askedBy: "E", text: "Hỏi", followUp: "feedback", unitCode: "X"),
                DialogueQuestionInput(askedBy: "F", text: "Hỏi", followUp: "later"),
            ])
        let fields = input.errors(today: Self.day("2026-11-23")).map { "\($0.field) \($0.code)" }
        #expect(
            fields == [
                "heldOn dialogue.held_on.future", "place error.required", "participants.citizens error.range",
                "questions.0.answer dialogue.question.unanswered", "questions.2.dueOn dialogue.question.due_past",
                "questions.3.contact dialogue.question.contact", "questions.4.followUp error.invalid_value",
            ])
    }

    @Test("A task is nearing on its day and the working day before, overdue after it, neither once done")
    func taskMarks() {
        let calendar = WorkingCalendar()
        var task = AssignedTask(
            title: "T", detail: "", unitID: UUID(), dueOn: Self.day("2026-11-30"), source: TaskSource(.dialogue, reference: "DT"), createdBy: "",
            createdAt: Date())
        // Friday 27/11: the next working day is Monday 30/11.
        #expect(task.isNearingDue(today: Self.day("2026-11-27"), calendar: calendar))
        #expect(!task.isNearingDue(today: Self.day("2026-11-26"), calendar: calendar))
        #expect(task.isOverdue(today: Self.day("2026-12-01")) && !task.isNearingDue(today: Self.day("2026-12-01"), calendar: calendar))
        task.state = .done
        task.doneOn = Self.day("2026-12-01")
        #expect(!task.isOverdue(today: Self.day("2026-12-02")) && task.wasLate)
    }
}
