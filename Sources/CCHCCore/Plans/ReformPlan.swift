import Foundation
import WorkCalendar

/// Kế hoạch CCHC: the province's or a unit's five-year or annual reform plan, the decision that issued it,
/// its targets and its key tasks (nhiệm vụ trọng tâm, `AssignedTask`s whose source is the plan), whose
/// progress is what the steering committee reads as "17/40 done".
public struct ReformPlan: Codable, Equatable, Identifiable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case fiveYear
        case annual

        public var messageKey: String { "plan.kind.\(rawValue)" }
    }

    public var id: UUID
    /// `KH-2021-001`: the first year and a number.
    public var code: String
    public var version: Int
    public var kind: Kind
    public var title: String
    /// The document that issued it: number (số hiệu), day, signer.
    public var number: String
    public var signedOn: LocalDate
    public var signer: String
    /// The issuing unit: the province, a department or a commune.
    public var unitID: UUID
    public var fromYear: Int
    public var toYear: Int
    public var targets: [String]
    /// The targets bound to a live figure.
    public var targetBindings: [PlanTargetBinding]?
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: UUID = UUID(), kind: Kind, title: String, number: String, signedOn: LocalDate, signer: String, unitID: UUID, fromYear: Int, toYear: Int,
        targets: [String], createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.code = ""
        self.version = 1
        self.kind = kind
        self.title = title
        self.number = number
        self.signedOn = signedOn
        self.signer = signer
        self.unitID = unitID
        self.fromYear = fromYear
        self.toYear = toYear
        self.targets = targets
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public var lastDay: LocalDate { LocalDate(year: toYear, month: 12, day: 31)! }
}

/// What a key task carries beyond a task.
public struct PlanTaskDetails: Codable, Equatable, Sendable {
    /// The field of reform by its number in the provincial PAR set (`ParService.reformFields`), nil when it spans several.
    public var field: Int?
    public var supportingUnitIDs: [UUID]
    public var expectedProduct: String
    /// 0–100, as the lead unit last reported.
    public var progress: Int
    public var progressNote: String?
    public var confirmedBy: String?
    public var confirmedAt: Date?
    /// Why Home Affairs sent a task reported done back.
    public var returnedReason: String?

    public init(field: Int?, supportingUnitIDs: [UUID], expectedProduct: String) {
        self.field = field
        self.supportingUnitIDs = supportingUnitIDs
        self.expectedProduct = expectedProduct
        self.progress = 0
    }
}

public protocol ReformPlanRepository: Sendable {
    /// Stores a new plan under the next number of its first year.
    func create(_ plan: ReformPlan) async throws -> ReformPlan
    func find(code: String) async throws -> ReformPlan?
    /// Newest first.
    func list() async throws -> [ReformPlan]
}
