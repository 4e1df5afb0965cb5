import Foundation

/// One version of the criteria set of a year and level, with who loaded it and why.
public struct ParCriteriaVersion: Codable, Equatable, Sendable {
    public var version: Int
    public var set: ParCriteriaSet
    public var setBy: String
    public var reason: String
    public var setAt: Date

    public init(version: Int, set: ParCriteriaSet, setBy: String, reason: String, setAt: Date) {
        self.version = version
        self.set = set
        self.setBy = setBy
        self.reason = reason
        self.setAt = setAt
    }
}

public protocol ParRepository: Sendable {
    /// Every version of every year and level, newest year first, then level, then version.
    func criteriaVersions() async throws -> [ParCriteriaVersion]
    func criteria(year: Int, level: ParLevel, version: Int) async throws -> ParCriteriaVersion?
    /// The highest version of a year and level.
    func latestCriteria(year: Int, level: ParLevel) async throws -> ParCriteriaVersion?
    /// Stores a new version; a conflict when that number exists (someone loaded one meanwhile).
    func addCriteria(_ version: ParCriteriaVersion) async throws

    func campaigns() async throws -> [ParCampaign]
    func campaign(code: String) async throws -> ParCampaign?
    /// Stores a new campaign with an empty assessment per unit; a conflict when its code exists.
    func createCampaign(_ campaign: ParCampaign, assessments: [ParAssessment]) async throws
    func updateCampaign(_ campaign: ParCampaign, expectedVersion: Int) async throws

    func assessments(campaignID: UUID) async throws -> [ParAssessment]
    func assessment(campaignID: UUID, unitID: UUID) async throws -> ParAssessment?
    /// Writes the assessment if it is still at `expectedVersion` (a conflict otherwise), with its events and
    /// the rows of the evidence files it newly holds, in one transaction.
    func updateAssessment(_ assessment: ParAssessment, expectedVersion: Int, events: [ParEvent], newFiles: [RecordAttachment]) async throws
    func events(assessmentID: UUID) async throws -> [ParEvent]
    /// Whether an evidence file's row exists (file recovery).
    func evidenceExists(id: UUID) async throws -> Bool

    func nationalTable(year: Int) async throws -> ParNationalTable?
    /// Stores (or replaces) the table of its year.
    func saveNationalTable(_ table: ParNationalTable) async throws
}
