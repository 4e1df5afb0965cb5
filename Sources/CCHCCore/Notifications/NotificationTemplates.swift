import Foundation

/// The wording of every message, per kind and language (`vi` always, `en` where given): a rule set
/// (`notification_templates`) an administrator edits by version. `{code}` and the like are filled from the
/// message's parameters; a placeholder its kind does not offer is refused when the version is set, so a
/// message never goes out half filled.
public struct NotificationTemplates: Codable, Equatable, Sendable {
    public struct Template: Codable, Equatable, Sendable {
        /// The e-mail's subject; a text message has none.
        public var subject: String
        public var body: String

        public init(subject: String, body: String) {
            self.subject = subject
            self.body = body
        }
    }

    public static let languages = ["vi", "en"]
    public static let maximumSubjectLength = 200
    public static let maximumBodyLength = 2000

    /// Kind (raw value) → language → wording.
    public var templates: [String: [String: Template]]

    public init(templates: [String: [String: Template]]) {
        self.templates = templates
    }

    /// The wording for `kind` in `language`, falling back to Vietnamese.
    public func template(_ kind: NotificationKind, language: String) -> Template? {
        templates[kind.rawValue]?[language] ?? templates[kind.rawValue]?["vi"]
    }

    /// What is wrong, each error naming `templates.KIND.LANG.subject|body`.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        for key in templates.keys.sorted() {
            guard let kind = NotificationKind(rawValue: key) else {
                errors.append(FieldError("templates.\(key)", "notification.template.unknown_kind", ["kind": key]))
                continue
            }
            for (language, template) in (templates[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let prefix = "templates.\(key).\(language)."
                guard Self.languages.contains(language) else {
                    errors.append(FieldError("templates.\(key).\(language)", "notification.template.unknown_language", ["language": language]))
                    continue
                }
                if template.subject.count > Self.maximumSubjectLength {
                    errors.append(FieldError(prefix + "subject", "error.too_long", ["max": String(Self.maximumSubjectLength)]))
                }
                errors += FieldError.text(template.body, prefix + "body", max: Self.maximumBodyLength)
                for (field, text) in [("subject", template.subject), ("body", template.body)] {
                    for name in Self.placeholders(in: text) where !kind.placeholders.contains(name) {
                        errors.append(
                            FieldError(
                                prefix + field, "notification.template.unknown_placeholder",
                                ["name": "{\(name)}", "allowed": kind.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")]))
                    }
                }
            }
        }
        for kind in NotificationKind.allCases where templates[kind.rawValue]?["vi"] == nil {
            errors.append(FieldError("templates.\(kind.rawValue).vi.body", "notification.template.missing"))
        }
        return errors
    }

    /// The names between braces in `text`: `{code}` → `code`.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// `text` with each `{name}` replaced by its parameter (an absent one by nothing).
    public static func fill(_ text: String, with parameters: [String: String]) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += parameters[String(rest[rest.index(after: open)..<close])] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

public typealias NotificationTemplatesVersion = RuleSetVersion<NotificationTemplates>
public typealias NotificationTemplatesHistory = RuleSetHistory<NotificationTemplates>
