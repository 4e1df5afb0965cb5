import Foundation
import WorkCalendar

/// The PAR Index use cases: criteria sets loaded as versions, campaigns opened and moved through their
/// phases, each unit's assessment read within the reach of the reader. Scoring, appraisal, the live
/// figures and the national table are in the extensions.
public struct ParService: Sendable {
    public var store: any Store
    /// Where evidence files go; nil where uploads are off.
    public var files: (any FileStorage)?

    public init(store: any Store, files: (any FileStorage)? = nil) {
        self.store = store
        self.files = files
    }

    // MARK: Criteria sets

    public func criteriaVersions(by user: User) async throws -> [ParCriteriaVersion] {
        guard user.can(.viewPar) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.par.criteriaVersions()
    }

    /// One version of a year and level's set.
    public func criteria(year: Int, level: ParLevel, version: Int, by user: User) async throws -> ParCriteriaVersion {
        guard user.can(.viewPar), let found = try await store.par.criteria(year: year, level: level, version: version) else {
            throw DomainError.notFound("par.criteria.none")
        }
        return found
    }

    /// The newest version of a year and level's set.
    public func latestCriteria(year: Int, level: ParLevel) async throws -> ParCriteriaVersion? {
        try await store.par.latestCriteria(year: year, level: level)
    }

    /// The fields of reform (lĩnh vực CCHC) as the newest provincial set up to `year` names them (they change
    /// with the ministry's decision); the bundled set's when none is loaded.
    public func reformFields(year: Int) async throws -> [String] {
        let provincial = try await store.par.criteriaVersions().filter { $0.set.level == .province && $0.set.year <= year }
            .max { ($0.set.year, $0.version) < ($1.set.year, $1.version) }
        return (provincial?.set ?? ParCriteriaSet.provincial(year: year)).scaleFields.map(\.name)
    }

    /// A new version of the set of its year and level; every error in the set is named at once, and the caller
    /// must have seen the latest version (`expectedLatest`, 0 for none: a conflict otherwise).
    public func loadCriteria(_ set: ParCriteriaSet, reason: String, expectedLatest: Int, by user: User, now: Date) async throws -> ParCriteriaVersion {
        guard user.can(.managePar) else { throw DomainError(.forbidden, "auth.forbidden") }
        var errors = set.errors()
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { errors.append(FieldError("reason", "error.required")) }
        if reason.count > 1000 { errors.append(FieldError("reason", "error.too_long", ["max": "1000"])) }
        try errors.throwIfAny()
        let latest = try await latestCriteria(year: set.year, level: set.level)?.version ?? 0
        guard latest == expectedLatest else { throw DomainError.staleVersion(current: latest) }
        let version = ParCriteriaVersion(version: latest + 1, set: set, setBy: user.username, reason: reason, setAt: now)
        try await store.par.addCriteria(version)
        return version
    }

    /// Last year's set (the newest version) as this year's first draft: the same tree, grades and cohorts.
    public func cloned(year: Int, level: ParLevel) async throws -> ParCriteriaSet {
        guard let previous = try await latestCriteria(year: year - 1, level: level) else {
            throw DomainError.notFound("par.criteria.none_last_year")
        }
        var set = previous.set
        set.year = year
        set.title = set.title.replacingOccurrences(of: String(year - 1), with: String(year))
        return set
    }

    // MARK: Campaigns

    public func campaigns(by user: User) async throws -> [ParCampaign] {
        guard user.can(.viewPar) else { throw DomainError(.forbidden, "auth.forbidden") }
        return try await store.par.campaigns()
    }

    public func campaign(code: String) async throws -> (ParCampaign, ParCriteriaVersion) {
        guard let campaign = try await store.par.campaign(code: code.trimmingCharacters(in: .whitespaces).uppercased()) else {
            throw DomainError.notFound("par.campaign.not_found")
        }
        guard let criteria = try await store.par.criteria(year: campaign.year, level: campaign.level, version: campaign.criteriaVersion) else {
            throw DomainError.notFound("par.criteria.none")
        }
        return (campaign, criteria)
    }

    /// Opens the year's assessment of a level under the newest version of its set, one empty assessment per
    /// unit: the units named, or every unit in force of the set's cohorts (for the national set, the province).
    public func open(_ draft: ParCampaignDraft, by user: User, now: Date) async throws -> ParCampaign {
        guard user.can(.managePar) else { throw DomainError(.forbidden, "auth.forbidden") }
        var errors = draft.errors()
        if draft.level == .province { errors.removeAll { $0.field == "level" } }
        let criteria = try await latestCriteria(year: draft.year, level: draft.level)
        if criteria == nil { errors.append(FieldError("year", "par.criteria.none", ["year": String(draft.year)])) }
        let tree = try await store.units.tree()
        let today = VietnamTime.localDate(of: now)
        var units: [OrgUnit] = []
        for code in draft.unitCodes.map({ $0.trimmingCharacters(in: .whitespaces).uppercased() }) where !code.isEmpty {
            if let unit = tree.unit(code: code), unit.isEffective(on: today) {
                units.append(unit)
            } else {
                errors.append(FieldError("units", "feedback.unit.not_found"))
            }
        }
        try errors.throwIfAny()
        guard let criteria, let selfDue = draft.selfAssessmentDue, let appraisalDue = draft.appraisalDue, let reviewDue = draft.reviewDue,
            let publishOn = draft.publishOn
        else { throw DomainError.validation([FieldError("year", "error.required")]) }
        if units.isEmpty { units = Self.assessedUnits(criteria.set, tree: tree, on: today) }
        guard !units.isEmpty else { throw DomainError.validation([FieldError("units", "par.campaign.no_units")]) }
        let campaign = ParCampaign(
            code: ParCampaign.code(year: draft.year, level: draft.level), year: draft.year, level: draft.level,
            title: draft.title.trimmingCharacters(in: .whitespaces), criteriaVersion: criteria.version, selfAssessmentDue: selfDue,
            appraisalDue: appraisalDue, reviewDue: reviewDue, publishOn: publishOn, unitIDs: units.map(\.id), openedBy: user.username, openedAt: now)
        try await store.par.createCampaign(campaign, assessments: units.map { ParAssessment(campaignID: campaign.id, unitID: $0.id, now: now) })
        return campaign
    }

