import CCHCCore
import Foundation
import SQLKit

/// Periodic reports and their schedule on either database; codes `BC-2026-001` number a year's reports.
struct FluentPeriodicReportRepository: PeriodicReportRepository {
    let handle: DatabaseHandle
    static let table = "periodic_reports"
    static let codePrefix = "BC"

    private var schedules: RuleSetTable<ReportSchedule> { RuleSetTable(table: "rule_sets", kind: "report_schedule", handle: handle) }

    func scheduleHistory() async throws -> ReportScheduleHistory {
        ReportScheduleHistory(try await schedules.versions())
    }

    func addSchedule(_ added: ReportScheduleVersion, closing closed: ReportScheduleVersion?) async throws {
        try await schedules.add(added, closing: closed)
    }

    func create(_ report: PeriodicReport) async throws -> PeriodicReport {
        try await handle.writeSQL { sql in
            let existing = try await sql.select().column("code").from(Self.table).where("unit_id", .equal, report.unitID)
                .where("year", .equal, report.year).where("period", .equal, report.periodCode).first(decodingColumn: "code", as: String.self)
            if let existing { throw DomainError(.conflict, "report.exists", arguments: ["code": existing]) }
            var stored = report
            stored.code = try await DossierWritePath.yearlyCode(prefix: Self.codePrefix, year: report.year, on: sql)
            try await sql.insert(into: Self.table).columns("id", "code", "unit_id", "year", "period", "document", "version")
                .values(
                    SQLBind(stored.id), SQLBind(stored.code), SQLBind(stored.unitID), SQLBind(stored.year), SQLBind(stored.periodCode),
                    SQLBind(try JSONCoding.string(stored)), SQLBind(stored.version)
                )
                .run()
            return stored
        }
    }

    func update(_ report: PeriodicReport, expectedVersion: Int) async throws {
        try await handle.writeSQL { sql in
            guard
                try await sql.update(
                    Self.table, id: report.id, ifVersion: expectedVersion, set: [("document", try JSONCoding.string(report)), ("version", report.version)])
            else { throw DomainError.staleVersion(current: expectedVersion + 1) }
        }
    }

    func find(code: String) async throws -> PeriodicReport? {
        try await handle.sql.select().column("document").from(Self.table).where("code", .equal, code).first().map(decode)
    }

    func find(unitID: UUID, year: Int, period: String) async throws -> PeriodicReport? {
        try await handle.sql.select().column("document").from(Self.table).where("unit_id", .equal, unitID).where("year", .equal, year)
            .where("period", .equal, period).first().map(decode)
    }

    func list(year: Int, period: String?) async throws -> [PeriodicReport] {
        var query = handle.sql.select().column("document").from(Self.table).where("year", .equal, year)
        if let period { query = query.where("period", .equal, period) }
        return try await query.orderBy("code").all().map(decode)
    }

    private func decode(_ row: any SQLRow) throws -> PeriodicReport {
        try DocumentRow.decode(PeriodicReport.self, row, table: Self.table)
    }
}
