import Foundation
import WorkCalendar

/// A year of dialogues: the sessions, and for each unit that must hold them the count per quarter against
/// the province's requirement (`ProvinceSettings.dialoguesPerQuarter`, the version in force at the
/// quarter's end).
public struct DialogueYear: Sendable {
    public enum Standing: String, Sendable {
        /// Held at least the requirement.
        case met
        /// The quarter ended with fewer.
        case short
        /// The quarter has not ended and fewer are held so far.
        case pending
    }

    public struct Row: Sendable {
        public var unit: OrgUnit
        public var held: [Int]
        public var standing: [Standing]
    }

    public var year: Int
    public var sessions: [DialogueSession]
    /// Per quarter, 1 to 4 at indices 0 to 3.
    public var required: [Int]
    public var rows: [Row]

    /// Units whose head is expected to hold dialogues: departments and local governments, not the service
    /// centres, reception points or vertical agencies (the guess DOMAIN.md leaves open; docs/doi-thoai.md).
    public static func holdsDialogues(_ kind: UnitKind) -> Bool {
        switch kind {
        case .department, .district, .commune, .ward, .specialZone: true
        case .province, .serviceCenter, .receptionPoint, .verticalAgency: false
        }
    }

    init(year: Int, sessions: [DialogueSession], units: [OrgUnit], required: [Int], today: LocalDate) {
        self.year = year
        self.sessions = sessions
        self.required = required
        var counts: [UUID: [Int]] = [:]
        for session in sessions where session.heldOn.year == year {
            counts[session.unitID, default: [0, 0, 0, 0]][session.quarter.number - 1] += 1
        }
        rows = units.map { unit in
            let held = counts[unit.id] ?? [0, 0, 0, 0]
            let standing = (0..<4).map { index -> Standing in
                if held[index] >= required[index] { return .met }
                return Quarter(year: year, number: index + 1).lastDay < today ? .short : .pending
            }
            return Row(unit: unit, held: held, standing: standing)
        }
    }

    /// Units that ended a quarter short of the requirement.
    public var unitsShort: Int { rows.filter { $0.standing.contains(.short) }.count }
}
