import CCHCCore
import Foundation

/// Lists typed in a text area, one entry a line with its parts between `|`: members, visits, findings. The
/// core names a bad entry by its place (`visits[2]`); the page shows it beside the text area by its line.
enum FormLines {
    /// The non-blank lines of `text`, trimmed.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `line` split at `|` into exactly `count` trimmed parts (missing ones empty, extra ones kept in the last).
    static func parts(_ line: String, _ count: Int) -> [String] {
        var parts = line.split(separator: "|", maxSplits: count - 1, omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        while parts.count < count { parts.append("") }
        return parts
    }

    /// The errors of `field[3]…` as errors of `field` naming line 4, with their own message.
    static func byLine(_ error: DomainError, fields: [String], localizer: Localizer, language: Language) -> DomainError {
        DomainError.validation(
            error.fields.map { error in
                guard let field = fields.first(where: { error.field.hasPrefix($0 + "[") }), let end = error.field.firstIndex(of: "]"),
                    let index = Int(error.field[error.field.index(error.field.startIndex, offsetBy: field.count + 1)..<end])
                else { return error }
                let message = localizer.message(FieldError(field, error.code, error.arguments), language)
                return FieldError(field, "form.line", ["line": String(index + 1), "message": message])
            })
    }
}
