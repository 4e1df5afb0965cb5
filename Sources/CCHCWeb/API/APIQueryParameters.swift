import CCHCCore
import Foundation
import WorkCalendar

/// The API's query parameters that are not free text, by operation, each with a check built from its
/// generated type.
///
/// Checked before the operation runs (`APIAccessMiddleware`): the OpenAPI runtime refuses `status=abc` or
/// `role=boss` with a decoding error that does not carry the parameter's name, stops at the first, and
/// lets through what the spec bounds (`limit=501`, `status=0`). With this list the 400 names every bad
/// parameter, as a bad body field is named. A test holds the list to the generated operations' inputs.
enum APIQueryParameters {
    typealias Check = @Sendable (String) -> Bool

    static let checked: [String: [String: Check]] = [
        "listUsers": ["role": choice(Components.Schemas.Role.self), "limit": limit],
        "listUnits": [
            "kind": choice(Components.Schemas.UnitKind.self), "status": choice(Operations.ListUnits.Input.Query.StatusPayload.self),
            "asOf": date, "limit": limit,
        ],
        "getUnitTree": ["asOf": date],
        "getDeadline": ["workingDays": value(Int.self), "workingHours": value(Int.self), "days": value(Int.self)],
        "listProcedures": ["online": value(Bool.self), "limit": limit],
        "getProcedure": ["version": integer(1...Int.max)],
        "listDossiers": ["status": integer(1...10), "overdue": value(Bool.self), "nearingDue": value(Bool.self), "limit": limit],
        "getServiceIndexRankings": ["level": choice(Operations.GetServiceIndexRankings.Input.Query.LevelPayload.self)],
        "listIndicatorDossiers": ["part": choice(Operations.ListIndicatorDossiers.Input.Query.PartPayload.self), "limit": limit],
        "listAtRiskDossiers": ["limit": limit],
        "listPublishedFeedback": ["limit": limit],
        "listFeedback": ["state": choice(Components.Schemas.FeedbackState.self), "overdue": value(Bool.self), "limit": limit],
        "listDialogues": ["year": integer(2000...2100)],
        "listTasks": ["state": choice(Components.Schemas.TaskState.self)],
        "getReportSchedule": ["year": integer(2000...2100)],
        "listReports": ["year": integer(2000...2100), "period": { $0.count <= 10 }],
    ]

    /// Required query parameters.
    static let required: [String: [String]] = ["getDeadline": ["from"], "lookUpDossier": ["pin"], "getServiceIndexRankings": ["level"]]

    /// The bad and the missing parameters of `operationID` in `path`'s query, in the order of the query.
    /// An empty value of a checked parameter is bad: `asOf=` is not a day.
    static func problems(operationID: String, path: String) -> [FieldError] {
        let items = URLQueryItems.parse(target: path)
        let checks = checked[operationID] ?? [:]
        var fields = items.compactMap { name, value in
            checks[name].flatMap { $0(value) ? nil : FieldError(name, "error.invalid_value") }
        }
        for name in required[operationID] ?? [] where !items.contains(where: { $0.name == name && !$0.value.isEmpty }) {
            fields.append(FieldError(name, "error.required"))
        }
        return fields
    }

    /// Page sizes the spec allows.
    static let limit = integer(1...500)

    static let date: Check = { LocalDate($0) != nil }

    private static func integer(_ range: ClosedRange<Int>) -> Check { { Int($0).map(range.contains) ?? false } }

    private static func value<T: LosslessStringConvertible & SendableMetatype>(_: T.Type) -> Check { { T($0) != nil } }

    private static func choice<T: RawRepresentable & CaseIterable & SendableMetatype>(_: T.Type) -> Check where T.RawValue == String {
        { T(rawValue: $0) != nil }
    }
}
