import Foundation

/// What a message tells its reader. Citizens hear about their dossier and feedback; officers about the
/// deadlines they hold. Each kind names the placeholders its templates may use, and nothing beyond what the
/// message needs (a dossier's code and procedure, never the applicant's name or number).
public enum NotificationKind: String, CaseIterable, Codable, Sendable {
    case receipt
    case supplementRequested = "supplement_requested"
    case paymentRequested = "payment_requested"
    case apology
    case resultReady = "result_ready"
    case feedbackAnswered = "feedback_answered"
    case surveyInvitation = "survey_invitation"
    case dossierNearingDue = "dossier_nearing_due"
    case dossierOverdue = "dossier_overdue"
    case taskDue = "task_due"
    case taskOverdue = "task_overdue"
    case reportDue = "report_due"

    public var placeholders: Set<String> {
        switch self {
        case .receipt: ["code", "procedure", "dueDate", "link"]
        case .supplementRequested: ["code", "procedure", "link"]
        case .paymentRequested: ["code", "procedure", "amount", "link"]
        case .apology: ["code", "procedure", "newDate", "link"]
        case .resultReady: ["code", "procedure", "link"]
        case .feedbackAnswered: ["code", "link"]
        case .surveyInvitation: ["survey", "token", "link"]
        case .dossierNearingDue, .dossierOverdue: ["code", "procedure", "dueDate", "link"]
        case .taskDue, .taskOverdue: ["task", "dueDate", "link"]
        case .reportDue: ["report", "dueDate", "link"]
        }
    }

    /// Whether the reader is a citizen (the applicant or sender) rather than an officer.
    public var isForCitizens: Bool {
        switch self {
        case .receipt, .supplementRequested, .paymentRequested, .apology, .resultReady, .feedbackAnswered, .surveyInvitation: true
        case .dossierNearingDue, .dossierOverdue, .taskDue, .taskOverdue, .reportDue: false
        }
    }

    public var messageKey: String { "notification.kind.\(rawValue)" }
}

/// How a message travels: e-mail over SMTP, or a text handed to the province's SMS or Zalo gateway
/// through its webhook.
public enum NotificationChannel: String, CaseIterable, Codable, Sendable {
    case email
    case sms

    public var messageKey: String { "notification.channel.\(rawValue)" }
}
