import CCHCCore
import Foundation
import WorkCalendar

/// Every version of every procedure, indexed for the reads that happen on every dossier request: by id
/// (the version a dossier was received under) and by code and day (the version in force); and a code's
/// versions, which the procedure's page and API answer list.
struct ProcedureCatalogue: Sendable {
    private let byID: [UUID: Procedure]
    /// Newest version first.
    private let versionsByCode: [String: [Procedure]]

    init(_ procedures: [Procedure]) {
        byID = Dictionary(procedures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        versionsByCode = Dictionary(grouping: procedures, by: \.code).mapValues { $0.sorted { $0.version > $1.version } }
    }

    func procedure(id: UUID) -> Procedure? { byID[id] }

    /// Oldest first.
    func versions(code: String) -> [Procedure] { (versionsByCode[code] ?? []).reversed() }

    func current(code: String, on day: LocalDate) -> Procedure? {
        versionsByCode[code]?.first { $0.effectiveFrom <= day && ($0.effectiveTo.map { $0 > day } ?? true) }
    }
}
