import Foundation

/// Everything that can be done to a dossier after it exists. Identifiers (`kind.rawValue`) are the API's.
public enum DossierAction: Equatable, Sendable {
    case accept
    case refuse(reason: String)
    /// Everything missing, in one list (form 02).
    case requestSupplement(items: [String], reason: String)
    case receiveSupplement(note: String)
    /// To the given step, or the procedure's next step when nil.
    case forward(toStep: Int?, note: String)
    case returnToStep(Int, reason: String)
    case requestPayment(amount: Int, description: String)
    case recordPayment(reference: String)
    case markResultReady(note: String)
    case returnResult(to: String, method: ResultDelivery.Method)
    case withdraw(reason: String)
    case stop(reason: String)
    case apologize(reason: String, newDueAt: Date)
    case rate(Rating)
    /// Set by the deadline job.
    case flagNearingDue
    case flagOverdue

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case accept
        case refuse
        case requestSupplement = "request_supplement"
        case receiveSupplement = "receive_supplement"
        case forward
        case returnToStep = "return_to_step"
        case requestPayment = "request_payment"
        case recordPayment = "record_payment"
        case markResultReady = "mark_result_ready"
        case returnResult = "return_result"
        case withdraw
        case stop
        case apologize
        case rate
        case flagNearingDue = "flag_nearing_due"
        case flagOverdue = "flag_overdue"

        public var messageKey: String { "dossier.action.\(rawValue)" }

        /// Actions the deadline job takes; no person may.
        public var isSystem: Bool { self == .flagNearingDue || self == .flagOverdue }
    }

    public var kind: Kind {
        switch self {
        case .accept: .accept
        case .refuse: .refuse
        case .requestSupplement: .requestSupplement
        case .receiveSupplement: .receiveSupplement
        case .forward: .forward
        case .returnToStep: .returnToStep
        case .requestPayment: .requestPayment
        case .recordPayment: .recordPayment
        case .markResultReady: .markResultReady
        case .returnResult: .returnResult
        case .withdraw: .withdraw
        case .stop: .stop
        case .apologize: .apologize
        case .rate: .rate
        case .flagNearingDue: .flagNearingDue
        case .flagOverdue: .flagOverdue
        }
    }
}

/// Who acts on a dossier.
public enum DossierActor: Equatable, Sendable {
    /// An official: desk officer, specialist, unit leader (or anyone with a staff role).
    case staff(User)
    /// A citizen logged in to their account.
    case citizen(User)
    /// Someone who proved to be the applicant with the dossier code and lookup PIN.
    case applicant
    /// The deadline job.
    case system

    public var username: String {
        switch self {
        case .staff(let user), .citizen(let user): user.username
        case .applicant: "applicant"
        case .system: "system"
        }
    }

    public var displayName: String {
        switch self {
        case .staff(let user), .citizen(let user): user.fullName
        case .applicant: "Người nộp hồ sơ"
        case .system: "Hệ thống"
        }
    }

    public var user: User? {
        switch self {
        case .staff(let user), .citizen(let user): user
        case .applicant, .system: nil
        }
    }

    public static func person(_ user: User) -> DossierActor {
        user.has(.citizen) ? .citizen(user) : .staff(user)
    }
}
