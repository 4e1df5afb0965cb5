import CCHCCore
import Foundation
import WorkCalendar

extension APIHandler {
    func getServiceIndex(_ input: Operations.GetServiceIndex.Input) async throws -> Operations.GetServiceIndex.Output {
        let request = try self.request
        let service = try await request.serviceIndex()
        let context = try await service.context(try await ServiceIndexPages.apiPeriod(input.query.period, service: service, now: request.now))
        let unit = try ServiceIndexPages.unit(input.query.unit, tree: context.tree)
        let score = context.calculator.score(unit.id)
        return .ok(.init(body: .json(.init(score, unit: unit, set: context.set, language: request.language.rawValue))))
    }

    func getServiceIndexRankings(_ input: Operations.GetServiceIndexRankings.Input) async throws -> Operations.GetServiceIndexRankings.Output {
        let request = try self.request
        let service = try await request.serviceIndex()
        let context = try await service.context(try await ServiceIndexPages.apiPeriod(input.query.period, service: service, now: request.now))
        let level: ServiceIndexRanking.Level =
            switch input.query.level {
            case .department: .department
            case .commune: .commune
            }
        let rows = try await service.rankings(level, context: context)
        return .ok(
            .init(
                body: .json(
                    .init(
                        level: level.rawValue, period: context.period.text,
                        previousPeriod: context.period.previous(windows: context.set.rules.reportWindows).text, version: context.set.version,
                        items: rows.map { row in
                            let unit = context.tree.unit(id: row.unitID)
                            return .init(
                                unit: unit?.code ?? "", unitName: unit?.name ?? "", rank: row.rank, total: row.total, measuredMaximum: row.measuredMaximum,
                                previousRank: row.previousRank, previousTotal: row.previousTotal, rankChange: row.rankChange, scoreChange: row.scoreChange)
                        }))))
    }

    func listIndicatorDossiers(_ input: Operations.ListIndicatorDossiers.Input) async throws -> Operations.ListIndicatorDossiers.Output {
        let request = try self.request
        let user = try request.requireUser()
        let service = try await request.serviceIndex()
        let context = try await service.context(try await ServiceIndexPages.apiPeriod(input.query.period, service: service, now: request.now))
        let unit = try ServiceIndexPages.unit(input.query.unit, tree: context.tree)
        try service.checkAccess(unit, user: user, tree: context.tree)
        let part: IndicatorPart =
            switch input.query.part ?? .lost {
            case .numerator: .numerator
            case .denominator: .denominator
            case .lost: .lost
            }
        let page = try await service.dossiers(
            indicator: input.path.code, part: part, unit: unit, context: context, cursor: try ServiceIndexPages.cursor(input.query.cursor),
            limit: input.query.limit ?? 50)
        return .ok(
            .init(
                body: .json(
                    .init(
                        indicator: input.path.code, part: part.rawValue, version: context.set.version,
                        items: page.items.map { item in
                            .init(
                                code: item.code, procedure: item.procedureCode, field: item.field, status: item.status.rawValue, channel: .init(item.channel),
                                acceptedAt: item.acceptedAt, dueAt: item.dueAt, finishedAt: item.finishedAt, reasons: item.reasons.map { request.t($0) },
                                lateUnit: item.lateUnitID.flatMap { context.tree.unit(id: $0)?.code }, lateStep: item.lateStep.map { $0 + 1 },
                                complaints: item.complaints.isEmpty ? nil : item.complaints)
                        }, nextCursor: page.nextCursor.map(ServiceIndexPages.encodeCursor)))))
    }
}

extension APIHandler {
    func listAtRiskDossiers(_ input: Operations.ListAtRiskDossiers.Input) async throws -> Operations.ListAtRiskDossiers.Output {
        let request = try self.request
        let user = try request.requireUser()
        let service = try await request.serviceIndex()
        let context = try await service.context(try await service.period(nil, now: request.now))
        let unit = try ServiceIndexPages.unit(input.query.unit, tree: context.tree)
        try service.checkAccess(unit, user: user, tree: context.tree)
        guard let report = try await request.application.services.atRisk.current(request.application) else {
            throw DomainError(.notReady, "index.at_risk.pending")
        }
        let atRisk = report.atRisk(within: context.tree.subtreeIDs(of: unit.id), first: input.query.limit ?? 50)
        return .ok(
            .init(
                body: .json(
                    .init(
                        unit: unit.code, computedAt: report.computedAt, learntFrom: report.learntFrom, period: context.period.text,
                        version: context.set.version, atRisk: atRisk.count,
                        pointsAtStake: service.pointsAtStake(unit, atRisk: atRisk.count, context: context),
                        items: atRisk.first.map { forecast in
                            .init(
                                code: forecast.code, procedure: forecast.procedureCode, holder: context.tree.unit(id: forecast.holderID)?.code ?? "",
                                step: forecast.step.map { $0 + 1 }, dueAt: forecast.dueAt, expectedFinish: forecast.expectedFinish,
                                remainingSteps: forecast.remainingSteps, stepsFromHistory: forecast.stepsFromHistory)
                        }))))
    }
}

extension Components.Schemas.ServiceIndex {
    init(_ score: ServiceIndexScore, unit: OrgUnit, set: IndicatorSetVersion, language: String) {
        self.init(
            unit: unit.code, unitName: unit.name, period: score.period.text, from: score.period.start.description, to: score.period.end.description,
            version: score.version, total: score.total, measuredMaximum: score.measuredMaximum, band: set.rules.band(for: score.total)?.label,
            groups: score.groups.map { group in
                let definition = set.rules.groups.first { $0.code == group.code }
                return .init(
                    code: group.code, name: (language == "en" ? definition?.nameEn : definition?.nameVi) ?? group.code, score: group.score,
                    measuredMaximum: group.measuredMaximum, maximum: group.maximum)
            },
            indicators: score.indicators.map { result in
                .init(
                    code: result.code, group: result.group, name: set.rules.indicator(result.code)?.name(language: language) ?? result.code,
                    hasData: result.hasData, numerator: result.numerator, denominator: result.denominator, ratio: result.ratio, score: result.score,
                    maximum: result.maximum)
            })
    }
}
