import CCHCCore
import Synchronization
import Vapor

/// Refuses requests no route should see, before they reach one: an address longer than any page needs
/// (414), a path or query holding control characters once decoded (400: `/css/app.css%00.png` was served
/// as an image, a NUL could be stored in a name), and a method the path does not take (405 with `Allow`,
/// rather than a 404 that says the path does not exist).
struct RequestSanityMiddleware: AsyncMiddleware {
    /// The longest request target accepted. Addresses longer than the HTTP parser takes (80 KB) never
    /// reach here: the connection is closed; a reverse proxy in front answers those with 414 (docs/operations.md).
    static let maximumTargetLength = 8 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.string.utf8.count > Self.maximumTargetLength {
            throw Problem(status: .uriTooLong, slug: "uri-too-long", code: "error.uri_too_long")
        }
        let path = request.url.path
        // Most paths hold no escape; Foundation's percent-decoding is not free.
        if let decoded = path.contains("%") ? path.removingPercentEncoding : path, !FormBody.isAcceptable(decoded) || decoded.contains(where: \.isNewline) {
            throw Problem.malformed([FieldError("path", "error.control_characters")])
        }
        if let query = request.url.query {
            for item in URLQueryItems.parse(Substring(query)) where !FormBody.isAcceptable(item.name) || !FormBody.isAcceptable(item.value) {
                throw Problem.malformed([FieldError(item.name, "error.control_characters")])
            }
        }
        if request.route == nil, let allowed = request.application.methodTable.methods(for: request.url.path),
            !allowed.contains(request.method.rawValue)
        {
            var problem = Problem(status: .methodNotAllowed, slug: "method-not-allowed", code: "error.method_not_allowed")
            problem.headers.replaceOrAdd(name: .allow, value: allowed.sorted().joined(separator: ", "))
            throw problem
        }
        return try await next.respond(to: request)
    }
}

/// Which methods each route path takes, read from the routes once they are all registered.
final class MethodTable: Sendable {
    private let routes: [(path: [PathComponent], method: HTTPMethod)]

    init(_ routes: Routes) {
        self.routes = routes.all.map { ($0.path, $0.method) }
    }

    /// The methods the resource at `path` takes (GET implying HEAD), or nil when no route has that path.
    /// Where routes of several shapes match (`/units/tree` and `/units/:code`), the resource is the most
    /// specific shape's: a constant segment names it better than a parameter, as the router prefers it.
    func methods(for path: String) -> Set<String>? {
        let parts = path.split(separator: "/").map(String.init)
        let matching = routes.filter { Self.matches($0.path, parts) }
        guard let shape = matching.map(\.path).max(by: { Self.specificity($0).lexicographicallyPrecedes(Self.specificity($1)) }) else { return nil }
        var methods: Set<String> = []
        for route in matching where Self.specificity(route.path) == Self.specificity(shape) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert(HTTPMethod.HEAD.rawValue) }
        }
        return methods
    }

    /// Per segment, 2 for a constant, 1 for a parameter, 0 for a catch-all; compared left to right.
    private static func specificity(_ pattern: [PathComponent]) -> [Int] {
        pattern.map { component in
            switch component {
            case .constant: 2
            case .parameter, .anything: 1
            case .catchall: 0
            }
        }
    }

    static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return parts.count >= index
            case .anything, .parameter: if index >= parts.count { return false }
            case .constant(let text): if index >= parts.count || parts[index] != text { return false }
            }
        }
        return pattern.count == parts.count
    }
}

extension Application {
    private struct MethodTableKey: StorageKey {
        typealias Value = MethodTable
    }

    /// Set by `routes` once every route is registered; empty before.
    var methodTable: MethodTable {
        get { storage[MethodTableKey.self] ?? MethodTable(Routes()) }
        set { storage[MethodTableKey.self] = newValue }
    }
}
