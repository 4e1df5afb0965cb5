import Foundation
import WorkCalendar

/// Kế hoạch kiểm tra CCHC: a year's inspection plan, its team, the checklist every visit goes through, and
/// the visits to units: what was found (by severity), the recommendations (each a task to the unit, followed
/// to completion) and the discipline that followed, whose names only reform staff and the steering committee
/// may read (`Permission.viewDiscipline`).
public struct Inspection: YearlyRecord {
    public static let codePrefix = "KT"

    public struct TeamMember: Codable, Equatable, Sendable {
        public var name: String
        public var role: String

        public init(name: String, role: String) {
            self.name = name
            self.role = role
        }
    }

    public enum Severity: String, Codable, CaseIterable, Sendable {
        case minor
        case major
        case serious

        public var messageKey: String { "inspection.severity.\(rawValue)" }
    }

    public enum CheckResult: String, Codable, CaseIterable, Sendable {
        case met
        case notMet = "not_met"
        case notApplicable = "not_applicable"

        public var messageKey: String { "inspection.check.\(rawValue)" }
    }

    public struct Finding: Codable, Equatable, Sendable {
        public var text: String
        public var severity: Severity
    }

    public struct Recommendation: Codable, Equatable, Sendable {
        public var text: String
        public var dueOn: LocalDate
        public var taskCode: String?
    }

    /// Kỷ luật: who, their post, the measure, the decision. Restricted.
    public struct Discipline: Codable, Equatable, Sendable {
        public var person: String
        public var position: String
        public var measure: String
        public var decision: String

        public init(person: String, position: String, measure: String, decision: String) {
            self.person = person
            self.position = position
            self.measure = measure
            self.decision = decision
        }
    }

    public struct Visit: Codable, Equatable, Sendable {
        public var unitID: UUID
        public var scheduledOn: LocalDate
        public var visitedOn: LocalDate?
        /// One result per item of the plan's checklist, in its order.
        public var results: [CheckResult]
        public var findings: [Finding]
        public var recommendations: [Recommendation]
        public var discipline: [Discipline]
        public var recordedBy: String?

        public init(unitID: UUID, scheduledOn: LocalDate) {
            self.unitID = unitID
            self.scheduledOn = scheduledOn
            self.results = []
            self.findings = []
            self.recommendations = []
            self.discipline = []
        }

        public var isDone: Bool { visitedOn != nil }
    }

    public var id: UUID
    public var code: String
    public var version: Int
    public var year: Int
    public var title: String
    public var decision: String
    public var signedOn: LocalDate
    public var team: [TeamMember]
    public var checklist: [String]
    public var visits: [Visit]
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        title: String, decision: String, signedOn: LocalDate, team: [TeamMember], checklist: [String], visits: [Visit], createdBy: String, createdAt: Date
    ) {
        self.id = UUID()
        self.code = ""
        self.version = 1
        self.year = signedOn.year
        self.title = title
        self.decision = decision
        self.signedOn = signedOn
        self.team = team
        self.checklist = checklist
        self.visits = visits
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
