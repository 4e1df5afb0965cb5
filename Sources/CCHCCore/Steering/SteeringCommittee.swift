import Foundation
import WorkCalendar

/// Ban Chỉ đạo CCHC as a decision set it up (quyết định thành lập, kiện toàn): its members and their roles.
/// The latest decision is the committee now; earlier ones stay as they were.
public struct SteeringCommittee: YearlyRecord {
    public static let codePrefix = "BCD"

    public enum Role: String, Codable, CaseIterable, Sendable {
        case head
        case deputy
        case member
        case secretary

        public var messageKey: String { "steering.role.\(rawValue)" }
    }

    public struct Member: Codable, Equatable, Sendable {
        public var name: String
        /// Chức vụ: the post they hold outside the committee.
        public var position: String
        public var role: Role
        public var unitID: UUID?

        public init(name: String, position: String, role: Role, unitID: UUID?) {
            self.name = name
            self.position = position
            self.role = role
            self.unitID = unitID
        }
    }

    public var id: UUID
    public var code: String
    public var version: Int
    public var year: Int
    public var decision: String
    public var signedOn: LocalDate
    public var members: [Member]
    public var recordedBy: String
    public var recordedAt: Date

    public init(decision: String, signedOn: LocalDate, members: [Member], recordedBy: String, recordedAt: Date) {
        self.id = UUID()
        self.code = ""
        self.version = 1
        self.year = signedOn.year
        self.decision = decision
        self.signedOn = signedOn
        self.members = members
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// A meeting of the committee: agenda, who attended, the minutes, and the conclusion notice (thông báo kết
/// luận) whose directives are put to units as tasks and followed to completion.
public struct SteeringMeeting: YearlyRecord {
    public static let codePrefix = "HOP"

    public struct Attendance: Codable, Equatable, Sendable {
        public var name: String
        public var role: SteeringCommittee.Role
        public var present: Bool
        /// Who came in their place.
        public var delegate: String?

        public init(name: String, role: SteeringCommittee.Role, present: Bool, delegate: String?) {
            self.name = name
            self.role = role
            self.present = present
            self.delegate = delegate
        }
    }

    /// One directive of the conclusion, to one or more units by a day; a task per unit.
    public struct Directive: Codable, Equatable, Sendable {
        public var text: String
        public var unitIDs: [UUID]
        public var dueOn: LocalDate
        public var taskCodes: [String]

        public init(text: String, unitIDs: [UUID], dueOn: LocalDate) {
            self.text = text
            self.unitIDs = unitIDs
            self.dueOn = dueOn
            self.taskCodes = []
        }
    }

    public var id: UUID
    public var code: String
    public var version: Int
    public var year: Int
    public var title: String
    public var heldOn: LocalDate
    public var place: String
    public var chair: String
    public var agenda: [String]
    public var attendance: [Attendance]
    public var minutes: String
    /// The conclusion notice's number and day, once issued (then the directives are tasks).
    public var noticeNumber: String?
    public var noticeOn: LocalDate?
    public var directives: [Directive]
    public var recordedBy: String
    public var recordedAt: Date
    public var updatedAt: Date

    public init(
        title: String, heldOn: LocalDate, place: String, chair: String, agenda: [String], attendance: [Attendance], minutes: String, recordedBy: String,
        recordedAt: Date
    ) {
        self.id = UUID()
        self.code = ""
        self.version = 1
        self.year = heldOn.year
        self.title = title
        self.heldOn = heldOn
        self.place = place
        self.chair = chair
        self.agenda = agenda
        self.attendance = attendance
        self.minutes = minutes
        self.directives = []
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.updatedAt = recordedAt
    }

    public var isConcluded: Bool { noticeNumber != nil }
}
