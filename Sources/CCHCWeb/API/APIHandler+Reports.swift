import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func getReportSchedule(_ input: Operations.GetReportSchedule.Input) async throws -> Operations.GetReportSchedule.Output {
        let request = try self.request
        guard try request.requireUser().can(.viewReports) else { throw DomainError(.forbidden, "auth.forbidden") }
        let year = input.query.year ?? request.today.year
        let service = ReportService(store: request.store)
        let (version, owed) = try await service.periods(year: year)
        return .ok(
            .init(
                body: .json(
                    .init(
                        year: year, version: version.version,
                        owed: owed.map {
                            .init(
                                period: $0.rule.window.code, name: $0.rule.window.nameVi, from: $0.days.lowerBound.description,
                                to: $0.days.upperBound.description, dueOn: $0.dueOn.description)
                        },
                        versions: try await service.scheduleHistory().versions.map(Components.Schemas.ReportScheduleVersion.init)))))
    }

    func proposeReportSchedule(_ input: Operations.ProposeReportSchedule.Input) async throws -> Operations.ProposeReportSchedule.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let schedule = try RuleSetSchemas.convert(body.schedule, to: ReportSchedule.self, field: "schedule")
        guard let from = LocalDate(body.effectiveFrom) else {
            throw DomainError.validation(schedule.errors() + [FieldError("effectiveFrom", "error.date_invalid")])
        }
        let added = try await ReportService(store: request.store).proposeSchedule(
            schedule, effectiveFrom: from, reason: body.reason, by: try request.requireUser(), now: request.now, expectedLatest: body.expectedLatestVersion)
        return .created(.init(body: .json(try .init(added))))
    }

    func listReports(_ input: Operations.ListReports.Input) async throws -> Operations.ListReports.Output {
        let request = try self.request
        let reports = try await ReportService(store: request.store).reports(
            year: input.query.year ?? request.today.year, period: input.query.period, by: try request.requireUser())
        let tree = try await request.store.units.tree()
        return .ok(.init(body: .json(.init(items: reports.map { .init($0, tree: tree, today: request.today) }))))
    }

    func draftReport(_ input: Operations.DraftReport.Input) async throws -> Operations.DraftReport.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let report = try await ReportService(store: request.store).draft(
            unitCode: body.unitCode, year: String(body.year), period: body.period, by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(try await schema(report))))
    }

    func getReport(_ input: Operations.GetReport.Input) async throws -> Operations.GetReport.Output {
        let request = try self.request
        let report = try await ReportService(store: request.store).report(code: input.path.code, by: try request.requireUser())
        return .ok(.init(body: .json(try await schema(report))))
    }

    func editReport(_ input: Operations.EditReport.Input) async throws -> Operations.EditReport.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let report = try await ReportService(store: request.store).edit(
            code: input.path.code, sections: body.sections?.additionalProperties ?? [:], tables: body.tables?.additionalProperties ?? [:],
            expectedVersion: body.version, by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(try await schema(report))))
    }

    func refreshReport(_ input: Operations.RefreshReport.Input) async throws -> Operations.RefreshReport.Output {
        let (service, user, version, now) = try reportStep(
            {
                switch input.body {
                case .json(let json): json
                }
            }())
        return .ok(.init(body: .json(try await schema(try await service.refresh(code: input.path.code, expectedVersion: version, by: user, now: now)))))
    }

    func approveReport(_ input: Operations.ApproveReport.Input) async throws -> Operations.ApproveReport.Output {
        let (service, user, version, now) = try reportStep(
            {
                switch input.body {
                case .json(let json): json
                }
            }())
        return .ok(.init(body: .json(try await schema(try await service.approve(code: input.path.code, expectedVersion: version, by: user, now: now)))))
    }

    func reopenReport(_ input: Operations.ReopenReport.Input) async throws -> Operations.ReopenReport.Output {
        let (service, user, version, now) = try reportStep(
            {
                switch input.body {
                case .json(let json): json
                }
            }())
        return .ok(.init(body: .json(try await schema(try await service.reopen(code: input.path.code, expectedVersion: version, by: user, now: now)))))
    }

    func submitReport(_ input: Operations.SubmitReport.Input) async throws -> Operations.SubmitReport.Output {
        let (service, user, version, now) = try reportStep(
            {
                switch input.body {
                case .json(let json): json
                }
            }())
        return .ok(.init(body: .json(try await schema(try await service.submit(code: input.path.code, expectedVersion: version, by: user, now: now)))))
    }

    /// A workflow step's service, caller, the version it was based on, and the request's time.
    private func reportStep(_ body: Components.Schemas.ReportVersionOnly) throws -> (ReportService, User, Int, Date) {
        let request = try self.request
        return (ReportService(store: request.store), try request.requireUser(), body.version, request.now)
    }

    private func schema(_ report: PeriodicReport) async throws -> Components.Schemas.PeriodicReport {
        let request = try self.request
        return .init(report, tree: try await request.store.units.tree(), today: request.today)
    }
}

extension Components.Schemas.PeriodicReport {
    init(_ report: PeriodicReport, tree: UnitTree, today: LocalDate) {
        self.init(
            code: report.code, version: report.version, unitCode: tree.unit(id: report.unitID)?.code ?? "", unitName: tree.unit(id: report.unitID)?.name ?? "",
            year: report.year, period: report.periodCode, periodName: report.periodName, from: report.from.description, to: report.to.description,
            dueOn: report.dueOn.description, scheduleVersion: report.scheduleVersion, indexVersion: report.figures.index?.setVersion,
            state: .init(rawValue: report.state.rawValue) ?? .draft, late: report.isLate(today: today),
            sections: report.sections.map { .init(key: $0.key, title: $0.title, text: $0.text) },
            tables: report.tables.map { .init(key: $0.key, title: $0.title, header: $0.header, rows: $0.rows, edited: $0.edited) }, draftedBy: report.draftedBy,
            draftedAt: report.draftedAt, figuresAt: report.figuresAt, approvedBy: report.approvedBy, approvedAt: report.approvedAt,
            submittedBy: report.submittedBy, submittedOn: report.submittedOn?.description)
    }
}

extension Components.Schemas.ReportScheduleVersion {
    init(_ version: ReportScheduleVersion) throws {
        self.init(
            version: version.version, effectiveFrom: version.effectiveFrom.description, effectiveTo: version.effectiveTo?.description, setBy: version.setBy,
            reason: version.reason, setAt: version.setAt, schedule: try RuleSetSchemas.convert(version.rules, to: Components.Schemas.ReportSchedule.self))
    }
}
