import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

/// Campaigns, invitations and ballots on either database; a ballot, its token's burning and its tallies
/// in one transaction.
struct FluentSurveyRepository: SurveyRepository {
    let handle: DatabaseHandle
    static let campaigns = "survey_campaigns"
    static let invitations = "survey_invitations"
    static let ballots = "survey_ballots"
    /// The code counter's key in `dossier_code_counters`, one counter per year.
    static let codePrefix = "KS"
    /// Invitation rows per insert: six binds each.
    static let chunk = 500

    func questionnaires(_ audience: SurveyAudience) async throws -> QuestionnaireHistory {
        QuestionnaireHistory(try await RuleSetTable(table: "rule_sets", kind: audience.questionnaireKind, handle: handle).versions())
    }

    func questionnaire(_ audience: SurveyAudience, version: Int) async throws -> Questionnaire? {
        let key = "\(audience.questionnaireKind)#\(version)"
        if let cached = handle.shared?.surveys.questionnaire(key) { return cached }
        guard
            let row = try await handle.sql.select().column("rules").from("rule_sets").where("kind", .equal, audience.questionnaireKind)
                .where("version", .equal, version).first()
        else { return nil }
        let questionnaire = try JSONCoding.decode(Questionnaire.self, try row.decode(column: "rules", as: String.self))
        handle.shared?.surveys.remember(questionnaire, as: key)
        return questionnaire
    }

    func addQuestionnaire(_ audience: SurveyAudience, _ added: QuestionnaireVersion, closing closed: QuestionnaireVersion?) async throws {
        try await RuleSetTable(table: "rule_sets", kind: audience.questionnaireKind, handle: handle).add(added, closing: closed)
    }

    func returnedDossiers(units: Set<UUID>, from: Date, to: Date) async throws -> [UUID: [SurveySample.Unit]] {
        guard !units.isEmpty else { return [:] }
        let rows = try await handle.sql.select().distinct().column(SQLColumn("code", table: "d")).column(SQLColumn("procedure_code", table: "d"))
            .column(SQLColumn("competent_unit_id", table: "d"))
            .from(SQLAlias(SQLIdentifier("dossier_events"), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier("dossiers"), as: SQLIdentifier("d")), on: SQLColumn("id", table: "d"), .equal, SQLColumn("dossier_id", table: "e"))
            .where(SQLColumn("action", table: "e"), .equal, SQLBind(DossierAction.Kind.returnResult.rawValue))
            .where(SQLColumn("occurred_at", table: "e"), .greaterThanOrEqual, SQLBind(from))
            .where(SQLColumn("occurred_at", table: "e"), .lessThan, SQLBind(to))
            .where(SQLColumn("competent_unit_id", table: "d"), .in, SQLBind.group(units.sorted { $0.uuidString < $1.uuidString }))
            .all()
        var frames: [UUID: [SurveySample.Unit]] = [:]
        for row in rows {
            frames[try row.decode(column: "competent_unit_id", as: UUID.self), default: []].append(
                SurveySample.Unit(
                    code: try row.decode(column: "code", as: String.self), procedureCode: try row.decode(column: "procedure_code", as: String.self)))
        }
        return frames
    }

    func create(_ campaign: SurveyCampaign, invitations: [SurveyInvitation]) async throws -> SurveyCampaign {
        try await handle.writeSQL { sql in
            var stored = campaign
            let year = VietnamTime.localDate(of: campaign.createdAt).year
            stored.code = try await DossierWritePath.yearlyCode(prefix: Self.codePrefix, year: year, on: sql)
            try await sql.insert(into: Self.campaigns).columns("id", "code", "audience", "state", "period_to", "document", "version", "created_at")
                .values(
                    SQLBind(stored.id), SQLBind(stored.code), SQLBind(stored.audience.rawValue), SQLBind(stored.state.rawValue),
                    SQLBind(stored.periodTo.description), SQLBind(try JSONCoding.string(stored)), SQLBind(stored.version), SQLBind(stored.createdAt)
                ).run()
            var start = 0
            while start < invitations.count {
                let insert = sql.insert(into: Self.invitations).columns("id", "campaign_id", "unit_id", "dossier_code", "group_name", "token", "spent")
                for invitation in invitations[start..<min(start + Self.chunk, invitations.count)] {
                    insert.values(
                        SQLBind(UUID()), SQLBind(stored.id), SQLBind(invitation.unitID), SQLBind(invitation.dossierCode), SQLBind(invitation.group),
                        SQLBind(invitation.token), SQLBind(false))
                }
                try await insert.run()
                start += Self.chunk
            }
            return stored
        }
    }

    func campaigns() async throws -> [SurveyCampaign] {
        try await handle.sql.select().column("document").from(Self.campaigns).orderBy("code", .descending).all().map(Self.decode)
    }

    func find(code: String) async throws -> SurveyCampaign? {
        try await handle.sql.select().column("document").from(Self.campaigns).where("code", .equal, code).first().map(Self.decode)
    }

