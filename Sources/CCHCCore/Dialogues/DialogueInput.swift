import Foundation
import WorkCalendar

/// A dialogue session as typed on the form or sent to the API: text as entered, checked by `errors`.
public struct DialogueInput: Equatable, Sendable {
    public var unitCode: String
    public var heldOn: String
    public var place: String
    public var chairName: String
    public var chairTitle: String
    public var audience: String
    /// How many took part, by group, as typed.
    public var participants: [DialogueParticipants.Group: String]
    public var conclusion: String
    public var questions: [DialogueQuestionInput]

    public init(
        unitCode: String = "", heldOn: String = "", place: String = "", chairName: String = "", chairTitle: String = "", audience: String = "",
        participants: [DialogueParticipants.Group: String] = [:], conclusion: String = "", questions: [DialogueQuestionInput] = []
    ) {
        self.unitCode = unitCode
        self.heldOn = heldOn
        self.place = place
        self.chairName = chairName
        self.chairTitle = chairTitle
        self.audience = audience
        self.participants = participants
        self.conclusion = conclusion
        self.questions = questions
    }
}

/// A question as typed. `followUp` is `none`, `feedback` (the responsible unit handles it as feedback and
/// answers the asker at `contact`) or `task` (the responsible unit must settle it by `dueOn`).
public struct DialogueQuestionInput: Equatable, Sendable {
    /// What happens to the question after the session.
    public enum Next: String, CaseIterable, Sendable {
        case none
        case feedback
        case task
    }

    public var askedBy: String
    public var organisation: String
    public var text: String
    public var answer: String
    public var followUp: String
    public var contact: String
    public var unitCode: String
    public var dueOn: String

    public init(
        askedBy: String = "", organisation: String = "", text: String = "", answer: String = "", followUp: String = "none", contact: String = "",
        unitCode: String = "", dueOn: String = ""
    ) {
        self.askedBy = askedBy
        self.organisation = organisation
        self.text = text
        self.answer = answer
        self.followUp = followUp
        self.contact = contact
        self.unitCode = unitCode
        self.dueOn = dueOn
    }

    /// What `followUp` names; nil when it names nothing known.
    public var next: Next? { Next(rawValue: followUp) }

    /// A row of the form left empty.
    public var isBlank: Bool { [askedBy, organisation, text, answer, contact, unitCode, dueOn].allSatisfy { $0.trimmed.isEmpty } }

    /// The contact split into the phone or the e-mail a feedback item needs.
    var phoneAndEmail: (phone: String, email: String) {
        contact.contains("@") ? ("", contact.trimmed) : (contact.trimmed, "")
    }
}

extension DialogueInput {
    public static let maximumQuestions = 60
    public static let maximumParticipants = 100_000

    /// The fields' own errors (what needs no database), every one named at once; a question's fields are
    /// `questions.<n>.<field>`.
    public func errors(today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        func check(_ value: String, _ field: String, max: Int, required: Bool = true) {
            let trimmed = value.trimmed
            if required, trimmed.isEmpty { errors.append(FieldError(field, "error.required")) }
            if trimmed.count > max { errors.append(FieldError(field, "error.too_long", ["max": String(max)])) }
        }
        check(unitCode, "unitCode", max: 50)
        if let day = LocalDate(flexible: heldOn.trimmed) {
            if day > today { errors.append(FieldError("heldOn", "dialogue.held_on.future")) }
        } else {
            errors.append(FieldError("heldOn", heldOn.trimmed.isEmpty ? "error.required" : "error.date_invalid"))
        }
        check(place, "place", max: 200)
        check(chairName, "chairName", max: 200)
        check(chairTitle, "chairTitle", max: 200)
        if DialogueAudience(rawValue: audience) == nil { errors.append(FieldError("audience", "error.invalid_value")) }
        var total = 0
        for group in DialogueParticipants.Group.allCases {
            let text = participants[group]?.trimmed ?? ""
            guard !text.isEmpty else { continue }
            if let count = Int(text), (0...Self.maximumParticipants).contains(count) {
                total += count
            } else {
                errors.append(FieldError("participants.\(group.rawValue)", "error.range", ["min": "0", "max": String(Self.maximumParticipants)]))
            }
        }
        if total == 0, !errors.contains(where: { $0.field.hasPrefix("participants.") }) {
            errors.append(FieldError("participants.citizens", "dialogue.participants.none"))
        }
        check(conclusion, "conclusion", max: 8000, required: false)
        if questions.filter({ !$0.isBlank }).count > Self.maximumQuestions {
            errors.append(FieldError("questions", "dialogue.questions.too_many", ["max": String(Self.maximumQuestions)]))
        }
        for (index, question) in questions.enumerated() where !question.isBlank {
            errors += question.errors(prefix: "questions.\(index).", today: today)
        }
        return errors
    }
}

extension DialogueQuestionInput {
    func errors(prefix: String, today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        func check(_ value: String, _ field: String, max: Int, required: Bool = true) {
            let trimmed = value.trimmed
            if required, trimmed.isEmpty { errors.append(FieldError(prefix + field, "error.required")) }
            if trimmed.count > max { errors.append(FieldError(prefix + field, "error.too_long", ["max": String(max)])) }
        }
        check(askedBy, "askedBy", max: 200)
        check(organisation, "organisation", max: 200, required: false)
        check(text, "text", max: 4000)
        check(answer, "answer", max: 4000, required: false)
        switch next {
        case .none?:
            if answer.trimmed.isEmpty { errors.append(FieldError(prefix + "answer", "dialogue.question.unanswered")) }
        case .feedback?:
            check(unitCode, "unitCode", max: 50)
            let (phone, email) = phoneAndEmail
            if contact.trimmed.isEmpty {
                errors.append(FieldError(prefix + "contact", "dialogue.question.contact"))
            } else if !(phone.isEmpty || FeedbackSubmission.isPhone(phone)) || !(email.isEmpty || FeedbackSubmission.isEmail(email)) {
                errors.append(FieldError(prefix + "contact", "feedback.phone.invalid"))
            }
        case .task?:
            check(unitCode, "unitCode", max: 50)
            if let due = LocalDate(flexible: dueOn.trimmed) {
                if due < today { errors.append(FieldError(prefix + "dueOn", "dialogue.question.due_past")) }
            } else {
                errors.append(FieldError(prefix + "dueOn", dueOn.trimmed.isEmpty ? "error.required" : "error.date_invalid"))
            }
        case nil:
            errors.append(FieldError(prefix + "followUp", "error.invalid_value"))
        }
        return errors
    }
}
