import Foundation

/// Comma-separated values as RFC 4180 describes them, which is also what Excel writes and reads:
/// quoted fields may hold commas, quotes ("") and line breaks.
public enum CSV {
    /// Excel opens UTF-8 CSV with Vietnamese letters correctly only when the file starts with a BOM.
    public static let byteOrderMark = "\u{FEFF}"

    public struct ParseError: Error, Equatable, Sendable {
        /// Where the bad field starts.
        public var line: Int
    }

    /// Rows of fields. Blank lines are skipped; a leading BOM is ignored.
    public static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var quoteStartLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var isFirst = true

        func endField() {
            // Undo the apostrophe `line` puts before a formula-like value.
            if field.count > 1, field.first == "'", let second = field.dropFirst().first, "=+-@".contains(second) {
                field.removeFirst()
            }
            row.append(field)
        }

        func endRow() {
            endField()
            if !(row.count == 1 && row[0].isEmpty && !fieldWasQuoted) { rows.append(row) }
            row = []
            field = ""
            fieldWasQuoted = false
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if isFirst {
                isFirst = false
                if scalar == "\u{FEFF}" { continue }
            }
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
                field = ""
                fieldWasQuoted = false
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else { throw ParseError(line: line) }
                inQuotes = true
                fieldWasQuoted = true
                quoteStartLine = line
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRow()
                line += 1
            case "\n":
                endRow()
                line += 1
            default:
                guard !fieldWasQuoted else { throw ParseError(line: line) }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw ParseError(line: quoteStartLine) }
        if !field.isEmpty || !row.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }

    /// One line of CSV, quoting the fields that need it, ending in CRLF as RFC 4180 asks. A value that a
    /// spreadsheet would run as a formula gets an apostrophe in front, which `parse` removes again.
    public static func line(_ fields: [String]) -> String {
        fields.map(quoteIfNeeded).joined(separator: ",") + "\r\n"
    }

    static func quoteIfNeeded(_ field: String) -> String {
        // A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
        let risky = field.first.map { "=+-@".contains($0) } ?? false
        let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        guard needsQuotes || risky else { return field }
        let escaped = field.replacingOccurrences(of: "\"", with: "\"\"")
        return "\"" + (risky ? "'" : "") + escaped + "\""
    }
}
