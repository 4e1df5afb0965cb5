import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

/// A small tree: province P (2000), department D (2000), district H (2000, closed 1/7/2025) with
/// commune X (2000, closed 1/7/2025), and the new commune N (1/7/2025).
private struct Sample {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static let province = OrgUnit(
        code: "P", name: "Tỉnh", shortName: "T", kind: .province, parentID: nil, effectiveFrom: day("2000-01-01"), createdAt: now, updatedAt: now)
    static let department = OrgUnit(
        code: "D", name: "Sở", shortName: "S", kind: .department, parentID: province.id, effectiveFrom: day("2000-01-01"), createdAt: now, updatedAt: now)
    static let newCommune = OrgUnit(
        code: "N", name: "Xã mới", shortName: "XM", kind: .commune, parentID: province.id, effectiveFrom: day("2025-07-01"), createdAt: now, updatedAt: now)
    static let district = OrgUnit(
        code: "H", name: "Huyện", shortName: "H", kind: .district, parentID: province.id, effectiveFrom: day("2000-01-01"), effectiveTo: day("2025-07-01"),
        successorID: newCommune.id, createdAt: now, updatedAt: now)
    static let oldCommune = OrgUnit(
        code: "X", name: "Xã cũ", shortName: "XC", kind: .commune, parentID: district.id, effectiveFrom: day("2000-01-01"), effectiveTo: day("2025-07-01"),
        successorID: newCommune.id, createdAt: now, updatedAt: now)

    static var tree: UnitTree { UnitTree([province, department, district, oldCommune, newCommune]) }
}

private func fields(_ body: () throws -> Void) -> [String: String] {
    do {
        try body()
        return [:]
    } catch let error as DomainError {
        var result = Dictionary(error.fields.map { ($0.field, $0.code) }, uniquingKeysWith: { first, _ in first })
        if error.fields.isEmpty { result["_"] = error.code }
        return result
    } catch {
        return ["_": "\(error)"]
    }
}

@Suite("Unit tree rules")
struct UnitTreeTests {
    let tree = Sample.tree
    let now = Sample.now

    @Test func theSampleTreeIsValid() {
        for unit in tree.units {
            #expect(tree.violations(of: unit).isEmpty, "\(unit.code): \(tree.violations(of: unit))")
        }
    }

    @Test func createsAUnitUnderAnOpenParent() throws {
        let unit = try tree.creating(
            UnitDraft(code: " 000.01.02.h99 ", name: " Chi cục ", shortName: "CC", kind: .department, parentCode: "D", effectiveFrom: Sample.day("2026-01-01")),
            now: now)
        #expect(unit.code == "000.01.02.H99")
        #expect(unit.name == "Chi cục")
        #expect(unit.parentID == Sample.department.id)
        #expect(unit.version == 1)
    }

    @Test(
        "Creating reports every bad field at once",
        arguments: [
            (
                UnitDraft(code: "a-b", name: "", shortName: "", kind: .department, parentCode: "P", effectiveFrom: Sample.day("2026-01-01")),
                ["code": "unit.code.invalid", "name": "error.required", "shortName": "error.required"]
            ),
            (
                UnitDraft(code: "Q", name: "Sở", shortName: "S", kind: .department, parentCode: nil, effectiveFrom: Sample.day("2026-01-01")),
                ["parentCode": "unit.parent.required"]
            ),
            (
                UnitDraft(code: "Q", name: "Sở", shortName: "S", kind: .department, parentCode: "NOPE", effectiveFrom: Sample.day("2026-01-01")),
                ["parentCode": "unit.reference.not_found"]
            ),
            (
                UnitDraft(code: "Q", name: "Phường", shortName: "P", kind: .ward, parentCode: "D", effectiveFrom: Sample.day("2026-01-01")),
                ["parentCode": "unit.parent.kind_not_allowed"]
            ),
            (
                UnitDraft(code: "Q", name: "Tỉnh 2", shortName: "T2", kind: .province, parentCode: "P", effectiveFrom: Sample.day("2026-01-01")),
                ["parentCode": "unit.parent.kind_not_allowed"]
            ),
        ])
    func creationErrors(draft: UnitDraft, expected: [String: String]) {
        #expect(fields { _ = try tree.creating(draft, now: now) } == expected)
    }

