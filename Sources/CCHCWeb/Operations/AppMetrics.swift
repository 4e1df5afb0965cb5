import Prometheus
import Vapor

/// The Prometheus metrics cchc exports at /metrics. Each application has its own registry, so tests see
/// exactly what their requests recorded.
struct AppMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// Requests that gave up waiting for a database connection.
    let poolTimeouts: Counter

    static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), poolSize: Int, databaseKind: String) {
        self.registry = registry
        poolTimeouts = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "cchc_db_pool_timeouts", unitName: "total", helpText: "Requests that timed out waiting for a database connection"))
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "cchc_db_pool_max_connections", unitName: "", helpText: "Largest number of database connections the pool opens"),
            labels: [("database", databaseKind)]
        ).set(Double(poolSize))
    }

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer an HTTP request"),
            labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// Time to get a pooled connection and run `SELECT 1`, measured at each scrape: it grows when the
    /// pool is saturated.
    func recordPoolProbe(_ duration: Duration, databaseKind: String) {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "cchc_db_pool_probe", unitName: "seconds",
                helpText: "Seconds to acquire a database connection and run SELECT 1, at the last scrape"),
            labels: [("database", databaseKind)]
        ).set(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

/// Outermost middleware: the request id on the response, one log line per request, and the metrics.
/// Logs name the route pattern and path, never the query string (it may hold a lookup PIN).
struct RequestObservationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = await ErrorMiddleware().response(for: error, request)
        }
        let duration = clock.now - start
        let route = Self.routeLabel(request, response)
        request.application.services.metrics.recordRequest(
            method: request.method.rawValue, route: route, status: Int(response.status.code), duration: duration)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        request.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.path),
                "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible((duration.components.seconds * 1000) + duration.components.attoseconds / 1_000_000_000_000_000),
            ])
        return response
    }

    /// The route pattern (`/units/:code`), so that metrics do not get one series per unit.
    static func routeLabel(_ request: Request, _ response: Response) -> String {
        if let route = request.route {
            return "/" + route.path.map(\.description).joined(separator: "/")
        }
        return response.status == .notFound ? "unmatched" : "static"
    }
}
