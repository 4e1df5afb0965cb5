/// What went wrong, in domain terms. The web layer turns it into a problem+json response or a message
/// beside a form field; `code` and each field's `code` are message keys in Resources/Localization.
public struct DomainError: Error, Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The input breaks a rule; `fields` says which parts.
        case validation
        case notFound
        /// Stale version or a duplicate: the user must reload or choose another value.
        case conflict
        /// The thing exists but this action is not possible in its current state.
        case invalidState
        case unauthenticated
        case forbidden
        case rateLimited
        /// What was asked is being computed: ask again shortly.
        case notReady
    }

    public var kind: Kind
    public var code: String
    public var arguments: [String: String]
    public var fields: [FieldError]

    public init(_ kind: Kind, _ code: String, arguments: [String: String] = [:], fields: [FieldError] = []) {
        self.kind = kind
        self.code = code
        self.arguments = arguments
        self.fields = fields
    }

    public static func validation(_ fields: [FieldError]) -> DomainError {
        DomainError(.validation, "error.validation", fields: fields)
    }

    public static func notFound(_ code: String, arguments: [String: String] = [:]) -> DomainError {
        DomainError(.notFound, code, arguments: arguments)
    }

    public static func staleVersion(current: Int) -> DomainError {
        DomainError(.conflict, "error.stale_version", arguments: ["current": String(current)])
    }
}

/// One bad field: its name as the API and the HTML form call it, and a message key.
public struct FieldError: Equatable, Sendable {
    public var field: String
    public var code: String
    public var arguments: [String: String]

    public init(_ field: String, _ code: String, _ arguments: [String: String] = [:]) {
        self.field = field
        self.code = code
        self.arguments = arguments
    }
}

extension Array where Element == FieldError {
    /// Throws a validation error when any field is bad.
    public func throwIfAny() throws {
        if !isEmpty { throw DomainError.validation(self) }
    }
}

extension FieldError {
    /// A required text of at most `max` characters (trimmed): the error for `field`, or none.
    public static func text(_ value: String, _ field: String, max: Int) -> [FieldError] {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [FieldError(field, "error.required")] }
        if trimmed.count > max { return [FieldError(field, "error.too_long", ["max": String(max)])] }
        return []
    }
}
