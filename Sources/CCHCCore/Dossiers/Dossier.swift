import Foundation
import WorkCalendar

/// The national status codes of a dossier (DOMAIN.md §3.1), used when syncing with the national portal.
public enum DossierStatus: Int, CaseIterable, Codable, Sendable {
    case submitted = 1
    case accepted = 2
    case refused = 3
    case processing = 4
    case supplementRequested = 5
    case paymentRequested = 6
    case withdrawn = 7
    case stopped = 8
    case resultReady = 9
    case returned = 10

    /// Vietnamese name, as the national portal shows it.
    public var name: String {
        switch self {
        case .submitted: "Mới đăng ký"
        case .accepted: "Được tiếp nhận"
        case .refused: "Không được tiếp nhận"
        case .processing: "Đang xử lý"
        case .supplementRequested: "Yêu cầu bổ sung giấy tờ"
        case .paymentRequested: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .withdrawn: "Công dân yêu cầu rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .resultReady: "Đã xử lý xong"
        case .returned: "Đã trả kết quả"
        }
    }

    public var messageKey: String { "dossier.status.\(rawValue)" }

    /// The clock runs: accepted and not waiting for the applicant.
    public var clockRuns: Bool { self == .accepted || self == .processing }

    /// Reports group these as "tạm dừng" (paused).
    public var isPaused: Bool { self == .supplementRequested || self == .paymentRequested || self == .stopped }

    /// No action but a correction will follow.
    public var isFinal: Bool { [.refused, .withdrawn, .stopped, .returned].contains(self) }

    /// Still being worked on or waited for.
    public var isOpen: Bool { [.submitted, .accepted, .processing, .supplementRequested, .paymentRequested].contains(self) }
}

public enum IntakeChannel: String, Codable, CaseIterable, Sendable {
    /// Tại Bộ phận Một cửa.
    case counter
    /// Bưu chính công ích.
    case postal
    /// Trực tuyến.
    case online

    public var messageKey: String { "dossier.channel.\(rawValue)" }
}

/// The person or organisation filing (người nộp hồ sơ).
public struct Applicant: Codable, Equatable, Sendable {
    public var fullName: String
    /// Căn cước công dân, 12 digits.
    public var idNumber: String
    public var phone: String
    public var email: String
    public var address: String

    public init(fullName: String, idNumber: String, phone: String, email: String = "", address: String = "") {
        self.fullName = fullName
        self.idNumber = idNumber
        self.phone = phone
        self.email = email
        self.address = address
    }

    /// "Nguyễn Văn An" → "N*** V*** A***": enough for the applicant to recognise, nothing for anyone else.
    public var maskedName: String { Self.mask(fullName) }

    public static func mask(_ fullName: String) -> String {
        // Initials only, each followed by the same mask, so the mask does not give away the word's length.
        fullName.split(separator: " ").map { "\($0.prefix(1))***" }.joined(separator: " ")
    }
}

/// A paper handed in or uploaded for one component of the procedure.
public struct SubmittedComponent: Codable, Equatable, Sendable {
    /// Position in the procedure's list of components.
    public var index: Int
    public var name: String
    public var originals: Int
    public var certifiedCopies: Int
    public var photocopies: Int
    /// Uploaded files (online filing, supplements).
    public var fileIDs: [UUID]

    public init(index: Int, name: String, originals: Int = 0, certifiedCopies: Int = 0, photocopies: Int = 0, fileIDs: [UUID] = []) {
        self.index = index
        self.name = name
        self.originals = originals
        self.certifiedCopies = certifiedCopies
        self.photocopies = photocopies
        self.fileIDs = fileIDs
    }

    public var isProvided: Bool { originals + certifiedCopies + photocopies > 0 || !fileIDs.isEmpty }
}

/// A time the clock does not run: waiting for a supplement or for a payment.
public struct Pause: Codable, Equatable, Sendable {
    public enum Reason: String, Codable, Sendable {
        case supplement, payment
    }

    public var start: Date
    public var end: Date?
    public var reason: Reason
}

/// One hand-over of the dossier to a step (a row of form 05).
public struct StepVisit: Codable, Equatable, Sendable {
    public var step: Int
    public var unitID: UUID
    public var startedAt: Date
    public var endedAt: Date?
    /// When it ended: early, on time or late against the step's deadline, and by how much working time.
    public var timeliness: Timeliness?
    public var workingSeconds: Int?
    public var note: String?
}

public struct SupplementRequest: Codable, Equatable, Sendable {
    public var items: [String]
    public var reason: String
    public var requestedAt: Date
    public var requestedBy: String
    public var receivedAt: Date?
}

public struct PaymentRequest: Codable, Equatable, Sendable {
    public var amount: Int
    public var description: String
    public var requestedAt: Date
    public var paidAt: Date?
    public var reference: String?
}

public struct ResultDelivery: Codable, Equatable, Sendable {
    public enum Method: String, Codable, CaseIterable, Sendable {
        case counter, postal, online
    }

    public var readyAt: Date
    public var returnedAt: Date?
    /// Who received it (the applicant, or someone authorised).
    public var returnedTo: String?
    public var method: Method?
}

/// Phiếu xin lỗi và hẹn lại ngày trả kết quả: once per dossier, signed by the head of the late unit.
public struct Apology: Codable, Equatable, Sendable {
    public var reason: String
    public var newDueAt: Date
    public var unitID: UUID
    public var signedBy: String
    public var signedByUsername: String
    public var signedAt: Date
}

