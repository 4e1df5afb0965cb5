import CCHCCore
import SQLKit

/// Records kept as a JSON document in a `document` column beside the columns their lists filter on.
enum DocumentRow {
    static func decode<T: Decodable>(_ type: T.Type, _ row: any SQLRow, table: String) throws -> T {
        let document = try row.decode(column: "document", as: String.self)
        do {
            return try JSONCoding.decode(type, document)
        } catch {
            throw StoreError.unreadable(table: table, id: nil, reason: String(describing: error))
        }
    }
}
