import Foundation
import WorkCalendar

public protocol ProcedureRepository: Sendable {
    func find(id: UUID) async throws -> Procedure?
    /// The version of a procedure in force on a day.
    func current(code: String, on date: LocalDate) async throws -> Procedure?
    /// Every version, oldest first.
    func versions(code: String) async throws -> [Procedure]
    /// One version of each procedure matching the query, by code: the one in force on `inForceOn`, or the latest.
    func search(_ query: ProcedureQuery) async throws -> ResultPage<Procedure>
    /// The fields (lĩnh vực) in use, sorted.
    func fields() async throws -> [String]
    /// Adds version 1 of a new procedure; a conflict when the code exists.
    func create(_ procedure: Procedure) async throws -> Procedure
    /// Adds the next version of an existing procedure and closes the one before it on the new version's
    /// first day. A conflict when the latest version is no longer `expectedLatestVersion`.
    func addVersion(_ procedure: Procedure, expectedLatestVersion: Int) async throws -> Procedure
    func count() async throws -> Int
    /// Every version of every procedure (the catalogue the service index judges publication over).
    func all() async throws -> [Procedure]
    /// Replaces the publication record of one version; a conflict when its revision is no longer
    /// `expectedRevision`. The stored record gets the next revision.
    func recordPublication(_ publication: ProcedurePublication, procedureID: UUID, expectedRevision: Int, now: Date) async throws -> Procedure
}

public struct ProcedureQuery: Sendable {
    /// Accent-insensitive words matched against code, name and field.
    public var text: String?
    /// Exact field name.
    public var field: String?
    /// Only procedures with a version in force on this day (nil: every procedure, even withdrawn ones).
    public var inForceOn: LocalDate?
    /// Only procedures that can be filed online.
    public var onlineOnly: Bool
    public var cursor: String?
    public var limit: Int

    public init(text: String? = nil, field: String? = nil, inForceOn: LocalDate? = nil, onlineOnly: Bool = false, cursor: String? = nil, limit: Int = 50) {
        self.text = text
        self.field = field
        self.inForceOn = inForceOn
        self.onlineOnly = onlineOnly
        self.cursor = cursor
        self.limit = limit
    }
}