/// What the overdue job prepares for the head of the late unit to review and sign.
public struct ApologyDraft: Codable, Equatable, Sendable {
    public var unitID: UUID
    public var reason: String
    public var proposedDueAt: Date
    public var draftedAt: Date
}

/// The unit and step that held the dossier when its time ran out.
public struct LateAttribution: Codable, Equatable, Sendable {
    public var unitID: UUID
    public var step: Int
    public var dueAt: Date
}

/// Reasons given when the dossier was refused, stopped or withdrawn.
public struct Closure: Codable, Equatable, Sendable {
    public var reason: String
    public var at: Date
    public var by: String
}

/// A dossier (hồ sơ) and everything about its present state. Its history is in its events.
///
/// Stored whole as a JSON document (synthesized Codable) that carries `schemaVersion`: a document of
/// another version is converted by a numbered migration before this build reads it.
public struct Dossier: Identifiable, Equatable, Codable, Sendable {
    /// The shape of the stored document. 2: `schemaVersion` and `settingsVersion` added (migration 0011).
    public static let documentSchemaVersion = 2

    public var schemaVersion: Int
    public var id: UUID
    /// `{receiving unit code}-{YYMMDD}-{sequence}`.
    public var code: String
    public var procedureID: UUID
    public var procedureCode: String
    public var procedureName: String
    public var field: String
    public var channel: IntakeChannel
    public var applicant: Applicant
    /// The citizen account that filed it online, if any.
    public var citizenUserID: UUID?
    /// Where it was handed in (a reception point), when not the receiving unit itself.
    public var receivingPointID: UUID?
    public var receivingUnitID: UUID
    public var competentUnitID: UUID
    public var status: DossierStatus
    /// The status a supplement or payment wait will return to.
    public var resumeStatus: DossierStatus?
    public var components: [SubmittedComponent]
    public var submittedAt: Date
    public var acceptedAt: Date?
    /// When counting started (acceptance; the supplement's arrival when the procedure restarts the clock).
    public var clockStartedAt: Date?
    public var pauses: [Pause]
    /// The province settings version the deadlines are counted under: the one in force when the clock started.
    public var settingsVersion: Int?
    public var dueAt: Date?
    /// The deadline before an apology moved it.
    public var originalDueAt: Date?
    /// The deadline of each procedure step, from the same clock.
    public var stepDueAt: [Date]
    public var currentStep: Int?
    public var visits: [StepVisit]
    public var supplementRequests: [SupplementRequest]
    public var payment: PaymentRequest?
    public var result: ResultDelivery?
    public var closure: Closure?
    public var apology: Apology?
    public var apologyDraft: ApologyDraft?
    public var lateAttribution: LateAttribution?
    /// How the dossier as a whole compares with its deadline, once finished.
    public var timeliness: Timeliness?
    public var nearingDue: Bool
    public var overdue: Bool
    public var rating: Rating?
    /// What the service index asks beyond the desk's work (nil until first recorded).
    public var serviceData: DossierServiceData?
    /// The codes of the feedback items sent about this dossier (a complaint: indicator 5.4 counts it).
    public var complaints: [String]?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(), code: String, procedure: Procedure, channel: IntakeChannel, applicant: Applicant, citizenUserID: UUID?,
        receivingPointID: UUID?, receivingUnitID: UUID, competentUnitID: UUID, status: DossierStatus, components: [SubmittedComponent],
        submittedAt: Date
    ) {
        schemaVersion = Self.documentSchemaVersion
        self.id = id
        self.code = code
        procedureID = procedure.id
        procedureCode = procedure.code
        procedureName = procedure.name
        field = procedure.field
        self.channel = channel
        self.applicant = applicant
        self.citizenUserID = citizenUserID
        self.receivingPointID = receivingPointID
        self.receivingUnitID = receivingUnitID
        self.competentUnitID = competentUnitID
        self.status = status
        self.components = components
        self.submittedAt = submittedAt
        pauses = []
        stepDueAt = []
        visits = []
        supplementRequests = []
        nearingDue = false
        overdue = false
        version = 1
        createdAt = submittedAt
        updatedAt = submittedAt
    }

    /// The unit that holds the dossier now: the desk until it is forwarded, then the current step's unit,
    /// and the desk again once the result is ready.
    public var currentUnitID: UUID {
        if status == .resultReady || status == .returned { return receivingUnitID }
        if let current = visits.last, current.endedAt == nil { return current.unitID }
        return receivingUnitID
    }

    /// The visit in progress.
    public var openVisit: StepVisit? {
        visits.last.flatMap { $0.endedAt == nil ? $0 : nil }
    }

    public var searchText: String {
        SearchText.fold("\(code) \(applicant.fullName) \(procedureCode) \(procedureName)")
    }

    /// Every unit the dossier has been with: where it was handed in, the desk that received it, the unit
    /// that decides it, each unit that held a step, and the one holding it now. Staff of these units (and of
    /// the units above them) may open it, and find it in their lists: both read this one set.
    public var involvedUnitIDs: Set<UUID> {
        var units: Set<UUID> = [receivingUnitID, competentUnitID, currentUnitID]
        if let point = receivingPointID { units.insert(point) }
        for visit in visits { units.insert(visit.unitID) }
        return units
    }
}
