import Foundation

extension CSV {
    /// A file read with its first line as column names: imports look fields up by name, so columns may
    /// come in any order and extra ones are ignored.
    public struct Table: Sendable {
        public struct Record: Sendable {
            /// The line in the file, for messages (the header is line 1).
            public let line: Int
            let fields: [String]
            let names: [String]

            /// The field under `column`, trimmed; empty when the column or the field is missing.
            public func value(_ column: String) -> String {
                guard let position = names.firstIndex(of: column), position < fields.count else { return "" }
                return fields[position].trimmingCharacters(in: .whitespaces)
            }
        }

        public let records: [Record]
    }

    /// The table in `text`, or the one error that stops the whole file: unreadable, empty, or without
    /// one of the `required` columns.
    public static func table(_ text: String, requiring required: [String]) throws(UnitImportError) -> Table {
        let rows: [[String]]
        do {
            rows = try parse(text)
        } catch let error as ParseError {
            throw UnitImportError(line: error.line, error: FieldError("file", "csv.malformed"))
        } catch {
            throw UnitImportError(line: 0, error: FieldError("file", "csv.malformed"))
        }
        guard let header = rows.first else { throw UnitImportError(line: 1, error: FieldError("file", "csv.empty")) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw UnitImportError(line: 1, error: FieldError("file", "csv.missing_columns", ["columns": missing.joined(separator: ", ")]))
        }
        return Table(records: rows.dropFirst().enumerated().map { Table.Record(line: $0.offset + 2, fields: $0.element, names: names) })
    }
}
