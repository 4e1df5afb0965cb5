import Foundation

/// The items of a URL's query string (`a=1&b=x+y`), decoded as HTML forms encode them: `+` is a space, then
/// percent escapes. Read by hand where Vapor's `request.query` would run its whole `Decodable` machinery for
/// one or two values: for the public lookup's `pin` that was about a twentieth of the request's CPU time.
enum URLQueryItems {
    /// Every item of `query` (the part after `?`), in order; an item without `=` has an empty value.
    static func parse(_ query: Substring) -> [(name: String, value: String)] {
        query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// The items of a request target's query (`/path?a=1`); none without a `?`.
    static func parse(target: String) -> [(name: String, value: String)] {
        guard let start = target.firstIndex(of: "?") else { return [] }
        return parse(target[target.index(after: start)...])
    }

    /// The value of the first item called `name`, if any.
    static func first(_ name: String, in query: String?) -> String? {
        query.flatMap { parse($0[...]).first { $0.name == name }?.value }
    }

    private static func decoded(_ text: Substring) -> String {
        guard text.contains(where: { $0 == "+" || $0 == "%" }) else { return String(text) }
        let spaced = String(text.map { $0 == "+" ? " " : $0 })
        return spaced.removingPercentEncoding ?? spaced
    }
}
