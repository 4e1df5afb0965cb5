import Foundation
import WorkCalendar

/// Sáng kiến, mô hình CCHC: a unit's reform initiative or model, how far it has come (proposed, applied,
/// recognised), and the units that took it up (nhân rộng).
public struct Initiative: YearlyRecord {
    public static let codePrefix = "SK"

    public enum Kind: String, Codable, CaseIterable, Sendable {
        case initiative
        case model

        public var messageKey: String { "initiative.kind.\(rawValue)" }
    }

    public enum Status: String, Codable, CaseIterable, Sendable {
        case proposed
        case applied
        case recognised

        public var messageKey: String { "initiative.status.\(rawValue)" }
    }

    public var id: UUID
    public var code: String
    public var version: Int
    public var year: Int
    public var kind: Kind
    public var title: String
    public var summary: String
    public var unitID: UUID
    public var status: Status
    /// The decision recognising it, once recognised.
    public var recognition: String?
    public var replicatedTo: [UUID]
    public var createdBy: String
    public var createdAt: Date
    public var updatedBy: String
    public var updatedAt: Date

    public init(kind: Kind, title: String, summary: String, unitID: UUID, year: Int, createdBy: String, createdAt: Date) {
        self.id = UUID()
        self.code = ""
        self.version = 1
        self.year = year
        self.kind = kind
        self.title = title
        self.summary = summary
        self.unitID = unitID
        self.status = .proposed
        self.replicatedTo = []
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedBy = createdBy
        self.updatedAt = createdAt
    }
}
