import Foundation
import WorkCalendar

extension UnitTree {
    /// The unit a draft describes, checked against the tree; throws a validation error naming each bad field.
    public func creating(_ draft: UnitDraft, id: UUID = UUID(), now: Date) throws -> OrgUnit {
        var errors: [FieldError] = []
        let code = UnitCode.normalize(draft.code)
        if unit(code: code) != nil {
            throw DomainError(
                .conflict, "unit.code.taken", arguments: ["code": code],
                fields: [FieldError("code", "unit.code.taken", ["code": code])])
        }
        let parentID = resolve(draft.parentCode, field: "parentCode", errors: &errors)
        let unit = OrgUnit(
            id: id, code: code, name: draft.name.trimmingCharacters(in: .whitespaces),
            shortName: draft.shortName.trimmingCharacters(in: .whitespaces), kind: draft.kind, parentID: parentID,
            effectiveFrom: draft.effectiveFrom, createdAt: now, updatedAt: now)
        try Self.deduplicated(errors + replacing([unit]).violations(of: unit)).throwIfAny()
        return unit
    }

    /// The unit after an edit. The version check comes first: a stale edit is a conflict whatever it says.
    public func updating(code: String, expectedVersion: Int, changes: UnitChanges, now: Date) throws -> OrgUnit {
        var unit = try existing(code: code, expectedVersion: expectedVersion)
        var errors: [FieldError] = []
        if let name = changes.name { unit.name = name.trimmingCharacters(in: .whitespaces) }
        if let shortName = changes.shortName { unit.shortName = shortName.trimmingCharacters(in: .whitespaces) }
        if let kind = changes.kind { unit.kind = kind }
        if let parentCode = changes.parentCode { unit.parentID = resolve(parentCode, field: "parentCode", errors: &errors) }
        if let from = changes.effectiveFrom { unit.effectiveFrom = from }
        unit.version += 1
        unit.updatedAt = now
        try Self.deduplicated(errors + replacing([unit]).violations(of: unit)).throwIfAny()
        return unit
    }

    /// The unit closed from `date` (its first day out of existence), handing over to `successorCode`.
    public func closing(
        code: String, expectedVersion: Int, on date: LocalDate, successorCode: String?, now: Date
    ) throws -> OrgUnit {
        var unit = try existing(code: code, expectedVersion: expectedVersion)
        guard !unit.isClosed else { throw DomainError(.invalidState, "unit.already_closed", arguments: ["code": unit.code]) }
        var errors: [FieldError] = []
        unit.effectiveTo = date
        unit.successorID = resolve(successorCode, field: "successorCode", errors: &errors)
        unit.version += 1
        unit.updatedAt = now
        try Self.deduplicated(errors + replacing([unit]).violations(of: unit)).throwIfAny()
        return unit
    }

    /// Plans an import: each row is the desired state of the unit with its code. Rows may refer to units
    /// defined further down the file. Nothing is planned for writing when any row is wrong.
    public func planningImport(_ rows: [UnitImportRow], now: Date) -> UnitImportPlan {
        var errors: [UnitImportError] = []
        var lineByCode: [String: Int] = [:]
        var planned: [String: OrgUnit] = [:]
        for row in rows {
            let code = UnitCode.normalize(row.code)
            if let first = lineByCode[code] {
                errors.append(UnitImportError(line: row.line, error: FieldError("code", "unit.import.duplicate_code", ["line": String(first)])))
                continue
            }
            lineByCode[code] = row.line
            var unit =
                self.unit(code: code)
                ?? OrgUnit(
                    code: code, name: row.name, shortName: row.shortName, kind: row.kind, parentID: nil,
                    effectiveFrom: row.effectiveFrom, version: 0, createdAt: now, updatedAt: now)
            unit.name = row.name.trimmingCharacters(in: .whitespaces)
            unit.shortName = row.shortName.trimmingCharacters(in: .whitespaces)
            unit.kind = row.kind
            unit.effectiveFrom = row.effectiveFrom
            unit.effectiveTo = row.effectiveTo
            planned[code] = unit
        }
        // Second pass: references, now that every code in the file is known.
        let withNewUnits = replacing(Array(planned.values))
        for row in rows {
            let code = UnitCode.normalize(row.code)
            guard lineByCode[code] == row.line, var unit = planned[code] else { continue }
            var referenceErrors: [FieldError] = []
            unit.parentID = withNewUnits.resolve(row.parentCode, field: "parentCode", errors: &referenceErrors)
            unit.successorID = withNewUnits.resolve(row.successorCode, field: "successorCode", errors: &referenceErrors)
            planned[code] = unit
            errors += referenceErrors.map { UnitImportError(line: row.line, error: $0) }
        }
        let changed = planned.values.filter { unit in self.unit(id: unit.id).map { !$0.sameContent(as: unit) } ?? true }
        let after = replacing(changed)
        for unit in changed {
            let line = lineByCode[unit.code] ?? 0
            let known = Set(errors.filter { $0.line == line }.map(\.error.field))
            for error in Self.deduplicated(after.violations(of: unit)) where !known.contains(error.field) {
                errors.append(UnitImportError(line: line, error: error))
            }
        }
        errors.sort { ($0.line, $0.error.field) < ($1.line, $1.error.field) }
        guard errors.isEmpty else { return UnitImportPlan(created: [], updated: [], unchanged: 0, errors: errors) }
        var created: [OrgUnit] = []
        var updated: [OrgUnit] = []
        for var unit in changed {
            unit.version += 1
            unit.updatedAt = now
            if self.unit(id: unit.id) == nil { created.append(unit) } else { updated.append(unit) }
        }
        return UnitImportPlan(
            created: created.sorted { $0.code < $1.code }, updated: updated.sorted { $0.code < $1.code },
            unchanged: planned.count - changed.count, errors: [])
    }

    private func existing(code: String, expectedVersion: Int) throws -> OrgUnit {
        guard let unit = unit(code: UnitCode.normalize(code)) else {
            throw DomainError.notFound("unit.not_found", arguments: ["code": code])
        }
        guard unit.version == expectedVersion else { throw DomainError.staleVersion(current: unit.version) }
        return unit
    }

    /// One message per field: the first rule broken is the one worth reading.
    static func deduplicated(_ errors: [FieldError]) -> [FieldError] {
        var seen: Set<String> = []
        return errors.filter { seen.insert($0.field).inserted }
    }
}

extension OrgUnit {
    /// Same data, ignoring bookkeeping (version, timestamps).
    func sameContent(as other: OrgUnit) -> Bool {
        code == other.code && name == other.name && shortName == other.shortName && kind == other.kind
            && parentID == other.parentID && effectiveFrom == other.effectiveFrom && effectiveTo == other.effectiveTo
            && successorID == other.successorID
    }
}
