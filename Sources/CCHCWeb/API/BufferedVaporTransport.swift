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
            if let data = request.body.data, let field = JSONControlCharacters.firstField(in: data) {
                throw Problem.malformed([FieldError(field, "error.control_characters")])
            }
            if let data = request.body.data, let field = JSONNulls.firstField(in: data) {
                throw Problem.malformed([FieldError(field, "error.json_null")])
            }
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

/// Finds a string in a JSON body holding a control character other than tab and line breaks (a NUL in a
/// name would be stored as it is), and names its field by its path.
enum JSONControlCharacters {
    static func firstField(in buffer: ByteBuffer) -> String? {
        guard mayHoldEscape(buffer),
            let value = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed])
        else { return nil }
        return find(value, path: [])
    }

    /// Whether the text holds a `\u00` escape, the only way a JSON string carries a control character
    /// (raw ones are not valid JSON). A plain loop over the bytes: the generic `firstRange(of:)` it replaces
    /// cost an intake about 35 µs of CPU (docs/benchmarks.md); most bodies hold no escape at all.
    static func mayHoldEscape(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { bytes in
            guard bytes.count >= 4 else { return false }
            for index in 0..<(bytes.count - 3)
            where bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] == UInt8(ascii: "u") && bytes[index + 2] == UInt8(ascii: "0")
                && bytes[index + 3] == UInt8(ascii: "0")
            {
                return true
            }
            return false
        }
    }

    private static func find(_ value: Any, path: [String]) -> String? {
        switch value {
        case let text as String:
            return FormBody.isAcceptable(text) ? nil : (path.isEmpty ? "body" : path.joined(separator: "."))
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if !FormBody.isAcceptable(key) { return (path + [key]).joined(separator: ".") }
                if let found = find(object[key]!, path: path + [key]) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = find(element, path: path + [String(index)]) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
