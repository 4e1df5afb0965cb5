import Foundation
import WorkCalendar

/// How one version of a procedure was published (công bố) and made public (công khai), and what its
/// published record states beyond the catalogue: the publication decision (QĐ công bố), the day the legal
/// basis takes effect, the day it went on the national database of procedures, who it is for, and whether
/// its fee can be paid online. Recorded on the version in place (the posting day comes after the decision
/// that made the version), each change bumping `revision` so that two editors cannot overwrite each other.
/// Indicators 1.1–1.3, 3.4 and 4.5a read it.
public struct ProcedurePublication: Codable, Equatable, Sendable {
    /// "1234/QĐ-UBND"; empty when not recorded.
    public var decisionNumber: String
    public var decisionDate: LocalDate?
    /// Ngày văn bản quy định thủ tục có hiệu lực: the decision is due 5 working days before it (province level).
    public var legalBasisEffectiveFrom: LocalDate?
    /// Ngày công khai trên Cơ sở dữ liệu quốc gia về TTHC.
    public var postedOn: LocalDate?
    /// Đối tượng thực hiện; empty when not stated (one of the seven required parts is then missing).
    public var applicants: [ApplicantKind]
    /// Nghĩa vụ tài chính tích hợp thanh toán trực tuyến: the fee can be paid online.
    public var onlinePayment: Bool
    /// Bumped by each change; a change must name the revision it was made from.
    public var revision: Int

    public init(
        decisionNumber: String = "", decisionDate: LocalDate? = nil, legalBasisEffectiveFrom: LocalDate? = nil, postedOn: LocalDate? = nil,
        applicants: [ApplicantKind] = [], onlinePayment: Bool = false, revision: Int = 0
    ) {
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.legalBasisEffectiveFrom = legalBasisEffectiveFrom
        self.postedOn = postedOn
        self.applicants = applicants
        self.onlinePayment = onlinePayment
        self.revision = revision
    }

    /// Absent keys read as not recorded: versions stored before publication was recorded hold `{}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            decisionNumber: try container.decodeIfPresent(String.self, forKey: .decisionNumber) ?? "",
            decisionDate: try container.decodeIfPresent(LocalDate.self, forKey: .decisionDate),
            legalBasisEffectiveFrom: try container.decodeIfPresent(LocalDate.self, forKey: .legalBasisEffectiveFrom),
            postedOn: try container.decodeIfPresent(LocalDate.self, forKey: .postedOn),
            applicants: try container.decodeIfPresent([ApplicantKind].self, forKey: .applicants) ?? [],
            onlinePayment: try container.decodeIfPresent(Bool.self, forKey: .onlinePayment) ?? false,
            revision: try container.decodeIfPresent(Int.self, forKey: .revision) ?? 0)
    }

    public static let maximumDecisionNumberLength = 100

    /// What a new version starts with: who the procedure is for and whether its fee is paid online stay;
    /// the decision and the posting are the new version's own.
    public var carriedToNextVersion: ProcedurePublication {
        ProcedurePublication(applicants: applicants, onlinePayment: onlinePayment)
    }

    /// Every bad value, named by field: a posting before the decision, an over-long number.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if decisionNumber.count > Self.maximumDecisionNumberLength {
            errors.append(FieldError("decisionNumber", "error.too_long", ["max": String(Self.maximumDecisionNumberLength)]))
        }
        let hasNumber = !decisionNumber.trimmingCharacters(in: .whitespaces).isEmpty
        if decisionDate == nil, hasNumber || postedOn != nil {
            errors.append(FieldError("decisionDate", "procedure.publication.decision_required"))
        }
        if let posted = postedOn, let decided = decisionDate, posted < decided {
            errors.append(FieldError("postedOn", "procedure.publication.posted_before_decision"))
        }
        return errors
    }
}

/// Who may carry out a procedure (đối tượng thực hiện).
public enum ApplicantKind: String, Codable, CaseIterable, Sendable {
    case citizens
    case organisations

    public var messageKey: String { "procedure.applicants.\(rawValue)" }
}

/// The seven parts a published procedure must state in full (indicator 1.3).
public enum ProcedurePart: String, CaseIterable, Sendable {
    case name, steps, channel, components, timeLimit = "time_limit", applicants, agency

    public var messageKey: String { "procedure.part.\(rawValue)" }
}

extension Procedure {
    /// The required parts this version does not state. Name, steps, components and time limit are checked
    /// when a version is built, the channel is its desks or the portal, and the agency is its competent
    /// unit or the local government; the applicants come from the publication record.
    public var missingParts: [ProcedurePart] {
        ProcedurePart.allCases.filter { part in
            switch part {
            case .name: name.trimmingCharacters(in: .whitespaces).isEmpty
            case .steps: steps.isEmpty
            case .channel: receivingUnitIDs.isEmpty && onlineLevel == .none
            case .components: components.isEmpty
            case .timeLimit: total() <= 0
            case .applicants: publication.applicants.isEmpty
            case .agency: false
            }
        }
    }

    /// Serves citizens (4.5a's denominator); a procedure whose applicants are not stated is taken to.
    public var servesCitizens: Bool {
        publication.applicants.isEmpty || publication.applicants.contains(.citizens)
    }
}
