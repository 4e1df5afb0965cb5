import CCHCCore
import Foundation
import Vapor
import WorkCalendar

extension APIHandler {
    func getQuestionnaires(_ input: Operations.GetQuestionnaires.Input) async throws -> Operations.GetQuestionnaires.Output {
        let request = try self.request
        let history = try await SurveyService(store: request.store).questionnaires(SurveyAudience(input.path.audience))
        return .ok(.init(body: .json(.init(versions: try history.versions.map(Components.Schemas.QuestionnaireVersion.init)))))
    }

    func createQuestionnaireVersion(_ input: Operations.CreateQuestionnaireVersion.Input) async throws -> Operations.CreateQuestionnaireVersion.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let questionnaire = try RuleSetSchemas.convert(body.questionnaire, to: Questionnaire.self)
        guard let from = LocalDate(body.effectiveFrom) else {
            throw DomainError.validation(questionnaire.errors() + [FieldError("effectiveFrom", "error.date_invalid")])
        }
        let added = try await SurveyService(store: request.store).proposeQuestionnaire(
            questionnaire, for: SurveyAudience(input.path.audience), effectiveFrom: from, reason: body.reason, by: try request.requireUser(),
            now: request.now, expectedLatest: body.expectedLatestVersion)
        return .created(.init(body: .json(try .init(added))))
    }

    func listSurveyCampaigns(_ input: Operations.ListSurveyCampaigns.Input) async throws -> Operations.ListSurveyCampaigns.Output {
        let request = try self.request
        let campaigns = try await SurveyService(store: request.store).campaigns(by: try request.requireUser())
        return .ok(.init(body: .json(.init(items: campaigns.map(Components.Schemas.SurveyCampaign.init)))))
    }

    func openSurveyCampaign(_ input: Operations.OpenSurveyCampaign.Input) async throws -> Operations.OpenSurveyCampaign.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let draft = SurveyCampaignDraft(
            title: body.title, audience: SurveyAudience(rawValue: body.audience.rawValue) ?? .citizens, periodFrom: LocalDate(body.periodFrom),
            periodTo: LocalDate(body.periodTo), closesOn: LocalDate(body.closesOn), unitCodes: body.units, stratified: body.stratified ?? false,
            seed: body.seed.flatMap { UInt64($0) }, groups: (body.groups ?? []).map { .init(name: $0.name, count: $0.count) })
        if body.seed != nil, draft.seed == nil { throw DomainError.validation([FieldError("seed", "survey.campaign.seed_invalid")]) }
        let campaign = try await SurveyService(store: request.store).open(draft, by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(campaign))))
    }

    func getSurveyCampaign(_ input: Operations.GetSurveyCampaign.Input) async throws -> Operations.GetSurveyCampaign.Output {
        let request = try self.request
        let campaign = try await SurveyService(store: request.store).campaign(code: input.path.code, by: try request.requireUser())
        return .ok(.init(body: .json(.init(campaign))))
    }

    func closeSurveyCampaign(_ input: Operations.CloseSurveyCampaign.Input) async throws -> Operations.CloseSurveyCampaign.Output {
        let request = try self.request
        let version =
            switch input.body {
            case .json(let json): json.version
            }
        let campaign = try await SurveyService(store: request.store).close(code: input.path.code, expectedVersion: version, by: try request.requireUser())
        return .ok(.init(body: .json(.init(campaign))))
    }

    func listSurveyInvitations(_ input: Operations.ListSurveyInvitations.Input) async throws -> Operations.ListSurveyInvitations.Output {
        let request = try self.request
        let (campaign, invitations) = try await SurveyService(store: request.store).invitations(code: input.path.code, by: try request.requireUser())
        let unused = invitations.compactMap { invitation in
            invitation.token.map { token in
                Components.Schemas.SurveyInvitation(
                    unitCode: campaign.target(invitation.unitID)?.unitCode ?? "", dossierCode: invitation.dossierCode, group: invitation.group,
                    token: token, link: request.publicAddress(PublicSurveyController.path(token: token)))
            }
        }
        return .ok(.init(body: .json(.init(items: unused, spent: invitations.count - unused.count))))
    }

    func getSurveyResults(_ input: Operations.GetSurveyResults.Input) async throws -> Operations.GetSurveyResults.Output {
        let request = try self.request
        let (current, previous) = try await SurveyService(store: request.store).results(code: input.path.code, by: try request.requireUser())
        func figures(_ figures: SurveyResults.Figures) -> Components.Schemas.SurveyFigures {
            let before = previous.flatMap { results in
                figures.unitID == nil ? results.total.index : results.units.first { $0.unitID == figures.unitID }?.index
            }
            return .init(
                unitCode: figures.unitID == nil ? nil : figures.unitCode, unitName: figures.unitID == nil ? nil : figures.unitName,
                population: figures.population, invited: figures.invited, spent: figures.spent, responseRate: figures.responseRate,
                respondents: figures.respondents,
                respondentsByChannel: .init(
                    additionalProperties: Dictionary(uniqueKeysWithValues: figures.respondentsByChannel.map { ($0.key.rawValue, $0.value) })),
                index: figures.index, marginOfError: figures.marginOfError, previousIndex: before,
                sections: figures.sections.map { .init(code: $0.code, score: $0.score) },
                items: figures.items.map {
                    .init(code: $0.code, answered: $0.answered, counts: .init(additionalProperties: $0.counts), score: $0.score, mean: $0.mean)
                })
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        code: current.campaign.code, questionnaireVersion: current.campaign.questionnaireVersion, previousCode: previous?.campaign.code,
                        units: current.units.map(figures), total: figures(current.total)))))
    }

    func recordSurveyBallot(_ input: Operations.RecordSurveyBallot.Input) async throws -> Operations.RecordSurveyBallot.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        try await SurveyService(store: request.store).answerAtDesk(
            code: input.path.code, unitCode: body.unit, body.answers.additionalProperties, channel: SurveyChannel(rawValue: body.channel.rawValue) ?? .paper,
            by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(campaign: input.path.code.uppercased()))))
    }

    func getSurveyByToken(_ input: Operations.GetSurveyByToken.Input) async throws -> Operations.GetSurveyByToken.Output {
        let request = try self.request
        let (campaign, invitation, questionnaire) = try await SurveyService(store: request.store).ballot(token: input.path.token, now: request.now)
        return .ok(
            .init(
                body: .json(
                    .init(
                        campaign: campaign.code, title: campaign.title, unitName: campaign.target(invitation.unitID)?.unitName ?? "", group: invitation.group,
                        closesOn: campaign.closesOn.description,
                        questionnaire: try RuleSetSchemas.convert(questionnaire, to: Components.Schemas.Questionnaire.self)))))
    }

    func answerSurvey(_ input: Operations.AnswerSurvey.Input) async throws -> Operations.AnswerSurvey.Output {
        let request = try self.request
        let answers =
            switch input.body {
            case .json(let json): json.answers.additionalProperties
            }
        let campaign = try await SurveyService(store: request.store).answer(token: input.path.token, answers, now: request.now)
        return .created(.init(body: .json(.init(campaign: campaign.code))))
    }
}

