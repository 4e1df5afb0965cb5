import Foundation
import WorkCalendar

/// A task put to a unit with a deadline (nhiệm vụ được giao): a question a dialogue could not settle on the
/// spot today; a plan's key task, a directive or an inspection's recommendation later. The unit reports it
/// done with a note; what it came from is named so the page can link back.
public struct AssignedTask: Codable, Equatable, Identifiable, Sendable {
    public var id: UUID
    /// `NV-yymmdd-nnnn`.
    public var code: String
    public var version: Int
    public var title: String
    public var detail: String
    public var unitID: UUID
    public var dueOn: LocalDate
    public var source: TaskSource
    public var state: TaskState
    public var doneOn: LocalDate?
    public var doneNote: String?
    public var doneBy: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    /// A plan's key task: its field, the units supporting the lead, what it must produce, its progress, and
    /// Home Affairs' confirmation of a task reported done.
    public var plan: PlanTaskDetails?
    /// When the deadline job marked it nearing its day, and past it (what reminders are sent from).
    public var nearingMarkedAt: Date?
    public var overdueMarkedAt: Date?

    public init(
        id: UUID = UUID(), title: String, detail: String, unitID: UUID, dueOn: LocalDate, source: TaskSource, createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.code = ""
        self.version = 1
        self.title = title
        self.detail = detail
        self.unitID = unitID
        self.dueOn = dueOn
        self.source = source
        self.state = .open
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// Open after its day (`today` in Vietnam).
    public func isOverdue(today: LocalDate) -> Bool { state == .open && today > dueOn }
    /// Open, and due today or on the next working day, as a feedback item's stage is nearing.
    public func isNearingDue(today: LocalDate, calendar: WorkingCalendar) -> Bool {
        state == .open && !isOverdue(today: today) && dueOn <= calendar.workingDay(1, from: today)
    }
    /// Done after its day.
    public var wasLate: Bool { doneOn.map { $0 > dueOn } ?? false }
    /// Done and, for a plan's task, confirmed by Home Affairs: what "17/40 done" counts.
    public var isCompleted: Bool { state == .done && (plan.map { $0.confirmedBy != nil } ?? true) }
}

public enum TaskState: String, Codable, CaseIterable, Sendable {
    case open
    case done

    public var messageKey: String { "task.state.\(rawValue)" }
}

/// Where a task came from: its kind and the code of the record that set it.
public struct TaskSource: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case dialogue
        case plan
        /// A directive of a steering-committee meeting's conclusion.
        case directive
        /// An inspection's recommendation.
        case inspection

        /// The path of the page of the record it came from.
        public var pathPrefix: String {
            switch self {
            case .dialogue: "/dialogues"
            case .plan: "/plans"
            case .directive: "/steering/meetings"
            case .inspection: "/inspections"
            }
        }
    }

    public var kind: Kind
    public var reference: String

    public init(_ kind: Kind, reference: String) {
        self.kind = kind
        self.reference = reference
    }
}

/// Which tasks a list holds.
public struct TaskQuery: Sendable {
    /// nil: every unit.
    public var units: Set<UUID>?
    public var state: TaskState?
    public var source: TaskSource?
    public var limit: Int

    public init(units: Set<UUID>? = nil, state: TaskState? = nil, source: TaskSource? = nil, limit: Int = 200) {
        self.units = units
        self.state = state
        self.source = source
        self.limit = limit
    }
}

public protocol TaskRepository: Sendable {
    /// Stores a new task under the next code of its day.
    func create(_ task: AssignedTask) async throws -> AssignedTask
    /// Writes the task if it is still at `expectedVersion` (a conflict otherwise).
    func update(_ task: AssignedTask, expectedVersion: Int) async throws
    func find(code: String) async throws -> AssignedTask?
    /// Open ones first by due day, then done ones, newest first.
    func list(_ query: TaskQuery) async throws -> [AssignedTask]
}
