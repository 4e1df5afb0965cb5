import CCHCCore
import CCHCStore
import Vapor

/// Health checks, metrics and the API description: what operators and client developers need.
struct OperationsController {
    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("healthz", use: health)
        everyone.get("readyz", use: ready)
        everyone.get("metrics", use: metrics)
        everyone.get("openapi.yaml", use: openAPIDocument)
    }

    struct Status: Content {
        var status: String
        var database: String?
        /// Why the server cannot serve now, when it cannot.
        var problems: [String]?
    }

    /// How long readiness waits for the database, and for each event loop to take a task.
    static let readinessPatience: Duration = .seconds(2)
    /// Writes queued for the SQLite file beyond which new requests would wait too long for theirs.
    static let queuedWritesLimit = 200

    /// The process is up and answering.
    func health(_ request: Request) async throws -> Status {
        Status(status: "ok")
    }

    /// Whether the server can serve now: the database answers within `readinessPatience`, every event loop
    /// takes a task within it, and writes are not queued beyond what a request would wait for. What a load
    /// balancer should wait for before sending traffic, and stop sending on.
    func ready(_ request: Request) async throws -> Response {
        let kind = request.config.database.isSQLite ? "sqlite" : "postgresql"
        var problems: [String] = []
        let database = request.db
        if !(await Self.within(Self.readinessPatience) { try await DatabasePreparation.ping(database) }) {
            problems.append("database")
        }
        for loop in request.application.eventLoopGroup.makeIterator() {
            if !(await Self.within(Self.readinessPatience) { try await loop.submit {}.get() }) {
                problems.append("event_loops")
                break
            }
        }
        if request.application.services.sharedStoreState.queuedWrites > Self.queuedWritesLimit { problems.append("write_queue") }
        guard problems.isEmpty else {
            request.logger.warning("Readiness check failed", metadata: ["problems": "\(problems.joined(separator: ","))"])
            return try await Status(status: "unavailable", database: kind, problems: problems).encodeResponse(status: .serviceUnavailable, for: request)
        }
        return try await Status(status: "ok", database: kind).encodeResponse(for: request)
    }

    /// Whether `work` finishes, without error, within `limit`.
    static func within(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Void) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await work()) != nil }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// Prometheus text format, for loopback or a scraper with `CCHC_METRICS_TOKEN`: route counts and
    /// latencies are not personal data, but a government server does not publish them. Measures the pool
    /// first, so each scrape carries a fresh reading.
    func metrics(_ request: Request) async throws -> Response {
        guard Self.mayReadMetrics(request) else { throw DomainError(.forbidden, "auth.forbidden") }
        let metrics = request.application.services.metrics
        let kind = request.config.database.isSQLite ? "sqlite" : "postgresql"
        let clock = ContinuousClock()
        let start = clock.now
        if (try? await DatabasePreparation.ping(request.db)) != nil {
            metrics.recordPoolProbe(clock.now - start, databaseKind: kind)
        }
        var buffer: [UInt8] = []
        metrics.registry.emit(into: &buffer)
        let response = Response(status: .ok, body: .init(data: Data(buffer)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }

    static func mayReadMetrics(_ request: Request) -> Bool {
        if let expected = request.config.metricsToken, let sent = request.headers.bearerAuthorization?.token, sent.constantTimeEquals(expected) {
            return true
        }
        // The connection's own peer: a forwarded address says nothing about who is on this machine.
        switch request.remoteAddress {
        case .v4(let address)?: return address.host == "127.0.0.1"
        case .v6(let address)?: return address.host == "::1"
        default: return false
        }
    }

    /// The OpenAPI 3.1 document the API is generated from.
    func openAPIDocument(_ request: Request) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"), let data = try? Data(contentsOf: url) else {
            throw Abort(.notFound)
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return response
    }
}
