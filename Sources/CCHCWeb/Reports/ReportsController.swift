import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// Báo cáo CCHC định kỳ: the reports owed this year with their windows and due days, each unit's report and
/// whether it was sent on time (Home Affairs' consolidation), and drafting one.
struct ReportsController {
    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewReports))
        let preparers = routes.access(.permission(.prepareReports))
        readers.get("reports", use: index)
        preparers.post("reports", use: draft)
        readers.get("reports", ":code", use: show)
        readers.get("reports", ":code", "report.docx", use: document)
        readers.get("reports", ":code", "tables.csv", use: tables)
        // The policy table decides between preparing and approving (`ReportPolicy`).
        readers.post("reports", ":code", use: edit)
        readers.post("reports", ":code", ":action", use: act)
    }

    struct IndexPage: Encodable {
        struct Period: Encodable {
            var code: String
            var name: String
            var window: String
            var dueOn: String
            var started: Bool
            /// Reports of the reporting units sent, of all; on time.
            var sent: String
            var onTime: Int
            var reports: [Row]
        }

        struct Row: Encodable {
            var code: String
            var unitName: String
            var state: String
            var submittedOn: String
            var late: Bool
        }

        var year: Int
        var years: [SelectOption]
        var scheduleVersion: Int
        var periods: [Period]
        var canPrepare: Bool
        var units: [SelectOption]
        var periodOptions: [SelectOption]
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        try await renderIndex(request, form: FormState())
    }

    func renderIndex(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let today = request.today
        let year = Int(form.values["year"] ?? request.query[String.self, at: "year"] ?? "").flatMap { (2000...2100).contains($0) ? $0 : nil } ?? today.year
        let service = ReportService(store: request.store)
        let (version, owed) = try await service.periods(year: year)
        let reports = try await service.reports(year: year, by: user)
        let tree = try await request.store.units.tree()
        let reporters = Set(ReportService.reportingUnits(tree, today: today).map(\.id))
        let periods = owed.map { due in
            let ofPeriod = reports.filter { $0.periodCode == due.rule.window.code }
            let sent = ofPeriod.filter { $0.state == .submitted && reporters.contains($0.unitID) }
            return IndexPage.Period(
                code: due.rule.window.code, name: due.rule.window.nameVi,
                window: "\(due.days.lowerBound.vietnameseFormat) – \(due.days.upperBound.vietnameseFormat)", dueOn: due.dueOn.vietnameseFormat,
                started: due.days.lowerBound <= today, sent: "\(sent.count)/\(reporters.count)", onTime: sent.filter { !$0.isLate(today: today) }.count,
                reports: ofPeriod.map { report in
                    IndexPage.Row(
                        code: report.code, unitName: tree.unit(id: report.unitID)?.name ?? "", state: request.t(report.state.messageKey),
                        submittedOn: report.submittedOn?.vietnameseFormat ?? "", late: report.isLate(today: today))
                })
        }
        let reached = user.reachedUnits(for: .prepareReports, in: tree)
        let draftable = (tree.roots + ReportService.reportingUnits(tree, today: today)).filter { reached?.contains($0.id) ?? true }
        let chosenUnit = form.values["unitCode"] ?? user.unitID.flatMap { tree.unit(id: $0)?.code } ?? ""
        let chosenPeriod = form.values["period"] ?? owed.last { $0.days.lowerBound <= today }?.rule.window.code ?? ""
        let page = IndexPage(
            year: year,
            years: ((today.year - 3)...(today.year + 1)).reversed().map { SelectOption(value: String($0), label: String($0), selected: $0 == year) },
            scheduleVersion: version.version, periods: periods, canPrepare: user.can(.prepareReports) && !draftable.isEmpty,
            units: draftable.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == chosenUnit) },
            periodOptions: owed.map {
                SelectOption(value: $0.rule.window.code, label: "\($0.rule.window.nameVi) \(year)", selected: $0.rule.window.code == chosenPeriod)
            }, form: form)
        return try await request.render("reports/index", title: request.t("report.title"), page, status: status)
    }

    func draft(_ request: Request) async throws -> Response {
        let values = request.formValues(["unitCode", "year", "period"])
        do {
            let report = try await ReportService(store: request.store).draft(
                unitCode: values["unitCode"] ?? "", year: values["year"] ?? "", period: values["period"] ?? "", by: try request.requireUser(),
                now: request.now)
            return request.redirect(to: "/reports/\(report.code)", flash: "flash.report_drafted", ["code": report.code])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderIndex(request, form: form, status: Problem(error).status)
        }
    }
}
