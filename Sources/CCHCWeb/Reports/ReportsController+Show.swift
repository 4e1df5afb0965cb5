import CCHCCore
import CSVFormat
import Foundation
import Vapor

extension ReportsController {
    struct ShowPage: Encodable {
        struct Section: Encodable {
            var number: String
            var key: String
            var name: String
            var title: String
            var text: String
            var error: String?
        }

        struct Table: Encodable {
            var number: Int
            var key: String
            var name: String
            var title: String
            var header: [String]
            var rows: [[String]]
            var csv: String
            var edited: Bool
            var error: String?
        }

        var code: String
        var version: Int
        var unitName: String
        var period: String
        var window: String
        var dueOn: String
        var state: String
        var stateKey: String
        var late: Bool
        var scheduleVersion: Int
        var indexVersion: Int?
        var drafted: String
        var figuresAt: String
        var approved: String?
        var submitted: String?
        var sections: [Section]
        var tables: [Table]
        var canEdit: Bool
        var canApprove: Bool
        var canReopen: Bool
        var canSubmit: Bool
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        try await renderShow(request, form: FormState())
    }

    func renderShow(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let report = try await ReportService(store: request.store).report(code: request.parameters.get("code") ?? "", by: user)
        let tree = try await request.store.units.tree()
        func allowed(_ action: ReportAction) -> Bool { (try? ReportPolicy.check(action, by: user, report: report, tree: tree)) != nil }
        let page = ShowPage(
            code: report.code, version: report.version, unitName: tree.unit(id: report.unitID)?.name ?? "", period: "\(report.periodName) \(report.year)",
            window: "\(report.from.vietnameseFormat) – \(report.to.vietnameseFormat)", dueOn: report.dueOn.vietnameseFormat,
            state: request.t(report.state.messageKey), stateKey: report.state.rawValue, late: report.isLate(today: request.today),
            scheduleVersion: report.scheduleVersion, indexVersion: report.figures.index?.setVersion,
            drafted: "\(report.draftedBy), \(DisplayFormat.dateTime(report.draftedAt))", figuresAt: DisplayFormat.dateTime(report.figuresAt),
            approved: report.approvedBy.map { "\($0), \(report.approvedAt.map(DisplayFormat.dateTime) ?? "")" },
            submitted: report.submittedBy.map { "\($0), \(report.submittedOn?.vietnameseFormat ?? "")" },
            sections: report.sections.enumerated().map { position, section in
                let name = "section_\(section.key)"
                return .init(
                    number: ReportDocument.roman(position + 1), key: section.key, name: name, title: section.title, text: form.values[name] ?? section.text,
                    error: form.errors["sections.\(section.key)"])
            },
            tables: report.tables.enumerated().map { position, table in
                let name = "table_\(table.key)"
                return .init(
                    number: position + 1, key: table.key, name: name, title: table.title, header: table.header, rows: table.rows,
                    csv: form.values[name] ?? ([table.header] + table.rows).map(CSV.line).joined(), edited: table.edited,
                    error: form.errors["tables.\(table.key)"])
            }, canEdit: allowed(.edit), canApprove: allowed(.approve), canReopen: allowed(.reopen), canSubmit: allowed(.submit), form: form)
        return try await request.render("reports/show", title: "\(report.periodName) \(report.year)", page, status: status)
    }

    /// Saves the narrative and the tables changed; what was typed stays on the page with any error.
    func edit(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        let current = try await ReportService(store: request.store).report(code: code, by: user)
        let names = current.sections.map { "section_\($0.key)" } + current.tables.map { "table_\($0.key)" } + ["version"]
        let values = request.formValues(names)
        var sections: [String: String] = [:]
        for section in current.sections { sections[section.key] = values["section_\(section.key)"] ?? section.text }
        var tables: [String: String] = [:]
        for table in current.tables {
            if let text = values["table_\(table.key)"], !text.isEmpty { tables[table.key] = text }
        }
        return try await step(request, values: values) { service, version in
            try await service.edit(code: code, sections: sections, tables: tables, expectedVersion: version, by: user, now: request.now)
        }
    }

    /// Refresh, approve, reopen or submit.
    func act(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        guard let action = ReportAction(rawValue: request.parameters.get("action") ?? "") else { throw Abort(.notFound) }
        return try await step(request, values: request.formValues(["version"])) { service, version in
            switch action {
            case .refresh: try await service.refresh(code: code, expectedVersion: version, by: user, now: request.now)
            case .approve: try await service.approve(code: code, expectedVersion: version, by: user, now: request.now)
            case .reopen: try await service.reopen(code: code, expectedVersion: version, by: user, now: request.now)
            case .submit: try await service.submit(code: code, expectedVersion: version, by: user, now: request.now)
            case .edit: throw Abort(.notFound)
            }
        }
    }

    private func step(
        _ request: Request, values: [String: String], _ change: (ReportService, Int) async throws -> PeriodicReport
    ) async throws -> Response {
        do {
            let report = try await change(ReportService(store: request.store), Int(values["version"] ?? "") ?? -1)
            return request.redirect(to: "/reports/\(report.code)", flash: "flash.report_saved", ["code": report.code])
        } catch let error as DomainError where error.kind != .notFound && error.kind != .forbidden {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderShow(request, form: form, status: Problem(error).status)
        }
    }

    /// The report as a Word document (`ReportDocument`).
    func document(_ request: Request) async throws -> Response {
        let report = try await ReportService(store: request.store).report(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        let tree = try await request.store.units.tree()
        let data = ReportDocument.make(
            report, unitName: tree.unit(id: report.unitID)?.name ?? "", parentName: tree.unit(id: report.unitID)?.parentID.flatMap { tree.unit(id: $0)?.name },
            styles: ReportDocument.styles(dataDirectory: request.config.dataDirectory))
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        response.headers.contentDisposition = .init(.attachment, filename: "\(report.code).docx")
        return response
    }

    /// Every appendix table in one CSV: each table's title, its header and rows, a blank line between.
    func tables(_ request: Request) async throws -> Response {
        let report = try await ReportService(store: request.store).report(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        let rows = report.tables.flatMap { [[$0.title]] + [$0.header] + $0.rows + [[]] }
        return ServiceIndexController.csv(rows, filename: "\(report.code).csv")
    }
}
