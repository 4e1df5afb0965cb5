import Foundation
import WorkCalendar

/// A survey campaign (đợt khảo sát): one questionnaire version put to the units it targets about a
/// period, open for answers until its closing day. A citizens' campaign invites a sample of the dossiers
/// each unit returned in the period; a leaders' campaign invites named respondent groups of each unit.
public struct SurveyCampaign: Codable, Equatable, Sendable {
    public var id: UUID
    public var code: String
    public var title: String
    public var audience: SurveyAudience
    /// The version of the audience's questionnaire it was opened with, kept whatever comes after.
    public var questionnaireVersion: Int
    public var periodFrom: LocalDate
    public var periodTo: LocalDate
    public var closesOn: LocalDate
    public var targets: [Target]
    /// For citizens' campaigns: the seed the sample was drawn from, and whether by procedure.
    public var seed: UInt64
    public var stratified: Bool
    public var marginOfError: Double
    public var groups: [RespondentGroup]
    public var state: SurveyCampaignState
    public var createdBy: String
    public var createdAt: Date
    public var version: Int

    public init(
        id: UUID, code: String, title: String, audience: SurveyAudience, questionnaireVersion: Int, periodFrom: LocalDate, periodTo: LocalDate,
        closesOn: LocalDate, targets: [Target], seed: UInt64, stratified: Bool, marginOfError: Double, groups: [RespondentGroup],
        state: SurveyCampaignState, createdBy: String, createdAt: Date, version: Int
    ) {
        self.id = id
        self.code = code
        self.title = title
        self.audience = audience
        self.questionnaireVersion = questionnaireVersion
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.closesOn = closesOn
        self.targets = targets
        self.seed = seed
        self.stratified = stratified
        self.marginOfError = marginOfError
        self.groups = groups
        self.state = state
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.version = version
    }

    /// A unit the campaign surveys: how many it could have asked (N: dossiers returned, or respondents
    /// named) and how many it invited (n).
    public struct Target: Codable, Equatable, Sendable {
        public var unitID: UUID
        public var unitCode: String
        public var unitName: String
        public var population: Int
        public var invited: Int

        public init(unitID: UUID, unitCode: String, unitName: String, population: Int, invited: Int) {
            self.unitID = unitID
            self.unitCode = unitCode
            self.unitName = unitName
            self.population = population
            self.invited = invited
        }
    }

    /// A group of a leaders' survey (lãnh đạo sở, trưởng phòng...) and how many of each unit are asked.
    public struct RespondentGroup: Codable, Equatable, Sendable {
        public var name: String
        public var count: Int

        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    public func target(_ unitID: UUID) -> Target? { targets.first { $0.unitID == unitID } }

    /// Answers are taken while it is open and up to its closing day.
    public func acceptsAnswers(on day: LocalDate) -> Bool { state == .open && day <= closesOn }
}

public enum SurveyAudience: String, Codable, CaseIterable, Sendable {
    case citizens
    case leaders

    /// The kind of its questionnaire's versions in `rule_sets`.
    public var questionnaireKind: String { "questionnaire.\(rawValue)" }
}

public enum SurveyCampaignState: String, Codable, CaseIterable, Sendable {
    case open
    case closed
}

/// How an answer came in: by its invitation's link or QR code, keyed in from a paper ballot by an officer,
/// or on the tablet at the counter.
public enum SurveyChannel: String, Codable, CaseIterable, Sendable {
    case online
    case paper
    case kiosk
}

/// One invitation as the officers print it: the link's token until it is spent, for whom (a dossier's
/// code, or a respondent group), never what was answered.
public struct SurveyInvitation: Equatable, Sendable {
    public var unitID: UUID
    public var dossierCode: String?
    public var group: String?
    /// Nil once spent: the token is burned with the answer.
    public var token: String?

    public init(unitID: UUID, dossierCode: String?, group: String?, token: String?) {
        self.unitID = unitID
        self.dossierCode = dossierCode
        self.group = group
        self.token = token
    }

    /// A token a person can type from paper: 16 letters and digits without look-alikes (0/O, 1/I/L),
    /// about 80 bits, from the system's secure generator.
    public static let tokenLength = 16

    public static func newToken() -> String {
        let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
        var generator = SystemRandomNumberGenerator()
        return String((0..<tokenLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