    func update(_ campaign: SurveyCampaign, expectedVersion: Int) async throws {
        let document = try JSONCoding.string(campaign)
        try await handle.writeSQL { sql in
            let updated = try await sql.update(Self.campaigns).set("state", to: campaign.state.rawValue).set("document", to: document)
                .set("version", to: campaign.version).where("id", .equal, campaign.id).where("version", .equal, expectedVersion).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
        }
    }

    func invitations(of campaignID: UUID) async throws -> [SurveyInvitation] {
        try await handle.sql.select().columns("unit_id", "dossier_code", "group_name", "token").from(Self.invitations)
            .where("campaign_id", .equal, campaignID).orderBy("unit_id").orderBy("dossier_code").orderBy("group_name").orderBy("token").all()
            .map(Self.invitation)
    }

    func invitation(token: String) async throws -> (campaign: SurveyCampaign, invitation: SurveyInvitation)? {
        guard
            let row = try await handle.sql.select().columns("campaign_id", "unit_id", "dossier_code", "group_name", "token").from(Self.invitations)
                .where("token", .equal, token).where("spent", .equal, false).first()
        else { return nil }
        let campaignID = try row.decode(column: "campaign_id", as: UUID.self)
        // The version alone, and the document only when this process has not decoded that version yet.
        guard let current = try await handle.sql.select().column("version").from(Self.campaigns).where("id", .equal, campaignID).first() else {
            return nil
        }
        let version = try current.decode(column: "version", as: Int.self)
        if let cached = handle.shared?.surveys.campaign(campaignID, version: version) { return (cached, try Self.invitation(row)) }
        guard let document = try await handle.sql.select().column("document").from(Self.campaigns).where("id", .equal, campaignID).first() else {
            return nil
        }
        let campaign = try Self.decode(document)
        handle.shared?.surveys.remember(campaign)
        return (campaign, try Self.invitation(row))
    }

    func record(_ ballot: SurveyBallot, campaignID: UUID, unitID: UUID, day: LocalDate, token: String?, tallies: [CounterChange]) async throws {
        let document = try JSONCoding.string(ballot)
        try await handle.writeSQL { sql in
            if let token {
                // The token goes with the answer: the row keeps only that it was spent.
                let burned = try await sql.update(Self.invitations).set("spent", to: true).set("token", to: SQLLiteral.null)
                    .where("token", .equal, token).where("campaign_id", .equal, campaignID).where("spent", .equal, false).returning("id").all()
                guard burned.count == 1 else { throw DomainError.notFound("survey.token.invalid") }
            }
            try await sql.insert(into: Self.ballots).columns("id", "campaign_id", "unit_id", "day", "channel", "document")
                .values(SQLBind(UUID()), SQLBind(campaignID), SQLBind(unitID), SQLBind(day.description), SQLBind(ballot.channel.rawValue), SQLBind(document))
                .run()
            try await ProjectionCounters.apply(tallies, on: sql)
        }
    }

    func tallies(of campaignID: UUID) async throws -> [CounterKey: Int] {
        var tallies: [CounterKey: Int] = [:]
        for row in try await handle.sql.select().columns("entity", "subject", "value").from(ProjectionCounters.table)
            .where("projection", .equal, SurveyTally.projection).where("counter", .equal, campaignID.uuidString).all()
        {
            let key = CounterKey(
                projection: SurveyTally.projection, counter: campaignID.uuidString, entity: UUID(uuidString: try row.decode(column: "entity", as: String.self)),
                subject: try row.decode(column: "subject", as: String.self))
            tallies[key, default: 0] += try row.decode(column: "value", as: Int.self)
        }
        return tallies
    }

    func ballots(of campaignID: UUID) async throws -> [(unitID: UUID, day: LocalDate, ballot: SurveyBallot)] {
        try await handle.sql.select().columns("unit_id", "day", "document").from(Self.ballots).where("campaign_id", .equal, campaignID)
            .orderBy("unit_id").orderBy("day").orderBy("id").all()
            .map { row in
                guard let day = LocalDate(try row.decode(column: "day", as: String.self)) else {
                    throw StoreError.unreadable(table: Self.ballots, id: nil, reason: "day")
                }
                return (
                    try row.decode(column: "unit_id", as: UUID.self), day,
                    try JSONCoding.decode(SurveyBallot.self, try row.decode(column: "document", as: String.self))
                )
            }
    }

    static func invitation(_ row: any SQLRow) throws -> SurveyInvitation {
        SurveyInvitation(
            unitID: try row.decode(column: "unit_id", as: UUID.self), dossierCode: try row.decode(column: "dossier_code", as: String?.self),
            group: try row.decode(column: "group_name", as: String?.self), token: try row.decode(column: "token", as: String?.self))
    }

    static func decode(_ row: any SQLRow) throws -> SurveyCampaign {
        try DocumentRow.decode(SurveyCampaign.self, row, table: campaigns)
    }
}