/// Where the API's form of a rule set and the core's share their JSON (a questionnaire, a criteria set),
/// one converts to the other through it; what the core cannot read is named at `field`.
enum RuleSetSchemas {
    static func convert<From: Encodable, To: Decodable>(_ value: From, to: To.Type, field: String = "questionnaire") throws -> To {
        do {
            return try JSONDecoder().decode(To.self, from: try JSONEncoder().encode(value))
        } catch let error as DecodingError {
            throw DomainError.validation([FieldError(field, "index.set.json", ["reason": RuleSetJSON.describe(error)])])
        }
    }
}

extension SurveyAudience {
    init(_ audience: Components.Parameters.SurveyAudience) {
        self = SurveyAudience(rawValue: audience.rawValue) ?? .citizens
    }
}

extension Components.Schemas.QuestionnaireVersion {
    init(_ version: QuestionnaireVersion) throws {
        self.init(
            version: version.version, effectiveFrom: version.effectiveFrom.description, effectiveTo: version.effectiveTo?.description, setBy: version.setBy,
            reason: version.reason, questionnaire: try RuleSetSchemas.convert(version.rules, to: Components.Schemas.Questionnaire.self))
    }
}

extension Components.Schemas.SurveyCampaign {
    init(_ campaign: SurveyCampaign) {
        self.init(
            code: campaign.code, version: campaign.version, title: campaign.title, audience: .init(rawValue: campaign.audience.rawValue) ?? .citizens,
            questionnaireVersion: campaign.questionnaireVersion, periodFrom: campaign.periodFrom.description, periodTo: campaign.periodTo.description,
            closesOn: campaign.closesOn.description, state: .init(rawValue: campaign.state.rawValue) ?? .open, seed: String(campaign.seed),
            stratified: campaign.stratified, marginOfError: campaign.marginOfError,
            targets: campaign.targets.map { .init(unitCode: $0.unitCode, unitName: $0.unitName, population: $0.population, invited: $0.invited) },
            groups: campaign.groups.map { .init(name: $0.name, count: $0.count) })
    }
}
