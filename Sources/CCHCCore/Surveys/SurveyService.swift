import Foundation
import WorkCalendar

/// What a campaign is opened from: a page's form or the API's body.
public struct SurveyCampaignDraft: Equatable, Sendable {
    public var title: String
    public var audience: SurveyAudience
    public var periodFrom: LocalDate?
    public var periodTo: LocalDate?
    public var closesOn: LocalDate?
    public var unitCodes: [String]
    public var stratified: Bool
    /// A seed to draw with (to draw a recorded sample again); a new random one when nil.
    public var seed: UInt64?
    public var groups: [SurveyCampaign.RespondentGroup]

    public init(
        title: String, audience: SurveyAudience, periodFrom: LocalDate?, periodTo: LocalDate?, closesOn: LocalDate?, unitCodes: [String],
        stratified: Bool = false, seed: UInt64? = nil, groups: [SurveyCampaign.RespondentGroup] = []
    ) {
        self.title = title
        self.audience = audience
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.closesOn = closesOn
        self.unitCodes = unitCodes
        self.stratified = stratified
        self.seed = seed
        self.groups = groups
    }
}

/// The survey use cases: questionnaires by version, opening a campaign with its sample, answering by
/// token, at the counter or from paper, closing, and the results.
public struct SurveyService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    // MARK: Questionnaires

    public func questionnaires(_ audience: SurveyAudience) async throws -> QuestionnaireHistory {
        try await store.surveys.questionnaires(audience)
    }

    /// The bundled citizens' questionnaire (SIPAS, DOMAIN.md §6) as version 1 where there is none; at start-up.
    public func bootstrap(now: Date) async throws {
        guard try await store.surveys.questionnaires(.citizens).latest == nil else { return }
        let first = QuestionnaireVersion(
            version: 1, effectiveFrom: LocalDate(year: 2023, month: 12, day: 11)!, rules: .sipas, setBy: "system",
            reason: "Theo phương pháp SIPAS, QĐ 1001/QĐ-BNV ngày 11/12/2023: năm yếu tố, thang 5 mức, hài lòng = mức 4 và 5", setAt: now)
        do {
            try await store.surveys.addQuestionnaire(.citizens, first, closing: nil)
        } catch let error as DomainError where error.kind == .conflict {}
    }

    public func proposeQuestionnaire(
        _ questionnaire: Questionnaire, for audience: SurveyAudience, effectiveFrom: LocalDate, reason: String, by user: User, now: Date,
        expectedLatest: Int?
    ) async throws -> QuestionnaireVersion {
        guard user.can(.manageSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (added, closed) = try await questionnaires(audience).adding(
            questionnaire, ruleErrors: questionnaire.errors(), effectiveFrom: effectiveFrom, reason: reason, setBy: user.username, now: now,
            expectedLatest: expectedLatest)
        try await store.surveys.addQuestionnaire(audience, added, closing: closed)
        return added
    }

    // MARK: Campaigns

    public func campaigns(by user: User) async throws -> [SurveyCampaign] {
        guard user.can(.viewSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.surveys.campaigns()
    }

    public func campaign(code: String, by user: User) async throws -> SurveyCampaign {
        guard user.can(.viewSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        guard let campaign = try await store.surveys.find(code: code.trimmed.uppercased()) else { throw DomainError.notFound("survey.campaign.not_found") }
        return campaign
    }

    /// Opens a campaign under the questionnaire in force today. Citizens: each unit's sample drawn from
    /// the dossiers it returned in the period; leaders: each group's count of invitations for each unit.
    public func open(_ draft: SurveyCampaignDraft, by user: User, now: Date) async throws -> SurveyCampaign {
        guard user.can(.manageSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        let today = VietnamTime.localDate(of: now)
        let tree = try await store.units.tree()
        var errors = draft.errors(today: today)
        var units: [OrgUnit] = []
        for code in draft.unitCodes {
            if let unit = tree.unit(code: code.trimmed.uppercased()) ?? tree.unit(code: code.trimmed), unit.isEffective(on: today) {
                if !units.contains(where: { $0.id == unit.id }) { units.append(unit) }
            } else {
                errors.append(FieldError("units", "survey.campaign.unit_unknown", ["code": code]))
            }
        }
        try errors.throwIfAny()
        guard let questionnaire = try await questionnaires(draft.audience).inForce(on: today), let from = draft.periodFrom, let to = draft.periodTo,
            let closesOn = draft.closesOn
        else { throw DomainError.validation([FieldError("audience", "survey.questionnaire.none")]) }
        let seed = draft.seed ?? UInt64.random(in: 0...UInt64.max)
        var targets: [SurveyCampaign.Target] = []
        var invitations: [SurveyInvitation] = []
        switch draft.audience {
        case .citizens:
            let frames = try await store.surveys.returnedDossiers(
                units: Set(units.map(\.id)), from: VietnamTime.instant(on: from), to: VietnamTime.instant(on: to.adding(days: 1)))
            for unit in units {
                let frame = frames[unit.id] ?? []
                let size = SurveySample.size(population: frame.count, marginOfError: questionnaire.rules.marginOfError)
                // Each unit draws with its own stream, so adding a unit to a campaign leaves the others' samples as they were.
                let drawn = SurveySample.draw(frame, size: size, seed: seed ^ Self.stableHash(unit.code), stratified: draft.stratified)
                targets.append(.init(unitID: unit.id, unitCode: unit.code, unitName: unit.name, population: frame.count, invited: drawn.count))
                invitations += drawn.map { SurveyInvitation(unitID: unit.id, dossierCode: $0.code, group: nil, token: SurveyInvitation.newToken()) }
            }
        case .leaders:
            let count = draft.groups.map(\.count).reduce(0, +)
            for unit in units {
                targets.append(.init(unitID: unit.id, unitCode: unit.code, unitName: unit.name, population: count, invited: count))
                for group in draft.groups {
                    invitations += (0..<group.count).map { _ in
                        SurveyInvitation(unitID: unit.id, dossierCode: nil, group: group.name, token: SurveyInvitation.newToken())
                    }
                }
            }
        }
        let campaign = SurveyCampaign(
            id: UUID(), code: "", title: draft.title.trimmed, audience: draft.audience, questionnaireVersion: questionnaire.version, periodFrom: from,
            periodTo: to, closesOn: closesOn, targets: targets, seed: seed, stratified: draft.stratified,
            marginOfError: questionnaire.rules.marginOfError, groups: draft.audience == .leaders ? draft.groups : [], state: .open,
            createdBy: user.username, createdAt: now, version: 1)
        let messages = try await invitationMessages(invitations, survey: campaign.title)
        let drawn = invitations
        return try await store.transaction { tx in
            let created = try await tx.surveys.create(campaign, invitations: drawn)
            try await tx.notifications.enqueue(messages, at: now)
            return created
        }
    }

    /// Each sampled applicant is invited by the contacts they gave with their dossier (their ballot code
    /// is also printed for the desk to hand out).
    private func invitationMessages(_ invitations: [SurveyInvitation], survey: String) async throws -> [NotificationRequest] {
        var messages: [NotificationRequest] = []
        for invitation in invitations {
            guard let code = invitation.dossierCode, let token = invitation.token, let dossier = try await store.dossiers.find(code: code) else { continue }
            let contact = NotificationRequest.Contact(email: dossier.applicant.email, phone: dossier.applicant.phone, accountID: dossier.citizenUserID)
            messages.append(
                NotificationRequest(
                    kind: .surveyInvitation, audience: .citizen(contact), parameters: ["survey": survey, "token": token, "link": "/s/" + token]))
        }
        return messages
    }

    /// FNV-1a of a unit's code: the same on every run and build, unlike `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0100_0000_01b3 }
    }

    public func close(code: String, expectedVersion: Int, by user: User) async throws -> SurveyCampaign {
        guard user.can(.manageSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        var campaign = try await campaign(code: code, by: user)
        guard campaign.version == expectedVersion else { throw DomainError.staleVersion(current: campaign.version) }
        guard campaign.state == .open else { throw DomainError(.invalidState, "survey.campaign.closed") }
        campaign.state = .closed
        campaign.version += 1
        try await store.surveys.update(campaign, expectedVersion: expectedVersion)
        return campaign
    }

    public func invitations(code: String, by user: User) async throws -> (SurveyCampaign, [SurveyInvitation]) {
        guard user.can(.manageSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        let campaign = try await campaign(code: code, by: user)
        return (campaign, try await store.surveys.invitations(of: campaign.id))
    }

    // MARK: Answering

    /// The questionnaire an unspent token opens. A spent token and an unknown one get the same answer.
    public func ballot(token: String, now: Date) async throws -> (campaign: SurveyCampaign, invitation: SurveyInvitation, questionnaire: Questionnaire) {
        let token = token.trimmed.uppercased()
        guard token.count == SurveyInvitation.tokenLength, let found = try await store.surveys.invitation(token: token) else {
            throw DomainError.notFound("survey.token.invalid")
        }
        guard found.campaign.acceptsAnswers(on: VietnamTime.localDate(of: now)) else { throw DomainError(.invalidState, "survey.campaign.closed") }
        return (found.campaign, found.invitation, try await questionnaire(of: found.campaign))
    }

    /// An answer by invitation: checked against the campaign's questionnaire, stored with the token burned
    /// in the same transaction. Of two answers racing on one token, one is stored. Returns the campaign.
    @discardableResult
    public func answer(token: String, _ raw: [String: String], now: Date) async throws -> SurveyCampaign {
        let (campaign, invitation, questionnaire) = try await ballot(token: token, now: now)
        let ballot = try SurveyBallot.checked(raw, against: questionnaire, channel: .online, group: invitation.group)
        try await store.surveys.record(
            ballot, campaignID: campaign.id, unitID: invitation.unitID, day: VietnamTime.localDate(of: now), token: token.trimmed.uppercased(),
            tallies: ballot.tallies(campaignID: campaign.id, unitID: invitation.unitID, questionnaire: questionnaire))
        return campaign
    }

    /// An answer keyed in from a paper ballot or given on the counter's tablet, for a unit the officer
    /// serves (the province's staff: any unit the campaign targets).
    public func answerAtDesk(
        code: String, unitCode: String, _ raw: [String: String], channel: SurveyChannel, by user: User, now: Date
    ) async throws {
        guard channel != .online else { throw DomainError.validation([FieldError("channel", "error.invalid_value")]) }
        let campaign = try await campaign(code: code, by: user)
        guard campaign.acceptsAnswers(on: VietnamTime.localDate(of: now)) else { throw DomainError(.invalidState, "survey.campaign.closed") }
        guard let target = campaign.targets.first(where: { $0.unitCode == unitCode.trimmed.uppercased() || $0.unitCode == unitCode.trimmed }) else {
            throw DomainError.validation([FieldError("unit", "survey.campaign.unit_unknown", ["code": unitCode])])
        }
        if let reached = Self.deskUnits(of: user, in: try await store.units.tree()), !reached.contains(target.unitID) {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        let questionnaire = try await questionnaire(of: campaign)
        let ballot = try SurveyBallot.checked(raw, against: questionnaire, channel: channel, group: nil)
        try await store.surveys.record(
            ballot, campaignID: campaign.id, unitID: target.unitID, day: VietnamTime.localDate(of: now), token: nil,
            tallies: ballot.tallies(campaignID: campaign.id, unitID: target.unitID, questionnaire: questionnaire))
    }

    /// The units `user` may enter paper and kiosk ballots for: reform staff any (nil), a desk officer or a
    /// unit leader their unit and those below it, others none.
    public static func deskUnits(of user: User, in tree: UnitTree) -> Set<UUID>? {
        user.reachedUnits(for: user.can(.manageSurveys) ? .manageSurveys : .handleDossiers, in: tree)
    }

    public func questionnaire(of campaign: SurveyCampaign) async throws -> Questionnaire {
        guard let questionnaire = try await store.surveys.questionnaire(campaign.audience, version: campaign.questionnaireVersion) else {
            throw DomainError.notFound("survey.questionnaire.none")
        }
        return questionnaire
    }

    // MARK: Results

    /// The campaign's results, and the previous campaign's of the same audience (the latest one whose
    /// period ended before this one began) for comparison.
    public func results(code: String, by user: User) async throws -> (current: SurveyResults, previous: SurveyResults?) {
        guard user.can(.viewSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        let campaign = try await campaign(code: code, by: user)
        let current = try await results(of: campaign)
        let previous = try await store.surveys.campaigns()
            .filter { $0.audience == campaign.audience && $0.periodTo < campaign.periodFrom }
            .max { ($0.periodTo, $0.code) < ($1.periodTo, $1.code) }
        return (current, try await previous.asyncMap { try await results(of: $0) })
    }

    func results(of campaign: SurveyCampaign) async throws -> SurveyResults {
        SurveyResults(
            campaign: campaign, questionnaire: try await questionnaire(of: campaign), tallies: try await store.surveys.tallies(of: campaign.id))
    }

    /// Every ballot, for the CSV export.
    public func ballots(code: String, by user: User) async throws -> (SurveyCampaign, Questionnaire, [(unitID: UUID, day: LocalDate, ballot: SurveyBallot)]) {
        guard user.can(.viewSurveys) else { throw DomainError(.forbidden, "auth.forbidden") }
        let campaign = try await campaign(code: code, by: user)
        return (campaign, try await questionnaire(of: campaign), try await store.surveys.ballots(of: campaign.id))
    }
}

extension SurveyCampaignDraft {
    func errors(today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        if title.trimmed.isEmpty { errors.append(FieldError("title", "error.required")) }
        if title.count > 200 { errors.append(FieldError("title", "error.too_long", ["max": "200"])) }
        if periodFrom == nil { errors.append(FieldError("periodFrom", "error.date_invalid")) }
        if periodTo == nil { errors.append(FieldError("periodTo", "error.date_invalid")) }
        if let from = periodFrom, let to = periodTo, to < from { errors.append(FieldError("periodTo", "survey.campaign.period")) }
        if let to = periodTo, to >= today, audience == .citizens { errors.append(FieldError("periodTo", "survey.campaign.period_past")) }
        if let closes = closesOn {
            if closes < today { errors.append(FieldError("closesOn", "survey.campaign.closes_past")) }
        } else {
            errors.append(FieldError("closesOn", "error.date_invalid"))
        }
        if unitCodes.isEmpty { errors.append(FieldError("units", "error.required")) }
        if unitCodes.count > 500 { errors.append(FieldError("units", "error.too_long", ["max": "500"])) }
        if audience == .leaders {
            if groups.isEmpty { errors.append(FieldError("groups", "error.required")) }
            if groups.contains(where: { $0.name.trimmed.isEmpty || !(1...500).contains($0.count) }) {
                errors.append(FieldError("groups", "survey.campaign.groups"))
            }
        }
        return errors
    }
}
