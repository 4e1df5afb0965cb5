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

    /// What stops a whole file from being read as a table.
    public enum TableError: Error, Equatable, Sendable {
        /// A quote left open from `line` (0 when the text cannot be read at all).
        case malformed(line: Int)
        /// Not even a header line.
        case empty
        /// The header lacks these columns.
        case missingColumns([String])
    }

    /// The table in `text`, or the one error that stops the whole file: unreadable, empty, or without
    /// one of the `required` columns.
    public static func table(_ text: String, requiring required: [String]) throws(TableError) -> Table {
        let rows: [[String]]
        do {
            rows = try parse(text)
        } catch let error as ParseError {
            throw .malformed(line: error.line)
        } catch {
            throw .malformed(line: 0)
        }
        guard let header = rows.first else { throw .empty }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = required.filter { !names.contains($0) }
        guard missing.isEmpty else { throw .missingColumns(missing) }
        return Table(records: rows.dropFirst().enumerated().map { Table.Record(line: $0.offset + 2, fields: $0.element, names: names) })
    }
}
