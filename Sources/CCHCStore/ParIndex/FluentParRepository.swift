import CCHCCore
import Foundation
import SQLKit

/// The PAR Index on either database: every record a JSON document with the columns its reads filter on.
struct FluentParRepository: ParRepository {
    let handle: DatabaseHandle

    // MARK: Criteria sets

    func criteriaVersions() async throws -> [ParCriteriaVersion] {
        try await handle.sql.select().column("document").from("par_criteria_sets").orderBy("year", .descending).orderBy("level")
            .orderBy("version").all().map { try DocumentRow.decode(ParCriteriaVersion.self, $0, table: "par_criteria_sets") }
    }

    func criteria(year: Int, level: ParLevel, version: Int) async throws -> ParCriteriaVersion? {
        try await handle.sql.select().column("document").from("par_criteria_sets").where("year", .equal, year)
            .where("level", .equal, level.rawValue).where("version", .equal, version).first()
            .map { try DocumentRow.decode(ParCriteriaVersion.self, $0, table: "par_criteria_sets") }
    }

    func latestCriteria(year: Int, level: ParLevel) async throws -> ParCriteriaVersion? {
        try await handle.sql.select().column("document").from("par_criteria_sets").where("year", .equal, year)
            .where("level", .equal, level.rawValue).orderBy("version", .descending).limit(1).first()
            .map { try DocumentRow.decode(ParCriteriaVersion.self, $0, table: "par_criteria_sets") }
    }

    func addCriteria(_ version: ParCriteriaVersion) async throws {
        try await handle.writeSQL { sql in
            let latest =
                try await sql.select().column(SQLFunction("MAX", args: SQLIdentifier("version")), as: "v").from("par_criteria_sets")
                .where("year", .equal, version.set.year).where("level", .equal, version.set.level.rawValue).first()?
                .decode(column: "v", as: Int?.self) ?? nil
            guard (latest ?? 0) + 1 == version.version else { throw DomainError.staleVersion(current: latest ?? 0) }
            try await sql.insert(into: "par_criteria_sets").columns("year", "level", "version", "document", "set_by", "reason", "set_at")
                .values(
                    SQLBind(version.set.year), SQLBind(version.set.level.rawValue), SQLBind(version.version), SQLBind(try JSONCoding.string(version)),
                    SQLBind(version.setBy), SQLBind(version.reason), SQLBind(version.setAt)
                ).run()
        }
    }

    // MARK: Campaigns

    func campaigns() async throws -> [ParCampaign] {
        try await handle.sql.select().column("document").from("par_campaigns").orderBy("year", .descending).orderBy("code").all()
            .map { try DocumentRow.decode(ParCampaign.self, $0, table: "par_campaigns") }
    }

    func campaign(code: String) async throws -> ParCampaign? {
        try await handle.sql.select().column("document").from("par_campaigns").where("code", .equal, code).first()
            .map { try DocumentRow.decode(ParCampaign.self, $0, table: "par_campaigns") }
    }

    func createCampaign(_ campaign: ParCampaign, assessments: [ParAssessment]) async throws {
        try await handle.writeSQL { sql in
            let taken = try await sql.select().column("id").from("par_campaigns").where("code", .equal, campaign.code).first()
            guard taken == nil else { throw DomainError(.conflict, "par.campaign.exists", arguments: ["code": campaign.code]) }
            try await sql.insert(into: "par_campaigns").columns("id", "code", "year", "document", "version")
                .values(SQLBind(campaign.id), SQLBind(campaign.code), SQLBind(campaign.year), SQLBind(try JSONCoding.string(campaign)), SQLBind(1))
                .run()
            for assessment in assessments {
                try await sql.insert(into: "par_assessments").columns("id", "campaign_id", "unit_id", "document", "version", "updated_at")
                    .values(
                        SQLBind(assessment.id), SQLBind(assessment.campaignID), SQLBind(assessment.unitID), SQLBind(try JSONCoding.string(assessment)),
                        SQLBind(assessment.version), SQLBind(assessment.updatedAt)
                    ).run()
            }
        }
    }

    func updateCampaign(_ campaign: ParCampaign, expectedVersion: Int) async throws {
        try await handle.writeSQL { sql in
            let updated = try await sql.update("par_campaigns").set("document", to: try JSONCoding.string(campaign)).set("version", to: campaign.version)
                .where("id", .equal, campaign.id).where("version", .equal, expectedVersion).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
        }
    }

    // MARK: Assessments

    func assessments(campaignID: UUID) async throws -> [ParAssessment] {
        try await handle.sql.select().column("document").from("par_assessments").where("campaign_id", .equal, campaignID).all()
            .map { try DocumentRow.decode(ParAssessment.self, $0, table: "par_assessments") }
    }

    func assessment(campaignID: UUID, unitID: UUID) async throws -> ParAssessment? {
        try await handle.sql.select().column("document").from("par_assessments").where("campaign_id", .equal, campaignID)
            .where("unit_id", .equal, unitID).first().map { try DocumentRow.decode(ParAssessment.self, $0, table: "par_assessments") }
    }

    func updateAssessment(_ assessment: ParAssessment, expectedVersion: Int, events: [ParEvent], newFiles: [RecordAttachment]) async throws {
        try await handle.writeSQL { sql in
            let updated = try await sql.update("par_assessments").set("document", to: try JSONCoding.string(assessment))
                .set("version", to: assessment.version).set("updated_at", to: assessment.updatedAt)
                .where("id", .equal, assessment.id).where("version", .equal, expectedVersion).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
            for event in events {
                try await sql.insert(into: "par_events").columns("id", "assessment_id", "at", "document")
                    .values(SQLBind(UUID()), SQLBind(event.assessmentID), SQLBind(event.at), SQLBind(try JSONCoding.string(event))).run()
            }
            for file in newFiles {
                try await sql.insert(into: "par_evidence_files").columns("id", "assessment_id").values(SQLBind(file.id), SQLBind(assessment.id)).run()
            }
        }
    }

    func events(assessmentID: UUID) async throws -> [ParEvent] {
        try await handle.sql.select().column("document").from("par_events").where("assessment_id", .equal, assessmentID).orderBy("at").all()
            .map { try DocumentRow.decode(ParEvent.self, $0, table: "par_events") }
    }

    func evidenceExists(id: UUID) async throws -> Bool {
        try await handle.sql.select().column("id").from("par_evidence_files").where("id", .equal, id).first() != nil
    }

    // MARK: The national table

    func nationalTable(year: Int) async throws -> ParNationalTable? {
        try await handle.sql.select().column("document").from("par_national_tables").where("year", .equal, year).first()
            .map { try DocumentRow.decode(ParNationalTable.self, $0, table: "par_national_tables") }
    }

    func saveNationalTable(_ table: ParNationalTable) async throws {
        try await handle.writeSQL { sql in
            try await sql.delete(from: "par_national_tables").where("year", .equal, table.year).run()
            try await sql.insert(into: "par_national_tables").columns("year", "document")
                .values(SQLBind(table.year), SQLBind(try JSONCoding.string(table))).run()
        }
    }
}
