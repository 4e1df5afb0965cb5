import Foundation
import WorkCalendar

/// An administrative procedure (thủ tục hành chính) in one of its versions. A new version takes effect on
/// a day and closes the previous one; a dossier keeps the version it was received under.
public struct Procedure: Identifiable, Equatable, Versioned, Sendable {
    public var id: UUID
    /// National code from the national database of procedures, e.g. `1.001612`.
    public var code: String
    public var version: Int
    public var name: String
    /// Lĩnh vực: đất đai, xây dựng, hộ kinh doanh, hộ tịch...
    public var field: String
    /// Cơ quan có thẩm quyền giải quyết; nil for a procedure of local government (most commune-level
    /// ones: hộ tịch, chứng thực), decided by the commune, ward or special zone whose desk received it.
    public var competentUnitID: UUID?
    /// Units whose desks may receive it (any of them, regardless of administrative boundary).
    public var receivingUnitIDs: [UUID]
    public var processingTime: ProcessingTime
    /// Seconds after midnight; received at or after it, counting starts the next working day.
    public var cutoff: Int?
    public var supplementRule: SupplementRule
    /// Fee in đồng; 0 when free.
    public var fee: Int
    /// How the fee is set out ("50.000 đồng/giấy chứng nhận"), shown to citizens.
    public var feeNote: String
    public var components: [ProcedureComponent]
    /// In order; their allowances add up to the processing time.
    public var steps: [ProcedureStep]
    public var onlineLevel: OnlineLevel
    /// Its publication and what the published record states (QĐ công bố, posting, applicants, online payment).
    public var publication: ProcedurePublication
    public var effectiveFrom: LocalDate
    /// First day this version no longer applies; nil for the version in force.
    public var effectiveTo: LocalDate?
    /// Who set this version, and why (the decision that published it, or what changed).
    public var setBy: String
    public var changeReason: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(), code: String, version: Int = 1, name: String, field: String, competentUnitID: UUID?,
        receivingUnitIDs: [UUID], processingTime: ProcessingTime, cutoff: Int? = nil, supplementRule: SupplementRule = .pause,
        fee: Int = 0, feeNote: String = "", components: [ProcedureComponent], steps: [ProcedureStep],
        onlineLevel: OnlineLevel = .none, publication: ProcedurePublication = ProcedurePublication(), effectiveFrom: LocalDate, effectiveTo: LocalDate? = nil,
        setBy: String = "", changeReason: String = "",
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.code = code
        self.version = version
        self.name = name
        self.field = field
        self.competentUnitID = competentUnitID
        self.receivingUnitIDs = receivingUnitIDs
        self.processingTime = processingTime
        self.cutoff = cutoff
        self.supplementRule = supplementRule
        self.fee = fee
        self.feeNote = feeNote
        self.components = components
        self.steps = steps
        self.onlineLevel = onlineLevel
        self.publication = publication
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.setBy = setBy
        self.changeReason = changeReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The unit in which step allowances are counted: working hours for working-time procedures
    /// (half a working day is 4), days for calendar-day ones.
    public var allowanceUnit: AllowanceUnit {
        if case .calendarDays = processingTime { return .calendarDays }
        return .workingHours
    }

    /// The processing time in the allowance unit (10 working days = 80 working hours).
    public func total(hoursPerWorkingDay: Int = 8) -> Int {
        switch processingTime {
        case .workingDays(let days): days * hoursPerWorkingDay
        case .workingHours(let hours): hours
        case .calendarDays(let days): days
        }
    }

    /// The processing time from receipt to the end of `step` (its allowance and those before it).
    public func cumulativeAllowance(through step: Int) -> ProcessingTime {
        let sum = steps.prefix(step + 1).reduce(0) { $0 + $1.allowance }
        return allowanceUnit == .calendarDays ? .calendarDays(sum) : .workingHours(sum)
    }

    public var searchText: String {
        SearchText.fold("\(code) \(name) \(field)")
    }

    /// The deadline policy for this procedure: the province's, with the procedure's cut-off.
    public func deadlinePolicy(base: DeadlinePolicy) -> DeadlinePolicy {
        var policy = base
        policy.cutoff = cutoff
        return policy
    }
}

public enum AllowanceUnit: String, Sendable, Codable {
    case workingHours = "working_hours"
    case calendarDays = "calendar_days"
}

/// What a supplement request does to the clock. Whether the law pauses or restarts it is not settled
/// (DOMAIN.md §3.2): each procedure says.
public enum SupplementRule: String, Codable, CaseIterable, Sendable {
    /// The deadline moves by the working time spent waiting.
    case pause
    /// Counting starts again from zero when the supplement arrives.
    case restart
}

/// Dịch vụ công trực tuyến: toàn trình (fully online), một phần (partly), or none.
public enum OnlineLevel: String, Codable, CaseIterable, Sendable {
    case full
    case partial
    case none

    public var messageKey: String { "procedure.online.\(rawValue)" }
    public var acceptsOnlineFiling: Bool { self != .none }
}

/// One paper of the dossier (thành phần hồ sơ) and how many of each form to bring.
public struct ProcedureComponent: Codable, Equatable, Sendable {
    public var name: String
    public var originals: Int
    public var certifiedCopies: Int
    public var photocopies: Int
    /// A photocopy may be handed in with the original shown for comparison.
    public var mayPresentOriginal: Bool
    public var required: Bool

    public init(name: String, originals: Int = 0, certifiedCopies: Int = 0, photocopies: Int = 0, mayPresentOriginal: Bool = false, required: Bool = true) {
        self.name = name
        self.originals = originals
        self.certifiedCopies = certifiedCopies
        self.photocopies = photocopies
        self.mayPresentOriginal = mayPresentOriginal
        self.required = required
    }
}

/// One step of processing, held by a unit and done by a role within it.
public struct ProcedureStep: Codable, Equatable, Sendable {
    public enum Holder: Codable, Equatable, Sendable {
        /// The unit whose desk received the dossier.
        case receivingUnit
        /// The competent unit of the procedure.
        case competentUnit
        /// A named unit (the tax office for financial obligations...).
        case unit(UUID)
    }

    public var name: String
    public var holder: Holder
    public var role: Role
    /// In the procedure's allowance unit.
    public var allowance: Int

    public init(name: String, holder: Holder, role: Role, allowance: Int) {
        self.name = name
        self.holder = holder
        self.role = role
        self.allowance = allowance
    }
}
