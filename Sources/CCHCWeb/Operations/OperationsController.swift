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
    }

    /// The process is up and answering.
    func health(_ request: Request) async throws -> Status {
        Status(status: "ok")
    }

    /// The database answers: what a load balancer should wait for before sending traffic.
    func ready(_ request: Request) async throws -> Response {
        let kind = request.config.database.isSQLite ? "sqlite" : "postgresql"
        do {
            try await DatabasePreparation.ping(request.db)
            return try await Status(status: "ok", database: kind).encodeResponse(for: request)
        } catch {
            request.logger.warning("Readiness check failed", metadata: ["error": "\(String(reflecting: error))"])
            return try await Status(status: "unavailable", database: kind).encodeResponse(status: .serviceUnavailable, for: request)
        }
    }

    /// Prometheus text format. Measures the pool first, so each scrape carries a fresh reading.
    func metrics(_ request: Request) async throws -> Response {
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
