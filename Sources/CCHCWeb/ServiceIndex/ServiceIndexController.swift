import CCHCCore
import CSVFormat
import Foundation
import Vapor

/// Chỉ số phục vụ (Bộ chỉ số 766): the staff dashboard of a unit and period, the public page, an
/// indicator with the dossiers behind it, and every table as CSV.
struct ServiceIndexController {
    func register(_ routes: any RoutesBuilder) {
        let staff = routes.access(.permission(.viewDossiers))
        staff.get("service-index", use: dashboard)
        staff.get("service-index", "indicators", ":code", use: indicator)
        staff.get("service-index", "indicators", ":code", "export.csv", use: indicatorExport)
        staff.get("service-index", "export", ":table", use: { try await export($0, isPublic: false) })
        let everyone = routes.access(.everyone)
        everyone.get("public", "service-index", use: publicPage)
        everyone.get("public", "service-index", "export", ":table", use: { try await export($0, isPublic: true) })
    }

    struct Page: Encodable {
        var dashboard: ServiceIndexDashboard
        var form: FormState
    }

    func dashboard(_ request: Request) async throws -> Response {
        try await render(request, isPublic: false)
    }

    func publicPage(_ request: Request) async throws -> Response {
        try await render(request, isPublic: true)
    }

    private func render(_ request: Request, isPublic: Bool) async throws -> Response {
        let (context, unit, form, status) = try await resolve(request, isPublic: isPublic)
        let service = ServiceIndexService(store: request.store)
        let dashboard = try await ServiceIndexDashboard.make(unit: unit, context: context, service: service, request: request, isPublic: isPublic)
        let title = request.t(isPublic ? "index.public.title" : "index.title")
        return try await request.render("service-index/dashboard", title: title, Page(dashboard: dashboard, form: form), status: status)
    }

    /// The period and unit a page asks for. A period that cannot be read shows the current year with the
    /// message beside the field (400); an unknown unit is a 404; a unit outside the user's reach a 403.
    private func resolve(
        _ request: Request, isPublic: Bool
    ) async throws -> (ServiceIndexService.Context, OrgUnit, FormState, HTTPStatus) {
        let service = try await request.serviceIndex()
        let periodText = (try? request.query.get(String.self, at: "period")) ?? ""
        let unitText = (try? request.query.get(String.self, at: "unit")) ?? ""
        var form = FormState(values: ["period": periodText, "unit": unitText])
        var status = HTTPStatus.ok
        let period: ReportPeriod
        do {
            period = try await service.period(periodText, now: request.now)
        } catch let error as DomainError where error.kind == .validation {
            form.show(error, request)
            status = .badRequest
            period = try await service.period(nil, now: request.now)
        }
        let context = try await service.context(period)
        var unit = try ServiceIndexPages.unit(unitText, tree: context.tree)
        if !isPublic, let user = request.currentUser {
            if unitText.isEmpty, user.role.reach == .unitSubtree, let own = user.unitID.flatMap({ context.tree.unit(id: $0) }) { unit = own }
            try service.checkAccess(unit, user: user, tree: context.tree)
        }
        form.values["unit"] = unit.code
        form.values["period"] = context.period.text
        return (context, unit, form, status)
    }

    struct IndicatorPage: Encodable {
        var code: String
        var name: String
        var unitName: String
        var unitCode: String
        var period: String
        var periodRange: String
        var version: Int
        var numerator: String
        var denominator: String
        var ratio: String
        var score: String
        var maximum: String
        var numeratorText: String
        var denominatorText: String
        var scalingText: String
        var part: String
        var parts: [ServiceIndexDashboard.PeriodLink]
        var dossiers: [Row]
        /// For an indicator that counts procedures: them, in place of dossiers.
        var procedures: [ProcedureRow]
        var countsProcedures: Bool
        var nextHref: String?
        /// Said when the page stopped searching before it was full (`ServiceIndexService.dossiers`).
        var searchNote: String?
        var back: String
        var exportHref: String

        struct Row: Encodable {
            var code: String
            var procedure: String
            var field: String
            var status: String
            var accepted: String
            var due: String
            var finished: String
            var reasons: String
            var lateAt: String
            /// Links to the feedback behind a complaint.
            var complaints: [String]
        }
    }

