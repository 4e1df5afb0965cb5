import SQLKit

/// A PostgreSQL result of codes and counts packed by the server into one text value: each row's values
/// joined by the unit separator (U+001F), the rows by the record separator (U+001E). A period's thousands
/// of counter rows then cross as one data row, where PostgresNIO decoded a message, a row and each of its
/// cells per result row.
struct PackedRows {
    static let field = UInt8(0x1F)
    static let record = UInt8(0x1E)

    let rows: [any SQLRow]

    /// `inner`'s rows as one value: NULL when there are none.
    static func query(_ inner: any SQLExpression, columns: [String]) -> SQLQueryString {
        let fields = columns.map { "CAST(\(ident: $0) AS TEXT)" as SQLQueryString }.joined(separator: ", ")
        return "SELECT string_agg(concat_ws(chr(\(literal: Int(field))), \(fields)), chr(\(literal: Int(record)))) FROM (\(inner)) AS packed"
    }

    /// Nil when a row does not have one value per column: a value held a separator, or was null
    /// (`concat_ws` leaves nulls out). The caller then reads the rows as they are.
    init?(_ packed: String?, columns: [String]) {
        guard var packed else {
            rows = []
            return
        }
        // Byte by byte over the text's storage: `split` on its UTF-8 view took as long as the rest of the read.
        let rows: [any SQLRow]? = packed.withUTF8 { bytes in
            var rows: [any SQLRow] = []
            var values: [String] = []
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : Self.record
                guard byte == Self.field || byte == Self.record else { continue }
                values.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
                guard byte == Self.record else { continue }
                guard values.count == columns.count else { return nil }
                rows.append(PackedRow(columns: columns, values: values))
                values = []
                values.reserveCapacity(columns.count)
            }
            return rows
        }
        guard let rows else { return nil }
        self.rows = rows
    }
}

/// One row of `PackedRows`: text and integers by column name, found by position.
struct PackedRow: SQLRow {
    let allColumns: [String]
    let values: [String]

    init(columns: [String], values: [String]) {
        allColumns = columns
        self.values = values
    }

    func contains(column: String) -> Bool { allColumns.contains(column) }

    func decodeNil(column: String) throws -> Bool { false }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let text = try value(column)
        if type == String.self { return text as! D }
        if type == Int.self || type == Int?.self, let number = Int(text) { return number as! D }
        throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "column \(column): \(text) is not a \(type)"))
    }

    private func value(_ column: String) throws -> String {
        guard let index = allColumns.firstIndex(of: column) else { throw MissingColumn(column: column) }
        return values[index]
    }

    struct MissingColumn: Error {
        var column: String
    }
}
