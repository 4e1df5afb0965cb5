import CCHCCore
import Vapor

/// What a form shows: the values typed (kept when the form comes back with errors) and a message beside
/// each bad field, plus a summary at the top linking to them.
struct FormState: Encodable {
    struct Problem: Encodable {
        var field: String
        var message: String
        /// Link target of the field's input.
        var anchor: String { "#" + field }

        enum CodingKeys: String, CodingKey {
            case field, message, anchor
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(message, forKey: .message)
            try container.encode(anchor, forKey: .anchor)
        }
    }

    var values: [String: String]
    var errors: [String: String]
    var summary: [Problem]
    /// A message not tied to one field (a stale version, a lock).
    var general: String?

    init(values: [String: String] = [:]) {
        self.values = values
        self.errors = [:]
        self.summary = []
    }

    var hasErrors: Bool { !errors.isEmpty || general != nil }

    enum CodingKeys: String, CodingKey {
        case values, errors, summary, general, hasSummary
    }

    /// Templates cannot ask whether a list is empty, so the answer is encoded with it.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
        try container.encode(errors, forKey: .errors)
        try container.encode(summary, forKey: .summary)
        try container.encodeIfPresent(general, forKey: .general)
        try container.encode(!summary.isEmpty, forKey: .hasSummary)
    }

    /// Shows a domain error: field errors beside their fields, anything else as the general message.
    mutating func show(_ error: DomainError, _ request: Request) {
        for field in error.fields where errors[field.field] == nil {
            let message = request.localizer.message(field, request.language)
            errors[field.field] = message
            summary.append(Problem(field: field.field, message: message))
        }
        if error.fields.isEmpty || error.kind != .validation {
            general = request.localizer.message(error, request.language)
        }
    }

    mutating func add(_ field: String, _ code: String, _ request: Request, _ arguments: [String: String] = [:]) {
        show(DomainError.validation([FieldError(field, code, arguments)]), request)
    }
}

extension Request {
    /// Form fields as text, trimmed of nothing: what the user typed comes back exactly.
    func formValues(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            values[name] = field(name)
        }
        return values
    }
}
