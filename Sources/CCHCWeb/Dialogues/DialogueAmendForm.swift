import CCHCCore
import Vapor

/// The correction form of a recorded session: the session's fields as on the new-record form, and per
/// question its asker and on-the-spot answer beside the question as recorded (which stays).
struct DialogueAmendForm: Encodable {
    static let questionFields = ["askedBy", "organisation", "answer"]

    struct Question: Encodable {
        var number: Int
        var text: String
        /// What the question became, as a line ("Sent on as feedback PA-…").
        var followUp: String?
        var askedBy: DialogueForm.Field
        var organisation: DialogueForm.Field
        var answer: DialogueForm.Field
        var hasError: Bool
    }

    var code: String
    var unitName: String
    var form: FormState
    var audiences: [SelectOption]
    var participants: [DialogueForm.Field]
    var questions: [Question]

    static func names(questions: Int) -> [String] {
        DialogueForm.sessionFields.filter { $0 != "unitCode" } + DialogueForm.participantFields
            + (0..<questions).flatMap { index in questionFields.map { "questions.\(index).\($0)" } } + ["version"]
    }

    /// The form's values for the session as recorded.
    static func values(_ session: DialogueSession) -> [String: String] {
        var values = [
            "heldOn": session.heldOn.description, "place": session.place, "chairName": session.chairName, "chairTitle": session.chairTitle,
            "audience": session.audience.rawValue, "conclusion": session.conclusion, "version": String(session.version),
        ]
        for participants in session.participants { values["participants.\(participants.group.rawValue)"] = String(participants.count) }
        for (index, question) in session.questions.enumerated() {
            values["questions.\(index).askedBy"] = question.askedBy
            values["questions.\(index).organisation"] = question.organisation ?? ""
            values["questions.\(index).answer"] = question.answer ?? ""
        }
        return values
    }

    static func input(_ values: [String: String], questions: Int) -> DialogueInput {
        var input = DialogueForm.input(values, rows: 0)
        input.questions = (0..<questions).map { index in
            let field = { (name: String) in values["questions.\(index).\(name)"] ?? "" }
            return DialogueQuestionInput(askedBy: field("askedBy"), organisation: field("organisation"), answer: field("answer"))
        }
        return input
    }

    init(_ session: DialogueSession, unitName: String, form: FormState, request: Request) {
        code = session.code
        self.unitName = unitName
        self.form = form
        audiences = DialogueForm.audiences(form, request)
        participants = DialogueForm.participants(form, request)
        questions = session.questions.enumerated().map { index, question in
            let field = { (name: String) in
                let full = "questions.\(index).\(name)"
                return DialogueForm.Field(name: full, value: form.values[full] ?? "", error: form.errors[full])
            }
            let followUp: String? =
                switch question.followUp {
                case .feedback(let code): "\(request.t("dialogue.follow_up.feedback")): \(code)"
                case .task(let code): "\(request.t("dialogue.follow_up.task")): \(code)"
                case nil: nil
                }
            let (askedBy, organisation, answer) = (field("askedBy"), field("organisation"), field("answer"))
            return Question(
                number: index + 1, text: question.text, followUp: followUp, askedBy: askedBy, organisation: organisation, answer: answer,
                hasError: [askedBy, organisation, answer].contains { $0.error != nil })
        }
    }
}
