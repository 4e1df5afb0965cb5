import Foundation

/// A record kept whole as one document and numbered within its year (`HOP-2026-001`): steering-committee
/// decisions and meetings, inspections, initiatives. One repository shape serves them all.
public protocol YearlyRecord: Codable, Equatable, Identifiable, Sendable where ID == UUID {
    /// The code's first part, and the record's kind in storage.
    static var codePrefix: String { get }
    var code: String { get set }
    var version: Int { get }
    var year: Int { get }
}

public protocol YearlyRecordRepository<Record>: Sendable {
    associatedtype Record: YearlyRecord
    /// Stores a new record under the next number of its year.
    func create(_ record: Record) async throws -> Record
    /// Writes the record if it is still at `expectedVersion` (a conflict otherwise).
    func update(_ record: Record, expectedVersion: Int) async throws
    func find(code: String) async throws -> Record?
    /// Of one year, or every year when nil; newest year first, then by code.
    func list(year: Int?) async throws -> [Record]
}