    @Test func aTakenCodeIsAConflict() {
        #expect(throws: DomainError(.conflict, "unit.code.taken", arguments: ["code": "D"], fields: [FieldError("code", "unit.code.taken", ["code": "D"])])) {
            _ = try tree.creating(
                UnitDraft(code: "d", name: "Sở", shortName: "S", kind: .department, parentCode: "P", effectiveFrom: Sample.day("2026-01-01")), now: now)
        }
    }

    @Test("A child exists only while its parent does")
    func effectiveDates() {
        // Starting before the parent.
        #expect(
            fields {
                _ = try tree.creating(
                    UnitDraft(code: "Q", name: "Sở", shortName: "S", kind: .department, parentCode: "P", effectiveFrom: Sample.day("1999-12-31")), now: now)
            } == ["effectiveFrom": "unit.period.outside_parent"])
        // Under a district that no longer exists.
        #expect(
            fields {
                _ = try tree.creating(
                    UnitDraft(code: "Q", name: "Xã", shortName: "X", kind: .commune, parentCode: "H", effectiveFrom: Sample.day("2026-01-01")), now: now)
            } == ["effectiveFrom": "unit.period.outside_parent"])
        // Moving the province's start after its children's.
        #expect(
            fields {
                _ = try tree.updating(code: "P", expectedVersion: 1, changes: UnitChanges(effectiveFrom: Sample.day("2010-01-01")), now: now)
            } == ["effectiveFrom": "unit.children.outside_period"])
    }

    @Test("A unit cannot be moved under itself or its descendants")
    func noCycles() {
        #expect(
            fields {
                _ = try tree.updating(code: "D", expectedVersion: 1, changes: UnitChanges(parentCode: .some("D")), now: now)
            }["parentCode"] == "unit.parent.cycle")
        let child = OrgUnit(
            code: "C", name: "Chi cục", shortName: "CC", kind: .department, parentID: Sample.department.id, effectiveFrom: Sample.day("2001-01-01"),
            createdAt: now, updatedAt: now)
        let deeper = tree.replacing([child])
        #expect(
            fields {
                _ = try deeper.updating(code: "D", expectedVersion: 1, changes: UnitChanges(parentCode: .some("C")), now: now)
            }["parentCode"] == "unit.parent.cycle")
        #expect(deeper.ancestors(of: child.id).map(\.code) == ["D", "P"])
        #expect(deeper.isInSubtree(child.id, of: Sample.province.id))
        #expect(!deeper.isInSubtree(Sample.province.id, of: child.id))
    }

    @Test func closesWithASuccessor() throws {
        let closed = try tree.closing(code: "D", expectedVersion: 1, on: Sample.day("2026-03-01"), successorCode: "N", now: now)
        #expect(closed.effectiveTo == Sample.day("2026-03-01"))
        #expect(closed.successorID == Sample.newCommune.id)
        #expect(closed.version == 2)
        #expect(!closed.isEffective(on: Sample.day("2026-03-01")))
        #expect(closed.isEffective(on: Sample.day("2026-02-28")))
    }

    @Test("Closing refuses what would leave the tree inconsistent")
    func closingRules() {
        // Its open child would outlive it.
        #expect(
            fields {
                _ = try tree.closing(code: "P", expectedVersion: 1, on: Sample.day("2026-01-01"), successorCode: nil, now: now)
            }["effectiveTo"] == "unit.children.outside_period")
        // The successor must exist on the closing day.
        #expect(
            fields {
                _ = try tree.closing(code: "D", expectedVersion: 1, on: Sample.day("2025-01-01"), successorCode: "N", now: now)
            } == ["successorCode": "unit.successor.not_effective"])
        #expect(
            fields {
                _ = try tree.closing(code: "D", expectedVersion: 1, on: Sample.day("2026-01-01"), successorCode: "D", now: now)
            } == ["successorCode": "unit.successor.self"])
        #expect(
            fields {
                _ = try tree.closing(code: "D", expectedVersion: 1, on: Sample.day("2026-01-01"), successorCode: "NOPE", now: now)
            } == ["successorCode": "unit.reference.not_found"])
        // Closing before it opened.
        #expect(
            fields {
                _ = try tree.closing(code: "N", expectedVersion: 1, on: Sample.day("2025-07-01"), successorCode: nil, now: now)
            } == ["effectiveTo": "unit.period.invalid"])
        // Twice.
        #expect(
            fields {
                _ = try tree.closing(code: "H", expectedVersion: 1, on: Sample.day("2026-01-01"), successorCode: nil, now: now)
            } == ["_": "unit.already_closed"])
    }

    @Test("A unit that others hand over to must exist on their closing day")
    func predecessorsStayCovered() {
        #expect(
            fields {
                _ = try tree.updating(code: "N", expectedVersion: 1, changes: UnitChanges(effectiveFrom: Sample.day("2025-08-01")), now: now)
            } == ["effectiveFrom": "unit.predecessors.not_covered"])
    }

    @Test func staleVersionIsAConflictBeforeAnyRule() {
        #expect(throws: DomainError.staleVersion(current: 1)) {
            _ = try tree.updating(code: "D", expectedVersion: 7, changes: UnitChanges(name: ""), now: now)
        }
        #expect(throws: DomainError.notFound("unit.not_found", arguments: ["code": "NOPE"])) {
            _ = try tree.updating(code: "NOPE", expectedVersion: 1, changes: UnitChanges(), now: now)
        }
    }

    @Test("The 2025 reorganisation: the successor of a closed commune is the open unit doing its work")
    func successorChains() {
        #expect(tree.currentSuccessor(of: Sample.oldCommune.id)?.code == "N")
        #expect(tree.currentSuccessor(of: Sample.department.id)?.code == "D")
        let asOf2024 = tree.nested(asOf: Sample.day("2024-06-01"))
        #expect(asOf2024.map(\.unit.code) == ["P"])
        #expect(asOf2024[0].children.map(\.unit.code) == ["D", "H"])
        #expect(asOf2024[0].children[1].children.map(\.unit.code) == ["X"])
        let asOf2026 = tree.nested(asOf: Sample.day("2026-06-01"))
        #expect(asOf2026[0].children.map(\.unit.code) == ["D", "N"])
        #expect(tree.nested().first?.count == 5)
        #expect(tree.subtreeIDs(of: Sample.district.id) == [Sample.district.id, Sample.oldCommune.id])
    }

    @Test("Import: forward references, updates, and all-or-nothing errors by line")
    func importPlanning() {
        let rows = [
            UnitImportRow(
                line: 2, code: "C1", name: "Chi cục 1", shortName: "CC1", kind: .department, parentCode: "S2", effectiveFrom: Sample.day("2026-01-01")),
            UnitImportRow(line: 3, code: "S2", name: "Sở 2", shortName: "S2", kind: .department, parentCode: "P", effectiveFrom: Sample.day("2026-01-01")),
            UnitImportRow(
                line: 4, code: "D", name: "Sở (tên mới)", shortName: "S", kind: .department, parentCode: "P", effectiveFrom: Sample.day("2000-01-01")),
            UnitImportRow(line: 5, code: "N", name: "Xã mới", shortName: "XM", kind: .commune, parentCode: "P", effectiveFrom: Sample.day("2025-07-01")),
        ]
        let plan = tree.planningImport(rows, now: now)
        #expect(plan.errors.isEmpty)
        #expect(plan.created.map(\.code) == ["C1", "S2"])
        #expect(plan.updated.map(\.code) == ["D"])
        #expect(plan.updated.first?.version == 2)
        #expect(plan.unchanged == 1)
        #expect(plan.created.first { $0.code == "C1" }?.parentID == plan.created.first { $0.code == "S2" }?.id)

        let bad = tree.planningImport(
            [
                UnitImportRow(
                    line: 2, code: "C1", name: "Chi cục", shortName: "CC", kind: .department, parentCode: "NOPE", effectiveFrom: Sample.day("2026-01-01")),
                UnitImportRow(line: 3, code: "c1", name: "Lặp", shortName: "L", kind: .department, parentCode: "P", effectiveFrom: Sample.day("2026-01-01")),
                UnitImportRow(line: 4, code: "Y", name: "Xã", shortName: "X", kind: .commune, parentCode: "H", effectiveFrom: Sample.day("2026-01-01")),
            ], now: now)
        #expect(bad.created.isEmpty && bad.updated.isEmpty)
        #expect(
            bad.errors.map { "\($0.line) \($0.error.field) \($0.error.code)" } == [
                "2 parentCode unit.reference.not_found",
                "3 code unit.import.duplicate_code",
                "4 effectiveFrom unit.period.outside_parent",
            ])
    }

    @Test(arguments: ["000.00.00.H12", "G01", "000.01.02.H99", "A.B"])
    func validCodes(code: String) {
        #expect(UnitCode.isValid(code))
    }

    @Test(arguments: ["", "000-00", "a.b", ".A", "A.", "A..B", "Ă", String(repeating: "A", count: 33), "A B"])
    func invalidCodes(code: String) {
        #expect(!UnitCode.isValid(code))
    }

    @Test("Every kind but province needs a parent; parents are of sensible kinds")
    func kindRules() {
        for kind in UnitKind.allCases {
            #expect(kind.allowedParentKinds.isEmpty == (kind == .province))
            #expect(!kind.allowedParentKinds.contains(kind) || kind == .department || kind == .verticalAgency)
        }
        #expect(UnitKind.ward.level == .commune)
        #expect(UnitKind.district.level == .district)
    }
}
