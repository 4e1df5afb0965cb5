import CSVFormat
import WorkCalendar

/// The unit tree as CSV, one unit per line, for spreadsheets and for moving data between systems.
/// Dates are written YYYY-MM-DD; dd/MM/yyyy is also read.
public enum UnitCSV {
    public static let columns = ["code", "name", "shortName", "kind", "parentCode", "effectiveFrom", "effectiveTo", "successorCode"]

    /// Every unit, parents before children, with a BOM so that Excel reads the Vietnamese letters.
    public static func export(_ tree: UnitTree) -> String {
        var text = CSV.byteOrderMark + CSV.line(columns)
        func write(_ nodes: [UnitNode]) {
            for node in nodes {
                let unit = node.unit
                text += CSV.line([
                    unit.code, unit.name, unit.shortName, unit.kind.rawValue, tree.parent(of: unit)?.code ?? "",
                    unit.effectiveFrom.description, unit.effectiveTo?.description ?? "",
                    unit.successorID.flatMap { tree.unit(id: $0)?.code } ?? "",
                ])
                write(node.children)
            }
        }
        write(tree.nested())
        return text
    }

    /// Rows ready for `UnitTree.planningImport`, and the lines that could not even be read.
    public static func parse(_ text: String) -> (rows: [UnitImportRow], errors: [UnitImportError]) {
        let table: CSV.Table
        do {
            table = try CSV.table(text, requiring: Array(columns.prefix(6)))
        } catch {
            return ([], [UnitImportError(error)])
        }
        var rows: [UnitImportRow] = []
        var errors: [UnitImportError] = []
        for record in table.records {
            let line = record.line, value = record.value
            func optional(_ column: String) -> String? {
                let text = value(column)
                return text.isEmpty ? nil : text
            }
            var lineErrors: [FieldError] = []
            let kind = UnitKind(rawValue: value("kind"))
            if kind == nil { lineErrors.append(FieldError("kind", "error.invalid_value")) }
            let from = LocalDate(flexible: value("effectiveFrom"))
            if from == nil { lineErrors.append(FieldError("effectiveFrom", "error.date_invalid")) }
            var to: LocalDate?
            if let text = optional("effectiveTo") {
                to = LocalDate(flexible: text)
                if to == nil { lineErrors.append(FieldError("effectiveTo", "error.date_invalid")) }
            }
            if value("code").isEmpty { lineErrors.append(FieldError("code", "error.required")) }
            guard lineErrors.isEmpty, let kind, let from else {
                errors += lineErrors.map { UnitImportError(line: line, error: $0) }
                continue
            }
            rows.append(
                UnitImportRow(
                    line: line, code: value("code"), name: value("name"), shortName: value("shortName"), kind: kind,
                    parentCode: optional("parentCode"), effectiveFrom: from, effectiveTo: to, successorCode: optional("successorCode")))
        }
        return (rows, errors)
    }
}