    func indicator(_ request: Request) async throws -> Response {
        let (context, unit, _, _) = try await resolve(request, isPublic: false)
        let code = request.parameters.get("code") ?? ""
        guard let definition = context.set.rules.indicator(code) else {
            throw DomainError(.notFound, "index.indicator.not_found", arguments: ["code": code])
        }
        let part = IndicatorPart(rawValue: (try? request.query.get(String.self, at: "part")) ?? "") ?? .lost
        let cursor = try ServiceIndexPages.cursor(try? request.query.get(String.self, at: "cursor"))
        let service = ServiceIndexService(store: request.store)
        let result = context.calculator.score(unit.id).indicator(code)
        // An indicator counts either procedures (listed whole: a province has thousands) or dossiers (paged).
        let countsProcedures = definition.denominator.countsProcedures
        let procedures =
            countsProcedures ? try Self.procedureRows(indicator: code, part: part, unit: unit, context: context, service: service, request: request) : []
        let page =
            countsProcedures
            ? nil : try await service.dossiers(indicator: code, part: part, unit: unit, context: context, cursor: cursor, limit: Self.dossiersPerPage)
        // Short of a full page with more to read: the search stopped after `examinedPerPage` dossiers.
        let searchStopped = page.map { $0.items.count < Self.dossiersPerPage && $0.nextCursor != nil } ?? false
        let language = request.language
        func n(_ value: Double?, _ decimals: Int = 2) -> String { value.map { IndexFormat.number($0, decimals: decimals, language: language) } ?? "—" }
        let query = "unit=\(unit.code)&period=\(context.period.text)"
        let base = "/service-index/indicators/\(code)?\(query)"
        let scaling: String =
            switch definition.scaling.kind {
            case .linear: request.t("index.scaling.linear")
            case .target: request.t("index.scaling.target", ["target": IndexFormat.percent(definition.scaling.target ?? 1, language: language)])
            case .none: request.t("index.scaling.none")
            }
        let rows = (page?.items ?? []).map { item in
            IndicatorPage.Row(
                code: item.code, procedure: item.procedureCode, field: item.field, status: request.t(item.status.messageKey),
                accepted: item.acceptedAt.map(DisplayFormat.dateTime) ?? "", due: item.dueAt.map(DisplayFormat.dateTime) ?? "",
                finished: item.finishedAt.map(DisplayFormat.dateTime) ?? "",
                reasons: item.reasons.map { request.t($0) }.joined(separator: "; "),
                lateAt: item.lateUnitID.flatMap { context.tree.unit(id: $0)?.name }.map { name in
                    request.t("index.late_at", ["unit": name, "step": String((item.lateStep ?? 0) + 1)])
                } ?? "", complaints: item.complaints)
        }
        let indicatorPage = IndicatorPage(
            code: code, name: definition.name(language: language.rawValue), unitName: unit.name, unitCode: unit.code, period: context.period.text,
            periodRange: context.period.start.vietnameseFormat + " – " + context.period.end.vietnameseFormat, version: context.set.version,
            numerator: n(result?.numerator, 0), denominator: n(result?.denominator, 0),
            ratio: result?.ratio.map { IndexFormat.percent($0, language: language) } ?? "—", score: n(result?.score), maximum: n(definition.maximum),
            numeratorText: request.t("index.measure.\(definition.numerator.rawValue)"),
            denominatorText: request.t("index.measure.\(definition.denominator.rawValue)"), scalingText: scaling, part: part.rawValue,
            parts: IndicatorPart.allCases.map { option in
                .init(label: request.t("index.part.\(option.rawValue)"), href: "\(base)&part=\(option.rawValue)", current: option == part)
            }, dossiers: rows, procedures: procedures, countsProcedures: countsProcedures,
            nextHref: page?.nextCursor.map { "\(base)&part=\(part.rawValue)&cursor=\(ServiceIndexPages.encodeCursor($0))" },
            searchNote: searchStopped ? request.t("index.dossiers.search_goes_on", ["count": n(Double(ServiceIndexService.examinedPerPage), 0)]) : nil,
            back: "/service-index?\(query)", exportHref: "/service-index/indicators/\(code)/export.csv?\(query)&part=\(part.rawValue)")
        return try await request.render("service-index/indicator", title: "\(code) \(indicatorPage.name)", indicatorPage)
    }

    /// Dossiers on a page of an indicator's dossiers.
    static let dossiersPerPage = 50

    /// The dossiers of an indicator's part as CSV, up to `exportLimit` of them.
    static let exportLimit = 20_000

