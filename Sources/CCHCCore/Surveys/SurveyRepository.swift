import Foundation
import WorkCalendar

public typealias QuestionnaireVersion = RuleSetVersion<Questionnaire>
public typealias QuestionnaireHistory = RuleSetHistory<Questionnaire>

/// Campaigns, their invitations and ballots, and the questionnaires' versions.
public protocol SurveyRepository: Sendable {
    func questionnaires(_ audience: SurveyAudience) async throws -> QuestionnaireHistory
    /// One version's questionnaire (what a campaign opened under it reads for every answer).
    func questionnaire(_ audience: SurveyAudience, version: Int) async throws -> Questionnaire?
    func addQuestionnaire(_ audience: SurveyAudience, _ added: QuestionnaireVersion, closing closed: QuestionnaireVersion?) async throws

    /// The sampling frame: the dossiers each of `units` (as the competent unit) returned between the two
    /// instants, with their procedure.
    func returnedDossiers(units: Set<UUID>, from: Date, to: Date) async throws -> [UUID: [SurveySample.Unit]]

    /// Stores a new campaign and its invitations, giving it the next code of its year (`KS-2026-001`).
    func create(_ campaign: SurveyCampaign, invitations: [SurveyInvitation]) async throws -> SurveyCampaign
    func campaigns() async throws -> [SurveyCampaign]
    func find(code: String) async throws -> SurveyCampaign?
    func update(_ campaign: SurveyCampaign, expectedVersion: Int) async throws
    func invitations(of campaignID: UUID) async throws -> [SurveyInvitation]
    /// The unspent invitation that carries `token`, with its campaign.
    func invitation(token: String) async throws -> (campaign: SurveyCampaign, invitation: SurveyInvitation)?

    /// Stores a ballot with its tallies in one transaction; with a token, burns it in the same transaction
    /// and stores nothing (throws `survey.token.invalid`) if another ballot spent it first.
    func record(_ ballot: SurveyBallot, campaignID: UUID, unitID: UUID, day: LocalDate, token: String?, tallies: [CounterChange]) async throws
    func tallies(of campaignID: UUID) async throws -> [CounterKey: Int]
    /// Every ballot of the campaign with its unit and day, for the export.
    func ballots(of campaignID: UUID) async throws -> [(unitID: UUID, day: LocalDate, ballot: SurveyBallot)]
}
