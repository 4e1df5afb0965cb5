import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// Bộ chỉ số: the service index's indicator set by version. Reform staff and the steering committee read
/// every version and download it as JSON; an administrator loads a new version (JSON) from a day, with
/// why. A version with any error is refused whole, each error named, and the one in force stays.
struct IndicatorSetsController {
    static let path = "/admin/indicator-sets"

    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.viewSettings)).get("admin", "indicator-sets", use: index)
        routes.access(.permission(.viewSettings)).get("admin", "indicator-sets", ":version", use: download)
        routes.access(.permission(.manageSettings)).bodies(upTo: 512 * 1024).post("admin", "indicator-sets", use: create)
    }

    struct Row: Encodable {
        var version: Int
        var from: String
        var to: String?
        var inForce: Bool
        var setBy: String
        var setAt: String
        var reason: String
        var indicators: Int
        var href: String
    }

    struct IndicatorRow: Encodable {
        var code: String
        var group: String
        var name: String
        var numerator: String
        var denominator: String
        var maximum: String
        var scaling: String
        var empty: String
    }

    struct Page: Encodable {
        var versions: [Row]
        var current: [IndicatorRow]
        var currentVersion: Int?
        var canEdit: Bool
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        let history = try await ServiceIndexService(store: request.store).history()
        var form = FormState(values: ["effectiveFrom": request.today.adding(days: 1).description])
        form.values["set"] = try history.latest.map { try Self.json($0.rules) } ?? ""
        return try await render(request, history: history, form: form)
    }

    func download(_ request: Request) async throws -> Response {
        let history = try await ServiceIndexService(store: request.store).history()
        guard let number = request.parameters.get("version").flatMap({ Int($0.replacingOccurrences(of: ".json", with: "")) }),
            let version = history.version(number)
        else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(string: try Self.json(version.rules)))
        response.headers.contentType = .json
        response.headers.contentDisposition = .init(.attachment, filename: "bo-chi-so-\(number).json")
        return response
    }

    func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let values = try request.form.fields.filter { ["set", "effectiveFrom", "reason", "expectedLatestVersion"].contains($0.key) }
        let service = ServiceIndexService(store: request.store)
        do {
            let set = try RuleSetJSON.decode(IndicatorSet.self, values["set"] ?? "", field: "set")
            guard let from = LocalDate(flexible: values["effectiveFrom"] ?? "") else {
                throw DomainError.validation(set.errors() + [FieldError("effectiveFrom", "error.date_invalid")])
            }
            let expected = Int(values["expectedLatestVersion"] ?? "") ?? 0
            let added = try await service.propose(
                set, effectiveFrom: from, reason: values["reason"] ?? "", by: user, now: request.now, expectedLatest: expected == 0 ? nil : expected)
            return request.redirect(
                to: Self.path, flash: "flash.indicator_set_saved", ["version": String(added.version), "date": added.effectiveFrom.vietnameseFormat])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, at: "set", besides: ["effectiveFrom", "reason"], request)
            return try await render(request, history: try await service.history(), form: form, status: Problem(error).status)
        }
    }

    static func json(_ set: IndicatorSet) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(set), as: UTF8.self)
    }

    private func render(_ request: Request, history: IndicatorSetHistory, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let today = request.today
        let language = request.language
        var form = form
        form.values["expectedLatestVersion"] = form.values["expectedLatestVersion"] ?? String(history.latest?.version ?? 0)
        let current = history.inForce(on: today)
        func n(_ value: Double) -> String { IndexFormat.number(value, language: language) }
        let page = Page(
            versions: history.versions.reversed().map { version in
                Row(
                    version: version.version, from: version.effectiveFrom.vietnameseFormat, to: version.effectiveTo?.adding(days: -1).vietnameseFormat,
                    inForce: version.isInForce(on: today), setBy: version.setBy, setAt: DisplayFormat.dateTime(version.setAt), reason: version.reason,
                    indicators: version.rules.indicators.count, href: "\(Self.path)/\(version.version).json")
            },
            current: current?.rules.indicators.map { indicator in
                IndicatorRow(
                    code: indicator.code, group: indicator.group, name: indicator.name(language: language.rawValue),
                    numerator: request.t("index.measure.\(indicator.numerator.rawValue)"),
                    denominator: request.t("index.measure.\(indicator.denominator.rawValue)"), maximum: n(indicator.maximum),
                    scaling: indicator.scaling.kind == .target
                        ? request.t("index.scaling.target", ["target": IndexFormat.percent(indicator.scaling.target ?? 1, language: language)])
                        : request.t("index.scaling.\(indicator.scaling.kind.rawValue)"),
                    empty: request.t("index.empty.\(indicator.emptyDenominator.rawValue)"))
            } ?? [], currentVersion: current?.version, canEdit: request.currentUser?.can(.manageSettings) ?? false, form: form)
        return try await request.render("service-index/indicator-sets", title: request.t("index.sets.title"), page, status: status)
    }
}
