import CCHCCore
import Foundation
import Vapor

/// A rule set loaded as JSON on a page (an indicator set, a questionnaire): read with every decoding error
/// named where it is, and its own errors shown together beside the field that holds the JSON.
enum RuleSetJSON {
    static func decode<T: Decodable>(_ type: T.Type, _ text: String, field: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw DomainError.validation([FieldError(field, "index.set.json", ["reason": describe(error)])])
        }
    }

    /// A decoding error as a reader can act on it: where in the JSON, and what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func place(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(place(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(place(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(place(context.codingPath)) \(context.debugDescription)".trimmingCharacters(in: .whitespaces)
        @unknown default: return "\(error)"
        }
    }
}

extension FormState {
    /// Shows `error` with the errors inside the JSON held by `field` (they name places in it, as
    /// "indicators[3].scaling") gathered beside that field; those of the `besides` fields stay at theirs.
    mutating func show(_ error: DomainError, at field: String, besides own: Set<String>, _ request: Request) {
        let fields = error.fields.map { item in
            own.contains(item.field) || item.field == field
                ? item : FieldError(field, "index.set.at", ["place": item.field, "error": request.localizer.message(item, request.language)])
        }
        show(DomainError(error.kind, error.code, arguments: error.arguments, fields: fields), request)
        errors[field] = fields.filter { $0.field == field }.map { request.localizer.message($0, request.language) }.joined(separator: " ")
    }
}
