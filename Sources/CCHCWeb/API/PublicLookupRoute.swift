import CCHCCore
import HTTPTypes
import Vapor

/// `GET /api/v1/public/dossiers/{code}?pin=`, the public lookup, served by its own Vapor route instead of
/// through `BufferedVaporTransport` and the generated server.
///
/// It is the API's hottest operation: the QR code on every receipt points at it and it needs no account.
/// Through the generated server, about a tenth of its CPU time went to moving the request into
/// `HTTPTypes` and back and to reading a path segment and a query item with the runtime's URI coder, and
/// another tenth to `JSONEncoder` (docs/benchmarks.md). Here Vapor reads both parameters,
/// `APIHandler.lookUpDossier` answers as for any other operation, and the answer is written by
/// `JSONObjectWriter`. A test checks that it means what the generated server's answer means, and that
/// `APIAccessPolicy` still lets everyone call the operation, since no token is checked here.
struct PublicLookupRoute {
    static let method = HTTPTypes.HTTPRequest.Method.get
    static let path = "/api/v1/public/dossiers/{code}"

    func register(on routes: any RoutesBuilder) {
        routes.on(HTTPMethod(rawValue: Self.method.rawValue), BufferedVaporTransport.pathComponents(Self.path), use: lookUp)
    }

    func lookUp(_ request: Request) async throws -> Response {
        guard let pin = URLQueryItems.first("pin", in: request.url.query) else {
            throw Problem.malformed([FieldError("pin", "error.required")])
        }
        guard Self.acceptsJSON(request.headers[.accept]) else {
            throw Problem.malformed()
        }
        let input = Operations.LookUpDossier.Input(path: .init(code: request.parameters.get("code") ?? ""), query: .init(pin: pin))
        let output = try await APIRequestContext.$request.withValue(request) {
            try await APIHandler().lookUpDossier(input)
        }
        // The operation's other answers (404, 429) are thrown as errors, and ErrorMiddleware writes them.
        guard case .ok(let ok) = output, case .json(let dossier) = ok.body else {
            throw Abort(.internalServerError, reason: "Unexpected answer from lookUpDossier")
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "json", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: dossier.json)))
    }

    /// Whether `Accept` admits JSON, judged as the generated server judges it: no header, or a media range of
    /// `application/json`, `application/*` or `*/*`, parameters aside.
    static func acceptsJSON(_ values: [String]) -> Bool {
        let ranges = values.flatMap { $0.split(separator: ",") }.map { range in
            (range.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        }
        return ranges.isEmpty || ranges.contains { $0 == "application/json" || $0 == "application/*" || $0 == "*/*" }
    }
}
