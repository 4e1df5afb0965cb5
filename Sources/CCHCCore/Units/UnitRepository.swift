import Foundation
import WorkCalendar

/// Where units live. Writes check the tree rules (`UnitTree`) inside the same transaction as the write.
public protocol UnitRepository: Sendable {
    func tree() async throws -> UnitTree
    func find(code: String) async throws -> OrgUnit?
    func find(id: UUID) async throws -> OrgUnit?
    func search(_ query: UnitQuery) async throws -> ResultPage<OrgUnit>
    /// Units of each kind in effect on a day.
    func countsByKind(asOf date: LocalDate) async throws -> [UnitKind: Int]
    func create(_ draft: UnitDraft, now: Date) async throws -> OrgUnit
    func update(code: String, expectedVersion: Int, changes: UnitChanges, now: Date) async throws -> OrgUnit
    func close(code: String, expectedVersion: Int, on date: LocalDate, successorCode: String?, now: Date) async throws -> OrgUnit
    /// Writes the plan when it has no errors; returns it either way.
    func importUnits(_ rows: [UnitImportRow], now: Date) async throws -> UnitImportPlan
}

public struct UnitQuery: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case open, closed, all
    }

    /// Accent-insensitive words matched against code, name and short name.
    public var text: String?
    public var kind: UnitKind?
    public var status: Status
    /// The day `status` refers to.
    public var asOf: LocalDate
    public var cursor: String?
    public var limit: Int

    public init(text: String? = nil, kind: UnitKind? = nil, status: Status = .open, asOf: LocalDate, cursor: String? = nil, limit: Int = 50) {
        self.text = text
        self.kind = kind
        self.status = status
        self.asOf = asOf
        self.cursor = cursor
        self.limit = limit
    }
}