    func indicatorExport(_ request: Request) async throws -> Response {
        let (context, unit, _, _) = try await resolve(request, isPublic: false)
        let code = request.parameters.get("code") ?? ""
        let part = IndicatorPart(rawValue: (try? request.query.get(String.self, at: "part")) ?? "") ?? .lost
        let service = ServiceIndexService(store: request.store)
        let filename = "chi-so-\(code)-\(part.rawValue)-\(unit.code)-\(context.period.text).csv"
        if context.set.rules.indicator(code)?.denominator.countsProcedures == true {
            let procedures = try Self.procedureRows(indicator: code, part: part, unit: unit, context: context, service: service, request: request)
            return Self.csv(Self.procedureCSV(procedures, request: request), filename: filename)
        }
        var rows = [
            [
                "index.dossier.code", "index.dossier.procedure", "index.csv.field", "index.dossier.status", "index.dossier.accepted", "index.dossier.due",
                "index.dossier.finished", "index.dossier.reason",
            ].map { request.t($0) }
        ]
        var cursor: String?
        repeat {
            let page = try await service.dossiers(indicator: code, part: part, unit: unit, context: context, cursor: cursor, limit: 1000)
            rows += page.items.map { item in
                [
                    item.code, item.procedureCode, item.field, request.t(item.status.messageKey), item.acceptedAt.map(DisplayFormat.dateTime) ?? "",
                    item.dueAt.map(DisplayFormat.dateTime) ?? "", item.finishedAt.map(DisplayFormat.dateTime) ?? "",
                    item.reasons.map { request.t($0) }.joined(separator: "; "),
                ]
            }
            cursor = page.nextCursor
        } while cursor != nil && rows.count <= Self.exportLimit
        return Self.csv(rows, filename: filename)
    }

    static func csv(_ rows: [[String]], filename: String) -> Response {
        let response = Response(status: .ok, body: .init(string: CSV.byteOrderMark + rows.map(CSV.line).joined()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: filename)
        return response
    }

    /// `indicators.csv`, `rankings-department.csv`, `rankings-commune.csv`, `fields.csv`: UTF-8 with a BOM,
    /// so that Excel reads the Vietnamese letters.
    func export(_ request: Request, isPublic: Bool) async throws -> Response {
        let (context, unit, _, _) = try await resolve(request, isPublic: isPublic)
        let service = ServiceIndexService(store: request.store)
        let table = request.parameters.get("table") ?? ""
        let dashboard = try await ServiceIndexDashboard.make(
            unit: unit, context: context, service: service, request: request, isPublic: isPublic, withTrend: false, allAtRisk: table == "at-risk.csv")
        var rows: [[String]]
        switch table {
        case "indicators.csv":
            rows = [["group", "code", "indicator", "numerator", "denominator", "ratio", "score", "maximum"].map { request.t("index.csv.\($0)") }]
            for group in dashboard.groups {
                rows += group.indicators.map { [group.name, $0.code, $0.name, $0.numerator, $0.denominator, $0.ratio, $0.score, $0.maximum] }
                rows.append([group.name, "", "", "", "", "", group.score, group.maximum])
            }
            rows.append([request.t("index.total"), "", "", "", "", "", dashboard.total, dashboard.measuredMaximum])
        case "rankings-department.csv", "rankings-commune.csv":
            rows = [["rank", "unit", "total", "measured", "change", "score_change"].map { request.t("index.csv.\($0)") }]
            rows += (dashboard.rankings.first { $0.csv == table }?.rows ?? []).map {
                [String($0.rank), $0.unit, $0.total, $0.measuredMaximum, $0.change, $0.scoreChange]
            }
        case "fields.csv":
            rows = [["field", "received", "finished", "late", "open_overdue", "late_rate"].map { request.t("index.csv.\($0)") }]
            rows += dashboard.fields.map { [$0.field, $0.received, $0.finished, $0.late, $0.openOverdue, $0.lateRate] }
        case "holders.csv" where !isPublic:
            rows = [[request.t("index.holder.unit"), request.t("index.holder.step"), request.t("index.holder.count")]]
            rows += dashboard.holders.map { [$0.unit, String($0.step), $0.count] }
        case "at-risk.csv" where !isPublic:
            // A file of headings alone would read as "none at risk".
            if dashboard.atRisk?.pending ?? false { throw DomainError(.notReady, "index.at_risk.pending") }
            rows = [
                ["index.dossier.code", "index.dossier.procedure", "index.at_risk.holder", "index.holder.step", "index.dossier.due", "index.at_risk.expected"]
                    .map { request.t($0) }
            ]
            rows += (dashboard.atRisk?.rows ?? []).map { [$0.code, $0.procedure, $0.holder, $0.step, $0.due, $0.expected] }
        default:
            throw Abort(.notFound)
        }
        return Self.csv(rows, filename: "chi-so-\(unit.code)-\(context.period.text)-\(table)")
    }
}
