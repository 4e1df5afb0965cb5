import CCHCCore
import Vapor

/// A questionnaire as a form of radio buttons, numbers and text boxes, section by section, with what was
/// typed and a message beside each item the answer missed or got wrong. The token page, the kiosk and
/// the officers' paper entry show the same form.
struct SurveyForm: Encodable {
    struct Choice: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct Item: Encodable {
        var code: String
        var text: String
        /// "choices", "number" or "text": how the template draws it.
        var input: String
        var required: Bool
        var choices: [Choice]
        var value: String
        var error: String?
    }

    struct Section: Encodable {
        var name: String
        var items: [Item]
    }

    var title: String
    var sections: [Section]

    /// The item codes a submitted form is read by.
    static func fields(_ questionnaire: Questionnaire) -> [String] { questionnaire.items.map(\.code) }

    init(_ questionnaire: Questionnaire, form: FormState, request: Request) {
        let language = request.language.rawValue
        title = questionnaire.title.text(language)
        sections = questionnaire.sections.map { section in
            Section(
                name: section.name.text(language),
                items: section.items.map { item in
                    let value = form.values[item.code] ?? ""
                    let choices: [Choice] =
                        switch item.kind {
                        case .satisfaction:
                            questionnaire.scale.enumerated().map { Choice(value: String($0.offset + 1), label: $0.element.text(language), checked: false) }
                        case .choice:
                            item.options.map { Choice(value: $0.code, label: $0.label.text(language), checked: false) }
                        case .yesNo:
                            ["yes", "no"].map { code in
                                Choice(
                                    value: code, label: item.options.first { $0.code == code }?.label.text(language) ?? request.t("survey.\(code)"),
                                    checked: false)
                            }
                        case .number, .text: []
                        }
                    return Item(
                        code: item.code, text: item.text.text(language),
                        input: item.kind == .number ? "number" : item.kind == .text ? "text" : "choices", required: item.required,
                        choices: choices.map { Choice(value: $0.value, label: $0.label, checked: $0.value == value) }, value: value,
                        error: form.errors[item.code])
                })
        }
    }
}
