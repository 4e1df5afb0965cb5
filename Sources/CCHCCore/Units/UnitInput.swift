import WorkCalendar

/// What a user supplies to create a unit; codes refer to other units.
public struct UnitDraft: Equatable, Sendable {
    public var code: String
    public var name: String
    public var shortName: String
    public var kind: UnitKind
    public var parentCode: String?
    public var effectiveFrom: LocalDate

    public init(code: String, name: String, shortName: String, kind: UnitKind, parentCode: String?, effectiveFrom: LocalDate) {
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentCode = parentCode
        self.effectiveFrom = effectiveFrom
    }
}

/// An edit of an existing unit; nil leaves a field as it is. The code never changes; closing is its own
/// operation (`UnitTree.closing`).
public struct UnitChanges: Equatable, Sendable {
    public var name: String?
    public var shortName: String?
    public var kind: UnitKind?
    /// `.some(nil)` makes the unit a root.
    public var parentCode: String??
    public var effectiveFrom: LocalDate?

    public init(
        name: String? = nil, shortName: String? = nil, kind: UnitKind? = nil, parentCode: String?? = nil,
        effectiveFrom: LocalDate? = nil
    ) {
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentCode = parentCode
        self.effectiveFrom = effectiveFrom
    }
}

/// One row of a unit import (CSV): the whole desired state of the unit with that code.
public struct UnitImportRow: Equatable, Sendable {
    /// Line in the file, for error messages.
    public var line: Int
    public var code: String
    public var name: String
    public var shortName: String
    public var kind: UnitKind
    public var parentCode: String?
    public var effectiveFrom: LocalDate
    public var effectiveTo: LocalDate?
    public var successorCode: String?

    public init(
        line: Int, code: String, name: String, shortName: String, kind: UnitKind, parentCode: String?,
        effectiveFrom: LocalDate, effectiveTo: LocalDate? = nil, successorCode: String? = nil
    ) {
        self.line = line
        self.code = code
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentCode = parentCode
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.successorCode = successorCode
    }
}

/// The result of planning an import: what to write, or what is wrong, line by line.
public struct UnitImportPlan: Sendable {
    public var created: [OrgUnit]
    public var updated: [OrgUnit]
    public var unchanged: Int
    public var errors: [UnitImportError]
}

public struct UnitImportError: Error, Equatable, Sendable {
    public var line: Int
    public var error: FieldError
}
