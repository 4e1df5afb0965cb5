import CCHCCore
import Vapor
import WorkCalendar

/// One unit as a row of a list or the tree.
struct UnitRow: Encodable {
    var code: String
    var name: String
    var shortName: String
    var kind: String
    var kindName: String
    /// Indentation in the tree, capped for CSS classes depth-0 … depth-6.
    var depth: Int
    var effectiveFrom: String
    var effectiveTo: String?
    var isOpen: Bool
    var parentCode: String?
    var parentName: String?
    var successorCode: String?
    var successorName: String?
    var href: String

    init(_ unit: OrgUnit, depth: Int = 0, tree: UnitTree, today: LocalDate, request: Request) {
        code = unit.code
        name = unit.name
        shortName = unit.shortName
        kind = unit.kind.rawValue
        kindName = request.t(unit.kind.messageKey)
        self.depth = min(depth, 6)
        effectiveFrom = unit.effectiveFrom.vietnameseFormat
        effectiveTo = unit.effectiveTo?.vietnameseFormat
        isOpen = unit.isEffective(on: today)
        let parent = tree.parent(of: unit)
        parentCode = parent?.code
        parentName = parent?.name
        let successor = unit.successorID.flatMap(tree.unit(id:))
        successorCode = successor?.code
        successorName = successor?.name
        href = "/units/" + unit.code
    }

    /// The tree as rows in display order, each with its depth.
    static func flatten(_ nodes: [UnitNode], tree: UnitTree, today: LocalDate, request: Request, depth: Int = 0) -> [UnitRow] {
        nodes.flatMap { node in
            [UnitRow(node.unit, depth: depth, tree: tree, today: today, request: request)]
                + flatten(node.children, tree: tree, today: today, request: request, depth: depth + 1)
        }
    }
}

/// A choice in a select box.
struct SelectOption: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

extension Request {
    /// Every unit kind, named in the reader's language.
    func unitKindOptions(selected: String?) -> [SelectOption] {
        UnitKind.allCases.map { SelectOption(value: $0.rawValue, label: t($0.messageKey), selected: $0.rawValue == selected) }
    }

    /// Units not closed by today (open, or starting later), indented by depth, for choosing a parent, a
    /// successor or a user's unit.
    func unitOptions(_ tree: UnitTree, selected: String?, today: LocalDate, excluding excluded: String? = nil, includeNone: Bool = true) -> [SelectOption] {
        let rows = UnitRow.flatten(tree.nested(), tree: tree, today: today, request: self).filter { row in
            row.code != excluded && (tree.unit(code: row.code)?.effectiveTo.map { $0 > today } ?? true)
        }
        let none = includeNone ? [SelectOption(value: "", label: t("form.none"), selected: (selected ?? "").isEmpty)] : []
        return none
            + rows.map {
                SelectOption(value: $0.code, label: String(repeating: "— ", count: $0.depth) + "\($0.name) (\($0.code))", selected: $0.code == selected)
            }
    }
}
