import CCHCCore
import Foundation
import WorkCalendar

/// Every version of every procedure, indexed for the reads that happen on every dossier request: by id
/// (the version a dossier was received under) and by code (whose versions `inForce(on:)` picks from).
struct ProcedureCatalogue: Sendable {
    private let byID: [UUID: Procedure]
    /// Oldest version first.
    private let versionsByCode: [String: [Procedure]]
    /// Every code, sorted.
    let codes: [String]

    init(_ procedures: [Procedure]) {
        byID = Dictionary(procedures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        versionsByCode = Dictionary(grouping: procedures, by: \.code).mapValues { $0.sorted { $0.version < $1.version } }
        codes = versionsByCode.keys.sorted()
    }

    func procedure(id: UUID) -> Procedure? { byID[id] }

    /// Oldest first.
    func versions(code: String) -> [Procedure] { versionsByCode[code] ?? [] }
}
