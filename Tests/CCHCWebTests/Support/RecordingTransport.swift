import HTTPTypes
import OpenAPIRuntime

@testable import CCHCWeb

/// Keeps the generated server's handlers by operation instead of serving them. Unchecked: `registerHandlers`
/// fills it once, on the test's task, before any handler is read.
final class RecordingTransport: ServerTransport, @unchecked Sendable {
    typealias Handler = @Sendable (HTTPTypes.HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?)
    private(set) var handlers: [String: Handler] = [:]

    func register(_ handler: @escaping Handler, method: HTTPTypes.HTTPRequest.Method, path: String) throws {
        handlers[BufferedVaporTransport.operation(method, path)] = handler
    }
}
