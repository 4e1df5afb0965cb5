import Foundation
import WorkCalendar

/// The whole tree of units at one moment, with the rules every unit must satisfy in it.
///
/// Operations (create, edit, close, import) build the tree as it would be afterwards and then check the
/// units they touched, so that a rule is written once whichever operation could break it.
public struct UnitTree: Sendable {
    public private(set) var unitsByID: [UUID: OrgUnit]
    private var idsByCode: [String: UUID]
    private var childIDs: [UUID: [UUID]]
    private var predecessorIDs: [UUID: [UUID]]

    public static let maximumNameLength = 255
    public static let maximumShortNameLength = 100

    public init(_ units: [OrgUnit]) {
        unitsByID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        idsByCode = [:]
        childIDs = [:]
        predecessorIDs = [:]
        rebuildIndexes()
    }

    private mutating func rebuildIndexes() {
        idsByCode = Dictionary(unitsByID.values.map { ($0.code, $0.id) }, uniquingKeysWith: { first, _ in first })
        childIDs = [:]
        predecessorIDs = [:]
        for unit in unitsByID.values {
            if let parent = unit.parentID { childIDs[parent, default: []].append(unit.id) }
            if let successor = unit.successorID { predecessorIDs[successor, default: []].append(unit.id) }
        }
    }

    // MARK: - Reading

    public var units: [OrgUnit] { unitsByID.values.sorted { $0.code < $1.code } }

    public func unit(id: UUID) -> OrgUnit? { unitsByID[id] }

    public func unit(code: String) -> OrgUnit? { idsByCode[code].flatMap { unitsByID[$0] } }

    public func children(of id: UUID) -> [OrgUnit] {
        (childIDs[id] ?? []).compactMap { unitsByID[$0] }.sorted { $0.code < $1.code }
    }

    public func parent(of unit: OrgUnit) -> OrgUnit? { unit.parentID.flatMap { unitsByID[$0] } }

    /// Parent, grandparent, ... up to the root.
    public func ancestors(of id: UUID) -> [OrgUnit] {
        var result: [OrgUnit] = []
        var current = unitsByID[id]?.parentID
        while let next = current, let unit = unitsByID[next], result.count <= unitsByID.count {
            result.append(unit)
            current = unit.parentID
        }
        return result
    }

    /// The unit and everything below it, closed units included.
    public func subtreeIDs(of root: UUID) -> Set<UUID> {
        var result: Set<UUID> = []
        var stack = [root]
        while let id = stack.popLast() {
            guard unitsByID[id] != nil, result.insert(id).inserted else { continue }
            stack.append(contentsOf: childIDs[id] ?? [])
        }
        return result
    }

    /// The government a unit belongs to: itself or the nearest unit above it that is a commune, ward,
    /// special zone, district or the province (the UBND that decides local procedures).
    public func localGovernment(of id: UUID) -> OrgUnit? {
        let governments: Set<UnitKind> = [.commune, .ward, .specialZone, .district, .province]
        return ([unitsByID[id]].compactMap { $0 } + ancestors(of: id)).first { governments.contains($0.kind) }
    }

    public func isInSubtree(_ id: UUID, of root: UUID) -> Bool {
        id == root || ancestors(of: id).contains { $0.id == root }
    }

    /// Units without a parent, by code.
    public var roots: [OrgUnit] { unitsByID.values.filter { $0.parentID == nil }.sorted { $0.code < $1.code } }

    /// The tree as nested nodes; with `asOf`, only the units in effect that day.
    public func nested(asOf date: LocalDate? = nil) -> [UnitNode] {
        func build(_ unit: OrgUnit) -> UnitNode {
            let children = self.children(of: unit.id).filter { date.map($0.isEffective(on:)) ?? true }
            return UnitNode(unit: unit, children: children.map(build))
        }
        return roots.filter { date.map($0.isEffective(on:)) ?? true }.map(build)
    }

    /// The unit that now does the work of `id`: follows successors until an open unit (or the end).
    public func currentSuccessor(of id: UUID) -> OrgUnit? {
        var current = unitsByID[id]
        var steps = 0
        while let unit = current, let next = unit.successorID, steps < unitsByID.count {
            current = unitsByID[next]
            steps += 1
        }
        return current
    }

    // MARK: - Rules