    /// The units a set assesses when none are named: those of its cohorts, or the kinds of its level.
    public static func assessedUnits(_ set: ParCriteriaSet, tree: UnitTree, on day: LocalDate) -> [OrgUnit] {
        let effective = tree.units.filter { $0.isEffective(on: day) }
        if set.level == .province { return effective.filter { $0.kind == .province } }
        if !set.cohorts.isEmpty { return effective.filter { unit in set.cohorts.contains { $0.contains(unit) } } }
        let kinds: [UnitKind] = set.level == .commune ? [.commune, .ward, .specialZone] : [.department]
        return effective.filter { kinds.contains($0.kind) }
    }

    /// Moves the campaign to its next phase (reform staff): open → appraisal → review → published. It is
    /// published only once every assessment is confirmed.
    public func advance(code: String, expectedVersion: Int, by user: User, now: Date) async throws -> ParCampaign {
        guard user.can(.managePar) else { throw DomainError(.forbidden, "auth.forbidden") }
        var (campaign, _) = try await self.campaign(code: code)
        guard campaign.version == expectedVersion else { throw DomainError.staleVersion(current: campaign.version) }
        switch campaign.state {
        case .open: campaign.state = .appraisal
        case .appraisal: campaign.state = .review
        case .review:
            let waiting = try await store.par.assessments(campaignID: campaign.id).filter { $0.state != .confirmed }.count
            guard waiting == 0 else { throw DomainError(.invalidState, "par.campaign.unconfirmed", arguments: ["n": String(waiting)]) }
            campaign.state = .published
            campaign.publishedAt = now
        case .published: throw DomainError(.invalidState, "par.campaign.published")
        }
        campaign.version += 1
        try await store.par.updateCampaign(campaign, expectedVersion: expectedVersion)
        return campaign
    }

    // MARK: Reading

    /// A unit's assessment for `user`: their own units' (and, for Home Affairs and the steering committee,
    /// every unit's); another unit's only once the campaign is published.
    public func assessment(campaign code: String, unitCode: String, by user: User) async throws -> ParAssessmentView {
        guard user.can(.viewPar) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (campaign, criteria) = try await self.campaign(code: code)
        let tree = try await store.units.tree()
        guard let unit = tree.unit(code: unitCode.trimmingCharacters(in: .whitespaces).uppercased()),
            let assessment = try await store.par.assessment(campaignID: campaign.id, unitID: unit.id)
        else { throw DomainError.notFound("par.assessment.not_found") }
        if campaign.state != .published, (try? tree.reachable(unit, by: user, for: .viewPar)) == nil {
            throw DomainError.notFound("par.assessment.not_found")
        }
        return ParAssessmentView(campaign: campaign, criteria: criteria, unit: unit, assessment: assessment)
    }

    /// The assessments `user` may read in a campaign: every one once published.
    public func readableAssessments(_ campaign: ParCampaign, by user: User) async throws -> [ParAssessment] {
        guard user.can(.viewPar) else { throw DomainError(.forbidden, "auth.forbidden") }
        let all = try await store.par.assessments(campaignID: campaign.id)
        guard campaign.state != .published, let reached = user.reachedUnits(for: .viewPar, in: try await store.units.tree()) else { return all }
        return all.filter { reached.contains($0.unitID) }
    }

    /// A campaign's results, against last year's campaign of the level where there is one: everyone's once
    /// published; before, only for those who read every unit (Home Affairs, the steering committee), since a
    /// rank among the units one can see would mislead.
    public func results(code: String, by user: User) async throws -> ParResults {
        guard user.can(.viewPar) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (campaign, criteria) = try await self.campaign(code: code)
        let tree = try await store.units.tree()
        if campaign.state != .published, user.reachedUnits(for: .viewPar, in: tree) != nil {
            throw DomainError(.forbidden, "par.results.unpublished")
        }
        let assessments = try await store.par.assessments(campaignID: campaign.id)
        var previous: ParResults?
        if let last = try await store.par.campaigns().first(where: { $0.level == campaign.level && $0.year == campaign.year - 1 }),
            let lastCriteria = try await store.par.criteria(year: last.year, level: last.level, version: last.criteriaVersion)
        {
            previous = ParResults(
                campaign: last, set: lastCriteria.set, assessments: try await store.par.assessments(campaignID: last.id), tree: tree)
        }
        return ParResults(campaign: campaign, set: criteria.set, assessments: assessments, tree: tree, previous: previous)
    }
}

/// An assessment with what it is read against.
public struct ParAssessmentView: Sendable {
    public var campaign: ParCampaign
    public var criteria: ParCriteriaVersion
    public var unit: OrgUnit
    public var assessment: ParAssessment
}
