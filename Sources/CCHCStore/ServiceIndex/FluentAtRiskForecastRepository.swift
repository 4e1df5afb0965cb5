import CCHCCore
import Foundation
import SQLKit

/// One row, the whole report as JSON: it is written every ten minutes and read whole.
struct FluentAtRiskForecastRepository: AtRiskForecastRepository {
    let handle: DatabaseHandle

    func save(_ report: AtRiskReport) async throws {
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        try await handle.writeSQL { sql in
            try await sql.raw(
                """
                INSERT INTO at_risk_forecast (id, computed_at, report) VALUES (1, \(bind: report.computedAt), \(bind: json)) \
                ON CONFLICT (id) DO UPDATE SET computed_at = excluded.computed_at, report = excluded.report
                """
            ).run()
        }
    }

    func latest(computedAfter cutoff: Date) async throws -> AtRiskReport? {
        guard let row = try await handle.sql.raw("SELECT report FROM at_risk_forecast WHERE id = 1 AND computed_at > \(bind: cutoff)").first()
        else { return nil }
        return try JSONDecoder().decode(AtRiskReport.self, from: Data(try row.decode(column: "report", as: String.self).utf8))
    }
}