    /// Every rule `unit` breaks in this tree, as field errors on that unit.
    public func violations(of unit: OrgUnit) -> [FieldError] {
        var errors: [FieldError] = []
        if !UnitCode.isValid(unit.code) { errors.append(FieldError("code", "unit.code.invalid")) }
        errors += Self.textViolations(name: unit.name, shortName: unit.shortName)
        errors += parentViolations(of: unit)
        if let to = unit.effectiveTo, to <= unit.effectiveFrom {
            errors.append(FieldError("effectiveTo", "unit.period.invalid", ["from": unit.effectiveFrom.vietnameseFormat]))
        }
        let outliving = children(of: unit.id).filter { !Self.period(of: $0, liesWithin: unit) }
        if !outliving.isEmpty {
            errors.append(
                FieldError(
                    unit.isClosed ? "effectiveTo" : "effectiveFrom", "unit.children.outside_period",
                    ["units": outliving.map(\.code).joined(separator: ", ")]))
        }
        errors += successorViolations(of: unit)
        let orphaned = (predecessorIDs[unit.id] ?? []).filter { $0 != unit.id }.compactMap { unitsByID[$0] }
            .filter { predecessor in predecessor.effectiveTo.map { !unit.isEffective(on: $0) } ?? true }
        if !orphaned.isEmpty {
            errors.append(
                FieldError(
                    unit.isClosed ? "effectiveTo" : "effectiveFrom", "unit.predecessors.not_covered",
                    ["units": orphaned.map(\.code).sorted().joined(separator: ", ")]))
        }
        return errors
    }

    static func textViolations(name: String, shortName: String) -> [FieldError] {
        var errors: [FieldError] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError("name", "error.required"))
        } else if name.count > maximumNameLength {
            errors.append(FieldError("name", "error.too_long", ["max": String(maximumNameLength)]))
        }
        if shortName.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError("shortName", "error.required"))
        } else if shortName.count > maximumShortNameLength {
            errors.append(FieldError("shortName", "error.too_long", ["max": String(maximumShortNameLength)]))
        }
        return errors
    }

    private func parentViolations(of unit: OrgUnit) -> [FieldError] {
        guard let parentID = unit.parentID else {
            return unit.kind.allowedParentKinds.isEmpty ? [] : [FieldError("parentCode", "unit.parent.required")]
        }
        guard let parent = unitsByID[parentID] else { return [FieldError("parentCode", "unit.parent.not_found")] }
        if parentID == unit.id || ancestors(of: parentID).contains(where: { $0.id == unit.id }) {
            return [FieldError("parentCode", "unit.parent.cycle", ["parent": parent.code])]
        }
        var errors: [FieldError] = []
        if !unit.kind.allowedParentKinds.contains(parent.kind) {
            errors.append(FieldError("parentCode", "unit.parent.kind_not_allowed", ["parent": parent.code]))
        }
        if !Self.period(of: unit, liesWithin: parent) {
            errors.append(
                FieldError(
                    "effectiveFrom", "unit.period.outside_parent",
                    [
                        "parent": parent.code, "from": parent.effectiveFrom.vietnameseFormat,
                        "to": parent.effectiveTo?.vietnameseFormat ?? "—",
                    ]))
        }
        return errors
    }

    private func successorViolations(of unit: OrgUnit) -> [FieldError] {
        guard let successorID = unit.successorID else { return [] }
        guard let closedOn = unit.effectiveTo else { return [FieldError("successorCode", "unit.successor.requires_close")] }
        guard successorID != unit.id else { return [FieldError("successorCode", "unit.successor.self")] }
        guard let successor = unitsByID[successorID] else { return [FieldError("successorCode", "unit.successor.not_found")] }
        // A successor must be in effect on the day its predecessor closes. This also rules out cycles of
        // successors: each link moves strictly forward in time.
        guard successor.isEffective(on: closedOn) else {
            return [
                FieldError(
                    "successorCode", "unit.successor.not_effective",
                    ["successor": successor.code, "date": closedOn.vietnameseFormat])
            ]
        }
        return []
    }

    /// A child exists only while its parent does.
    static func period(of child: OrgUnit, liesWithin parent: OrgUnit) -> Bool {
        guard parent.effectiveFrom <= child.effectiveFrom else { return false }
        guard let parentEnd = parent.effectiveTo else { return true }
        guard let childEnd = child.effectiveTo else { return false }
        return childEnd <= parentEnd
    }

    // MARK: - Changing

    /// The tree with `changed` units put in (new ones added, existing ones replaced).
    public func replacing(_ changed: [OrgUnit]) -> UnitTree {
        var copy = self
        for unit in changed { copy.unitsByID[unit.id] = unit }
        copy.rebuildIndexes()
        return copy
    }

    /// Resolves a reference to another unit by code, as a field error when it does not exist.
    func resolve(_ code: String?, field: String, errors: inout [FieldError]) -> UUID? {
        guard let code, !code.isEmpty else { return nil }
        guard let unit = unit(code: UnitCode.normalize(code)) else {
            errors.append(FieldError(field, "unit.reference.not_found", ["code": code]))
            return nil
        }
        return unit.id
    }
}

/// A unit with the units below it, for showing the tree.
public struct UnitNode: Equatable, Sendable {
    public var unit: OrgUnit
    public var children: [UnitNode]

    /// How many units this node and its descendants hold.
    public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}
