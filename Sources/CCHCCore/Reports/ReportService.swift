import CSVFormat
import Foundation
import WorkCalendar

/// Periodic reports: the schedule as versioned data; drafting a unit's report for a period from what cchc
/// holds; writing its narrative and editing its tables; the head's approval; sending it; and what Home
/// Affairs reads of who sent theirs on time.
public struct ReportService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    // MARK: The schedule

    public func scheduleHistory() async throws -> ReportScheduleHistory {
        try await store.reports.scheduleHistory()
    }

    /// The first version (CV 581's four reports) where there is none; at start-up, as the other rule sets'.
    public func bootstrap(now: Date) async throws {
        guard try await scheduleHistory().latest == nil else { return }
        let first = ReportScheduleVersion(
            version: 1, effectiveFrom: LocalDate(year: 2022, month: 1, day: 1)!, rules: .cv581, setBy: "system",
            reason: "Công văn 581/BNV-CCHC: báo cáo quý I, 6 tháng, quý III và năm; hạn gửi ngày 20 tháng cuối kỳ", setAt: now)
        do {
            try await store.reports.addSchedule(first, closing: nil)
        } catch let error as DomainError where error.kind == .conflict {}
    }

    public func proposeSchedule(
        _ schedule: ReportSchedule, effectiveFrom: LocalDate, reason: String, by user: User, now: Date, expectedLatest: Int?
    ) async throws -> ReportScheduleVersion {
        guard user.can(.managePlans) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (added, closed) = try await scheduleHistory().adding(
            schedule, ruleErrors: schedule.errors(), effectiveFrom: effectiveFrom, reason: reason, setBy: user.username, now: now,
            expectedLatest: expectedLatest)
        try await store.reports.addSchedule(added, closing: closed)
        return added
    }

    /// The reports owed for `year` (`ReportScheduleHistory.owed`).
    public func periods(year: Int) async throws -> (version: ReportScheduleVersion, periods: [ReportDue]) {
        guard let owed = try await scheduleHistory().owed(year: year) else { throw DomainError(.notFound, "report.schedule.none") }
        return owed
    }

    // MARK: Reports

    /// The reports of `year` of the units `user` reaches.
    public func reports(year: Int, period: String? = nil, by user: User) async throws -> [PeriodicReport] {
        guard user.can(.viewReports) else { throw DomainError(.forbidden, "auth.forbidden") }
        let reached = user.reachedUnits(for: .viewReports, in: try await store.units.tree())
        return try await store.reports.list(year: year, period: period).filter { reached?.contains($0.unitID) ?? true }
    }

    public func report(code: String, by user: User) async throws -> PeriodicReport {
        guard user.can(.viewReports), let report = try await store.reports.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("report.not_found")
        }
        let tree = try await store.units.tree()
        if let reached = user.reachedUnits(for: .viewReports, in: tree), !reached.contains(report.unitID), !reached.contains(report.preparingUnitID) {
            throw DomainError.notFound("report.not_found")
        }
        return report
    }

    /// Drafts `unitCode`'s report for a period of `year`: its window and due day from the schedule, its
    /// figures read now, the outline's sections empty. One report per unit and period (a 409 naming the
    /// existing one); a period whose window has not begun cannot be drafted.
    public func draft(unitCode: String, year: String, period: String, by user: User, now: Date) async throws -> PeriodicReport {
        guard user.can(.prepareReports) else { throw DomainError(.forbidden, "auth.forbidden") }
        let tree = try await store.units.tree()
        let today = VietnamTime.localDate(of: now)
        var errors: [FieldError] = []
        let unit = tree.unit(code: unitCode.trimmed.uppercased())
        if unit == nil { errors.append(FieldError("unitCode", "feedback.unit.not_found")) }
        let year = Int(year.trimmed).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil { errors.append(FieldError("year", "error.range", ["min": "2000", "max": "2100"])) }
        var due: ReportDue?
        if let year { due = try await periods(year: year).periods.first { $0.rule.window.code == period.trimmed } }
        if year != nil, due == nil { errors.append(FieldError("period", "report.period.unknown")) }
        if let due, due.days.lowerBound > today {
            errors.append(FieldError("period", "report.period.not_started", ["date": due.days.lowerBound.vietnameseFormat]))
        }
        try errors.throwIfAny()
        guard let unit, let year, let due else { throw DomainError.validation([FieldError("period", "report.period.unknown")]) }
        _ = try tree.reachable(unit, by: user, for: .prepareReports)
        if let existing = try await store.reports.find(unitID: unit.id, year: year, period: due.rule.window.code) {
            throw DomainError(.conflict, "report.exists", arguments: ["code": existing.code])
        }
        let figures = try await figures(of: unit, year: year, periodCode: due.rule.window.code, days: due.days, tree: tree, today: today)
        let report = PeriodicReport(
            unitID: unit.id, preparingUnitID: unit.parentID == nil ? (user.unitID ?? unit.id) : unit.id, year: year, period: due.rule, days: due.days,
            dueOn: due.dueOn, scheduleVersion: due.schedule.version, outline: due.schedule.rules.outline, figures: figures,
            tables: ReportTables.make(figures), by: user.username, at: now)
        return try await store.reports.create(report)
    }

    /// Reads the figures again; the tables staff edited stay as they are.
    public func refresh(code: String, expectedVersion: Int, by user: User, now: Date) async throws -> PeriodicReport {
        let tree = try await store.units.tree()
        return try await act(.refresh, code: code, expectedVersion: expectedVersion, by: user, now: now) { report in
            guard let unit = tree.unitsByID[report.unitID] else { throw DomainError.notFound("report.not_found") }
            report.figures = try await figures(
                of: unit, year: report.year, periodCode: report.periodCode, days: report.from...report.to, tree: tree, today: VietnamTime.localDate(of: now))
            let edited = Dictionary(report.tables.filter(\.edited).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            report.tables = ReportTables.make(report.figures).map { edited[$0.key] ?? $0 }
            report.figuresAt = now
        }
    }

    /// Writes the narrative sections given (by key) and replaces the tables given (by key, as CSV with the
    /// header row first); every bad one named, nothing stored then.
    public func edit(
        code: String, sections: [String: String], tables: [String: String], expectedVersion: Int, by user: User, now: Date
    ) async throws -> PeriodicReport {
        try await act(.edit, code: code, expectedVersion: expectedVersion, by: user, now: now) { report in
            var errors: [FieldError] = []
            for (key, text) in sections {
                guard let position = report.sections.firstIndex(where: { $0.key == key }) else {
                    errors.append(FieldError("sections.\(key)", "report.section.unknown"))
                    continue
                }
                if text.count > 20_000 { errors.append(FieldError("sections.\(key)", "error.too_long", ["max": "20000"])) }
                report.sections[position].text = text.trimmed
            }
            for (key, text) in tables {
                guard let position = report.tables.firstIndex(where: { $0.key == key }) else {
                    errors.append(FieldError("tables.\(key)", "report.table.unknown"))
                    continue
                }
                guard text.count <= 200_000, let rows = try? CSV.parse(text), let header = rows.first, !header.isEmpty, rows.count <= 1001,
                    rows.allSatisfy({ $0.count == header.count && $0.allSatisfy { $0.count <= 500 } })
                else {
                    errors.append(FieldError("tables.\(key)", "report.table.invalid"))
                    continue
                }
                let table = report.tables[position]
                if header != table.header || rows.dropFirst().map({ $0 }) != table.rows {
                    report.tables[position] = ReportTable(key: key, title: table.title, header: header, rows: Array(rows.dropFirst()), edited: true)
                }
            }
            try errors.throwIfAny()
        }
    }

    /// The head approves: every section must be written (each empty one named).
    public func approve(code: String, expectedVersion: Int, by user: User, now: Date) async throws -> PeriodicReport {
        try await act(.approve, code: code, expectedVersion: expectedVersion, by: user, now: now) { report in
            try report.emptySections.map { FieldError("sections.\($0.key)", "report.section.empty", ["title": $0.title]) }.throwIfAny()
            report.approvedBy = user.username
            report.approvedAt = now
        }
    }

    public func reopen(code: String, expectedVersion: Int, by user: User, now: Date) async throws -> PeriodicReport {
        try await act(.reopen, code: code, expectedVersion: expectedVersion, by: user, now: now) { report in
            report.approvedBy = nil
            report.approvedAt = nil
        }
    }

    /// Sends the approved report: the day it was sent is what on time is judged by.
    public func submit(code: String, expectedVersion: Int, by user: User, now: Date) async throws -> PeriodicReport {
        try await act(.submit, code: code, expectedVersion: expectedVersion, by: user, now: now) { report in
            report.submittedBy = user.username
            report.submittedAt = now
            report.submittedOn = VietnamTime.localDate(of: now)
        }
    }

    /// The policy table, the version check, the change, the new state, stored.
    private func act(
        _ action: ReportAction, code: String, expectedVersion: Int, by user: User, now: Date, _ change: (inout PeriodicReport) async throws -> Void
    ) async throws -> PeriodicReport {
        var report = try await report(code: code, by: user)
        try ReportPolicy.check(action, by: user, report: report, tree: try await store.units.tree())
        guard report.version == expectedVersion else { throw DomainError.staleVersion(current: report.version) }
        try await change(&report)
        report.state = ReportPolicy.next(action, from: report.state)
        report.version += 1
        report.updatedBy = user.username
        report.updatedAt = now
        try await store.reports.update(report, expectedVersion: expectedVersion)
        return report
    }
}

/// A report owed: its period, year, window and due day.
public struct ReportDue: Equatable, Sendable {
    public var rule: ReportPeriodRule
    public var year: Int
    public var days: ClosedRange<LocalDate>
    public var dueOn: LocalDate
    /// The schedule version it is owed under.
    public var schedule: ReportScheduleVersion
}
