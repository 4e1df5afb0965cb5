import Foundation

/// A slice of a long list, continued with an opaque cursor (the API's cursor pagination).
public struct ResultPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass back to get the next slice; nil on the last one.
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Cursors are the sort key of the last item seen, base64url-encoded so clients treat them as opaque.
public enum Cursor {
    public static func encode(_ key: String) -> String {
        Data(key.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The sort key, or a validation error naming the `cursor` field.
    public static func decode(_ cursor: String) throws -> String {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let key = String(data: data, encoding: .utf8) else {
            throw DomainError.validation([FieldError("cursor", "error.cursor_invalid")])
        }
        return key
    }

    /// Clamps a requested page size to what a server is willing to return at once.
    public static func limit(_ requested: Int?, default defaultLimit: Int = 50, maximum: Int = 500) -> Int {
        guard let requested else { return defaultLimit }
        return min(max(requested, 1), maximum)
    }
}
