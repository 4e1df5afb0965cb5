import CCHCCore
import HTTPTypes
import OpenAPIRuntime
import Vapor

/// Serves the generated API handlers from Vapor routes with whole bodies in and out, each handler running
/// with its Vapor request in `APIRequestContext`.
///
/// Every API request and answer here is a small JSON document. swift-openapi-vapor's `VaporTransport`, used
/// before, streams both ways: it hands the handler the request body as a stream and sends each answer
/// through a new task that writes the head, the bytes and the end separately. Reading the request body
/// whole (up to `maximumBodyBytes`, 413 beyond) and answering with one buffer took about an eighth off
/// the CPU time of a public lookup (docs/benchmarks.md).
struct BufferedVaporTransport: ServerTransport {
    static let maximumBodyBytes = 1024 * 1024

    let routes: any RoutesBuilder
    /// Operations served by routes of their own, as "GET /api/v1/...": their generated handlers are not registered.
    var servedElsewhere: Set<String> = []

    static func operation(_ method: HTTPRequest.Method, _ path: String) -> String { "\(method.rawValue) \(path)" }

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method, path: String
    ) throws {
        guard !servedElsewhere.contains(Self.operation(method, path)) else { return }
        let components = Self.pathComponents(path)
        let parameterNames = components.compactMap { component -> String? in
            if case .parameter(let name) = component { return name }
            return nil
        }
        routes.bodies(upTo: Self.maximumBodyBytes).on(
            HTTPMethod(rawValue: method.rawValue), components, body: .collect(maxSize: ByteCount(value: Self.maximumBodyBytes))
        ) { request in
            var fields = HTTPFields()
            for (name, value) in request.headers {
                guard let fieldName = HTTPField.Name(name) else { continue }
                fields.append(HTTPField(name: fieldName, value: value))
            }
            let query = request.url.query.map { "?\($0)" } ?? ""
            let apiRequest = HTTPRequest(method: method, scheme: nil, authority: nil, path: request.path + query, headerFields: fields)
            // Vapor enforces the limit while collecting a streamed body; a body that arrived whole is checked here.
            if let data = request.body.data, data.readableBytes > Self.maximumBodyBytes { throw Abort(.payloadTooLarge) }
            if let data = request.body.data, let problem = JSONBodyCheck.firstProblem(in: data) { throw Problem.malformed([problem]) }
            let body = request.body.data.map { HTTPBody(Array($0.readableBytesView)) }
            var parameters: [String: Substring] = [:]
            for name in parameterNames {
                if let value = request.parameters.get(name) { parameters[name] = Substring(value) }
            }
            let (response, responseBody) = try await APIRequestContext.$request.withValue(request) {
                try await handler(apiRequest, body, ServerRequestMetadata(pathParameters: parameters))
            }
            var headers = HTTPHeaders()
            for field in response.headerFields { headers.add(name: field.name.rawName, value: field.value) }
            let vaporResponse = Response(status: HTTPResponseStatus(statusCode: response.status.code), headers: headers)
            if let responseBody {
                vaporResponse.body = Response.Body(buffer: ByteBuffer(bytes: try await ArraySlice<UInt8>(collecting: responseBody, upTo: .max)))
            }
            return vaporResponse
        }
    }

    /// `/dossiers/{code}/actions` as Vapor path components.
    static func pathComponents(_ path: String) -> [PathComponent] {
        path.split(separator: "/").map { part in
            part.first == "{" && part.last == "}" ? .parameter(String(part.dropFirst().dropLast())) : .constant(String(part))
        }
    }
}
