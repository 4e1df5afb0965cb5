import Foundation
import WorkCalendar

/// A government body in the province's tree: the province itself, a department, a commune, a service
/// centre... Units are never deleted: a closed unit keeps its code (older dossiers carry it) and may
/// name the unit that took over its work.
public struct OrgUnit: Identifiable, Equatable, Sendable {
    public var id: UUID
    /// Mã định danh điện tử, e.g. `000.00.00.H12`; it appears in dossier codes. Never changes.
    public var code: String
    public var name: String
    public var shortName: String
    public var kind: UnitKind
    public var parentID: UUID?
    /// First day the unit exists.
    public var effectiveFrom: LocalDate
    /// First day the unit no longer exists (it was closed, merged or abolished); nil while it is open.
    public var effectiveTo: LocalDate?
    /// The unit that took over, for a closed unit.
    public var successorID: UUID?
    /// Increases with every change; an edit made against an older version is a conflict.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(), code: String, name: String, shortName: String, kind: UnitKind, parentID: UUID?,
        effectiveFrom: LocalDate, effectiveTo: LocalDate? = nil, successorID: UUID? = nil, version: Int = 1,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentID = parentID
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.successorID = successorID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func isEffective(on date: LocalDate) -> Bool {
        effectiveFrom <= date && (effectiveTo.map { date < $0 } ?? true)
    }

    public var isClosed: Bool { effectiveTo != nil }
}

/// Mã định danh rules: the code goes into dossier codes, where `-` separates the parts, so only upper-case
/// letters, digits and dots are allowed. The national format is `000.00.00.H12` (QĐ 20/2020/QĐ-TTg);
/// vertical agencies and older systems use other shapes, so the shape itself is not enforced.
public enum UnitCode {
    public static let maximumLength = 32

    public static func normalize(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).uppercased()
    }

    public static func isValid(_ code: String) -> Bool {
        guard !code.isEmpty, code.count <= maximumLength, code.first != ".", code.last != "." else { return false }
        return code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." }
            && !code.contains("..")
    }
}
