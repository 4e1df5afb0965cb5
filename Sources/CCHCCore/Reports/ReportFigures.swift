import Foundation

/// What cchc itself holds for a unit (and the units under it) over a report's window, read from each
/// module when the report is drafted or refreshed: the figures a report's tables and its reader rely on.
public struct ReportFigures: Codable, Equatable, Sendable {
    public struct PlanLine: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
        /// Key tasks led by the unit's subtree, confirmed done by the window's end, of all.
        public var done: Int
        public var total: Int
        /// Open past their day at the window's end.
        public var overdue: Int
    }

    public struct TaskLine: Codable, Equatable, Sendable {
        /// Tasks (from plans, dialogues, directives) due within the window.
        public var due = 0
        public var doneOnTime = 0
        public var doneLate = 0
        /// Due within the window and still open at its end.
        public var open = 0
    }

    public struct ComplianceLine: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
        /// Units of the subtree that answered done by the window's end, of those asked.
        public var done: Int
        public var total: Int
    }

    public struct DossierLine: Codable, Equatable, Sendable {
        public var received = 0
        public var finished = 0
        public var finishedLate = 0
        /// Open at the window's end and past their due date.
        public var openOverdue = 0
    }

    public struct FieldLine: Codable, Equatable, Sendable {
        public var field: String
        public var received: Int
        public var finished: Int
        public var late: Int
        public var openOverdue: Int
        /// Late and open overdue over finished and open overdue, in %; nil when there is neither.
        public var lateRate: Double?
    }

    public struct IndexLine: Codable, Equatable, Sendable {
        public var setVersion: Int
        public var total: Double
        public var measuredMaximum: Double
        public var maximum: Double
        public var indicators: [IndicatorFigure]
    }

    public struct IndicatorFigure: Codable, Equatable, Sendable {
        public var code: String
        public var name: String
        /// In %; nil without data.
        public var ratio: Double?
        public var score: Double?
        public var maximum: Double
    }

    public struct FeedbackLine: Codable, Equatable, Sendable {
        public var received = 0
        public var finished = 0
        public var finishedOnTime = 0
        public var openOverdue = 0
    }

    public struct DialogueLine: Codable, Equatable, Sendable {
        public var sessions = 0
        public var questions = 0
    }

    public struct SurveyLine: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
        public var respondents: Int
        public var index: Double?
    }

    public struct ParLine: Codable, Equatable, Sendable {
        public var code: String
        public var year: Int
        public var state: String
        /// Assessments of the subtree's units sent to Home Affairs (or further along), of all.
        public var submitted: Int
        public var total: Int
    }

    /// For a report the units under the reporting unit send in too: each unit's report for the period.
    public struct SubmissionLine: Codable, Equatable, Sendable {
        public var unitCode: String
        public var unitName: String
        public var reportCode: String?
        public var submittedOn: String?
        public var onTime: Bool
    }

    public var plans: [PlanLine] = []
    public var tasks = TaskLine()
    public var compliance: [ComplianceLine] = []
    public var dossiers = DossierLine()
    public var fields: [FieldLine] = []
    public var index: IndexLine?
    public var feedback = FeedbackLine()
    public var dialogues = DialogueLine()
    public var surveys: [SurveyLine] = []
    public var par: [ParLine] = []
    public var submissions: [SubmissionLine] = []

    public init() {}
}
