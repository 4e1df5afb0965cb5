import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func listParCriteria(_ input: Operations.ListParCriteria.Input) async throws -> Operations.ListParCriteria.Output {
        let request = try self.request
        let versions = try await ParService(store: request.store).criteriaVersions(by: try request.requireUser())
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: versions.map { version in
                            .init(
                                year: version.set.year, level: .init(rawValue: version.set.level.rawValue) ?? .department, version: version.version,
                                title: version.set.title, decision: version.set.decision, setBy: version.setBy, reason: version.reason, setAt: version.setAt)
                        }))))
    }

    func loadParCriteria(_ input: Operations.LoadParCriteria.Input) async throws -> Operations.LoadParCriteria.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let set = try RuleSetSchemas.convert(body.set, to: ParCriteriaSet.self, field: "set")
        let version = try await ParService(store: request.store).loadCriteria(
            set, reason: body.reason, expectedLatest: body.expectedLatest, by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(try .init(version))))
    }

    func getParCriteria(_ input: Operations.GetParCriteria.Input) async throws -> Operations.GetParCriteria.Output {
        let request = try self.request
        guard let level = ParLevel(rawValue: input.path.level.rawValue) else { throw DomainError.notFound("par.criteria.none") }
        let version = try await ParService(store: request.store).criteria(
            year: input.path.year, level: level, version: input.path.version, by: try request.requireUser())
        return .ok(.init(body: .json(try .init(version))))
    }

    func listParCampaigns(_ input: Operations.ListParCampaigns.Input) async throws -> Operations.ListParCampaigns.Output {
        let request = try self.request
        let campaigns = try await ParService(store: request.store).campaigns(by: try request.requireUser())
        let tree = try await request.store.units.tree()
        return .ok(.init(body: .json(.init(items: campaigns.map { .init($0, tree: tree) }))))
    }

    func openParCampaign(_ input: Operations.OpenParCampaign.Input) async throws -> Operations.OpenParCampaign.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let draft = ParCampaignDraft(
            year: body.year, level: ParLevel(rawValue: body.level.rawValue) ?? .department, title: body.title,
            selfAssessmentDue: LocalDate(body.selfAssessmentDue), appraisalDue: LocalDate(body.appraisalDue), reviewDue: LocalDate(body.reviewDue),
            publishOn: LocalDate(body.publishOn), unitCodes: body.units ?? [])
        let campaign = try await ParService(store: request.store).open(draft, by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(campaign, tree: try await request.store.units.tree()))))
    }

    func advanceParCampaign(_ input: Operations.AdvanceParCampaign.Input) async throws -> Operations.AdvanceParCampaign.Output {
        let request = try self.request
        let version =
            switch input.body {
            case .json(let json): json.version
            }
        let campaign = try await ParService(store: request.store).advance(
            code: input.path.code, expectedVersion: version, by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(.init(campaign, tree: try await request.store.units.tree()))))
    }

    func getParResults(_ input: Operations.GetParResults.Input) async throws -> Operations.GetParResults.Output {
        let request = try self.request
        let results = try await ParService(store: request.store).results(code: input.path.code, by: try request.requireUser())
        return .ok(
            .init(
                body: .json(
                    .init(
                        campaign: results.campaign.code, criteriaVersion: results.campaign.criteriaVersion, decision: results.set.decision,
                        rows: results.rows.map { row in
                            .init(
                                unitCode: row.unit.code, unitName: row.unit.name, cohort: row.cohort?.name,
                                state: .init(rawValue: row.state.rawValue) ?? .draft, selfIndex: row.selfScore.index.map(ParCriteriaSet.rounded) ?? 0,
                                index: row.index, rank: row.rank, cohortSize: row.cohortSize, grade: row.grade, previousIndex: row.previousIndex,
                                change: row.change, placesChange: row.placesChange,
                                fieldIndices: .init(
                                    additionalProperties: Dictionary(
                                        uniqueKeysWithValues: row.appraised.fields.compactMap { field in
                                            field.index.map { (field.code, ParCriteriaSet.rounded($0)) }
                                        })),
                                fieldRanks: .init(additionalProperties: row.fieldRanks))
                        }))))
    }

    func getParNationalStanding(_ input: Operations.GetParNationalStanding.Input) async throws -> Operations.GetParNationalStanding.Output {
        let request = try self.request
        guard let standing = try await ParService(store: request.store).nationalStanding(year: input.path.year, by: try request.requireUser()) else {
            throw DomainError.notFound("par.national.none")
        }
        return .ok(.init(body: .json(.init(standing))))
    }

    func importParNationalTable(_ input: Operations.ImportParNationalTable.Input) async throws -> Operations.ImportParNationalTable.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let user = try request.requireUser()
        let table = ParNationalTable(
            year: input.path.year,
            rows: body.rows.map { row in
                .init(
                    province: row.province, appraised: row.appraised, impact: row.impact, leaders: row.leaders, sipas: row.sipas, total: row.total,
                    rank: row.rank, fieldRanks: row.fieldRanks ?? [])
            }, setBy: user.username, setAt: request.now)
        let service = ParService(store: request.store)
        try await service.importNationalTable(table, by: user)
        let standing = try await service.nationalStanding(year: table.year, by: user)
        return .ok(.init(body: .json(.init(year: table.year, rows: table.rows.count, standing: standing.map(Components.Schemas.ParNationalStanding.init)))))
    }
}

extension Components.Schemas.ParCriteriaVersion {
    init(_ version: ParCriteriaVersion) throws {
        self.init(
            version: version.version, setBy: version.setBy, reason: version.reason, setAt: version.setAt,
            set: try RuleSetSchemas.convert(version.set, to: Components.Schemas.ParCriteriaSet.self, field: "set"))
    }
}

extension Components.Schemas.ParCampaign {
    init(_ campaign: ParCampaign, tree: UnitTree) {
        self.init(
            code: campaign.code, version: campaign.version, year: campaign.year, level: .init(rawValue: campaign.level.rawValue) ?? .department,
            title: campaign.title, criteriaVersion: campaign.criteriaVersion, state: .init(rawValue: campaign.state.rawValue) ?? .open,
            selfAssessmentDue: campaign.selfAssessmentDue.description, appraisalDue: campaign.appraisalDue.description,
            reviewDue: campaign.reviewDue.description, publishOn: campaign.publishOn.description,
            units: campaign.unitIDs.compactMap { tree.unit(id: $0)?.code })
    }
}

extension Components.Schemas.ParNationalStanding {
    init(_ standing: ParNationalStanding) {
        self.init(
            year: standing.year, province: standing.row.province, total: standing.row.total, rank: standing.row.rank, provinces: standing.provinces,
            average: standing.average, group: standing.group, pointsChange: standing.pointsChange, placesChange: standing.placesChange,
            fieldsInTop20: standing.fieldsInTop20,
            components: standing.components.map {
                .init(key: .init(rawValue: $0.key) ?? .appraised, points: $0.points, maximum: $0.maximum, lost: ParCriteriaSet.rounded($0.lost))
            },
            fields: standing.fieldRanks.map { .init(field: $0.field, rank: $0.rank, band: .init(rawValue: $0.band.rawValue) ?? .below) })
    }
}
