import CCHCCore
import Vapor

/// The dialogue form's fields: the session's, then one row per question (`questions.<n>.<field>`). Rows are
/// built in Swift because a template cannot read a value whose key holds dots.
struct DialogueForm: Encodable {
    static let sessionFields = ["unitCode", "heldOn", "place", "chairName", "chairTitle", "audience", "conclusion"]
    static let questionFields = ["askedBy", "organisation", "text", "answer", "followUp", "contact", "unitCode", "dueOn"]

    struct Field: Encodable {
        var name: String
        var value: String
        var error: String?
        var label: String?
    }

    struct Question: Encodable {
        var number: Int
        var fields: [String: Field]
        var followUps: [SelectOption]
        var hasError: Bool
    }

    var form: FormState
    var audiences: [SelectOption]
    var participants: [Field]
    var questions: [Question]

    /// The audience's choices, the one in `form` selected.
    static func audiences(_ form: FormState, _ request: Request) -> [SelectOption] {
        let audience = form.values["audience"] ?? DialogueAudience.both.rawValue
        return DialogueAudience.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == audience) }
    }

    /// One count field per group.
    static func participants(_ form: FormState, _ request: Request) -> [Field] {
        DialogueParticipants.Group.allCases.map { group in
            let name = "participants.\(group.rawValue)"
            return Field(name: name, value: form.values[name] ?? "", error: form.errors[name], label: request.t(group.messageKey))
        }
    }

    static var participantFields: [String] { DialogueParticipants.Group.allCases.map { "participants.\($0.rawValue)" } }

    /// Every field the form posts, as a flat dictionary of names.
    static func names(rows: Int) -> [String] {
        sessionFields + participantFields
            + (0..<rows).flatMap { index in questionFields.map { "questions.\(index).\($0)" } } + ["rows", "more"]
    }

    /// How many question rows a post carries (the form says; at most the maximum).
    static func rows(in request: Request) -> Int {
        min(DialogueInput.maximumQuestions, max(1, Int(request.formValues(["rows"])["rows"] ?? "") ?? 5))
    }

    static func input(_ values: [String: String], rows: Int) -> DialogueInput {
        let value = { (name: String) in values[name] ?? "" }
        return DialogueInput(
            unitCode: value("unitCode"), heldOn: value("heldOn"), place: value("place"), chairName: value("chairName"),
            chairTitle: value("chairTitle"), audience: value("audience"),
            participants: Dictionary(uniqueKeysWithValues: DialogueParticipants.Group.allCases.map { ($0, value("participants.\($0.rawValue)")) }),
            conclusion: value("conclusion"),
            questions: (0..<rows).map { index in
                let field = { (name: String) in value("questions.\(index).\(name)") }
                return DialogueQuestionInput(
                    askedBy: field("askedBy"), organisation: field("organisation"), text: field("text"), answer: field("answer"),
                    followUp: field("followUp").isEmpty ? "none" : field("followUp"), contact: field("contact"), unitCode: field("unitCode"),
                    dueOn: field("dueOn"))
            })
    }

    init(form: FormState, rows: Int, request: Request) {
        self.form = form
        audiences = Self.audiences(form, request)
        participants = Self.participants(form, request)
        questions = (0..<rows).map { index in
            var fields: [String: Field] = [:]
            for name in Self.questionFields {
                let full = "questions.\(index).\(name)"
                fields[name] = Field(name: full, value: form.values[full] ?? "", error: form.errors[full])
            }
            let chosen = fields["followUp"]?.value.isEmpty == false ? fields["followUp"]!.value : "none"
            return Question(
                number: index + 1, fields: fields,
                followUps: DialogueQuestionInput.Next.allCases.map {
                    SelectOption(value: $0.rawValue, label: request.t("dialogue.follow_up.\($0.rawValue)"), selected: $0.rawValue == chosen)
                },
                hasError: fields.values.contains { $0.error != nil })
        }
    }
}
