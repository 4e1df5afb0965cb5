import CCHCCore
import Foundation

/// The API's query parameters that are not free text, by operation, each with a check built from its
/// generated type.
///
/// The OpenAPI runtime refuses `status=abc` or `role=boss` with a decoding error that does not carry the
/// parameter's name, and stops at the first. With this list the 400 names every bad parameter, as a bad
/// body field is named. A test holds the list to the generated operations' inputs.
enum APIQueryParameters {
    typealias Check = @Sendable (String) -> Bool

    static let checked: [String: [String: Check]] = [
        "listUsers": ["role": choice(Components.Schemas.Role.self), "limit": value(Int.self)],
        "listUnits": [
            "kind": choice(Components.Schemas.UnitKind.self), "status": choice(Operations.ListUnits.Input.Query.StatusPayload.self),
            "limit": value(Int.self),
        ],
        "getDeadline": ["workingDays": value(Int.self), "workingHours": value(Int.self), "days": value(Int.self)],
        "listProcedures": ["online": value(Bool.self), "limit": value(Int.self)],
        "getProcedure": ["version": value(Int.self)],
        "listDossiers": ["status": value(Int.self), "overdue": value(Bool.self), "nearingDue": value(Bool.self), "limit": value(Int.self)],
    ]

    /// Required query parameters (the lookup's `pin` is checked by its own route).
    static let required: [String: [String]] = ["getDeadline": ["from"]]

    /// The bad and the missing parameters of `operationID` in `path`'s query, in the order of the query.
    static func problems(operationID: String, path: String) -> [FieldError] {
        let items = URLQueryItems.parse(target: path)
        let checks = checked[operationID] ?? [:]
        var fields = items.compactMap { name, value in
            value.isEmpty ? nil : checks[name].flatMap { $0(value) ? nil : FieldError(name, "error.invalid_value") }
        }
        for name in required[operationID] ?? [] where !items.contains(where: { $0.name == name && !$0.value.isEmpty }) {
            fields.append(FieldError(name, "error.required"))
        }
        return fields
    }

    private static func value<T: LosslessStringConvertible & SendableMetatype>(_: T.Type) -> Check { { T($0) != nil } }

    private static func choice<T: RawRepresentable & CaseIterable & SendableMetatype>(_: T.Type) -> Check where T.RawValue == String {
        { T(rawValue: $0) != nil }
    }
}
