import Foundation
import WorkCalendar

extension ReportService {
    /// The figures of `unit` and the units under it over `days`, each read from its own module by the rules
    /// that module's pages use: the service index's counters (dossiers, late rates by field, feedback), the
    /// plans' key tasks as confirmed by the window's end, tasks due in the window, compliance answers given by
    /// then, dialogues held in it, surveys ending in it, the PAR campaigns of the year, and the reports the
    /// units under a province send in.
    public func figures(
        of unit: OrgUnit, year: Int, periodCode: String, days: ClosedRange<LocalDate>, tree: UnitTree, today: LocalDate
    ) async throws -> ReportFigures {
        let subtree = tree.subtreeIDs(of: unit.id)
        let end = VietnamTime.instant(on: LocalDate(dayNumber: days.upperBound.dayNumber + 1))
        var figures = ReportFigures()

        let tasks = try await store.tasks.list(TaskQuery(units: subtree, limit: 1_000_000))
        let start = VietnamTime.instant(on: days.lowerBound)
        for plan in try await store.plans.list() where plan.fromYear <= year {
            let keyTasks = tasks.filter { $0.source == TaskSource(.plan, reference: plan.code) }
            // A plan of the year, or one whose years are over with key tasks still outstanding when the window opened.
            guard !keyTasks.isEmpty, plan.toYear >= year || keyTasks.contains(where: { !Self.completed($0, by: start) }) else { continue }
            figures.plans.append(
                .init(
                    code: plan.code, title: plan.title, done: keyTasks.filter { Self.completed($0, by: end) }.count, total: keyTasks.count,
                    overdue: keyTasks.filter { $0.dueOn < days.upperBound && !Self.done($0, by: days.upperBound) }.count))
        }
        for task in tasks where days.contains(task.dueOn) {
            figures.tasks.due += 1
            if !Self.done(task, by: days.upperBound) {
                figures.tasks.open += 1
            } else if task.wasLate {
                figures.tasks.doneLate += 1
            } else {
                figures.tasks.doneOnTime += 1
            }
        }
        for requirement in try await store.compliance.list() where requirement.year == year {
            let asked = requirement.unitIDs.filter(subtree.contains)
            guard !asked.isEmpty else { continue }
            let done = asked.filter { unitID in requirement.answer(of: unitID).map { $0.done && $0.answeredAt < end } ?? false }
            figures.compliance.append(.init(code: requirement.code, title: requirement.title, done: done.count, total: asked.count))
        }

        if let context = try? await ServiceIndexService(store: store).context(ReportPeriod(text: "\(year)-report-\(periodCode)", days: days)) {
            let calculator = context.calculator
            let score = calculator.score(unit.id)
            let names = Dictionary(context.set.rules.indicators.map { ($0.code, $0.nameVi) }, uniquingKeysWith: { first, _ in first })
            figures.index = .init(
                setVersion: score.version, total: score.total, measuredMaximum: score.measuredMaximum, maximum: score.groups.reduce(0) { $0 + $1.maximum },
                indicators: score.indicators.map {
                    .init(code: $0.code, name: names[$0.code] ?? $0.code, ratio: $0.ratio.map { $0 * 100 }, score: $0.score, maximum: $0.maximum)
                })
            for rate in calculator.lateRates(unit.id) {
                figures.fields.append(
                    .init(
                        field: rate.field, received: rate.received, finished: rate.finished, late: rate.late, openOverdue: rate.openOverdue,
                        lateRate: rate.lateRate.map { $0 * 100 }))
                figures.dossiers.received += rate.received
                figures.dossiers.finished += rate.finished
                figures.dossiers.finishedLate += rate.late
                figures.dossiers.openOverdue += rate.openOverdue
            }
            let totals = calculator.counts.totals(units: subtree)
            typealias Counter = FeedbackCounters.Counter
            figures.feedback = .init(
                received: totals[Counter.received.indexName] ?? 0, finished: totals[Counter.finished.indexName] ?? 0,
                finishedOnTime: totals[Counter.finishedOnTime.indexName] ?? 0, openOverdue: totals[Counter.openOverdue.indexName] ?? 0)
        }

        let sessions = try await store.dialogues.list(units: subtree, from: days.lowerBound, to: days.upperBound)
        figures.dialogues = .init(sessions: sessions.count, questions: sessions.reduce(0) { $0 + $1.questions.count })

        let surveys = SurveyService(store: store)
        for campaign in try await store.surveys.campaigns().sorted(by: { $0.code < $1.code }) where days.contains(campaign.periodTo) {
            guard campaign.targets.contains(where: { subtree.contains($0.unitID) }) else { continue }
            let results = SurveyResults(
                campaign: campaign, questionnaire: try await surveys.questionnaire(of: campaign), tallies: try await store.surveys.tallies(of: campaign.id))
            let row = unit.parentID == nil ? results.total : results.units.first { $0.unitID == unit.id }
            guard let row else { continue }
            figures.surveys.append(.init(code: campaign.code, title: campaign.title, respondents: row.respondents, index: row.index))
        }

        for campaign in try await store.par.campaigns().sorted(by: { $0.code < $1.code }) where campaign.year == year || campaign.year == year - 1 {
            let assessments = try await store.par.assessments(campaignID: campaign.id).filter { subtree.contains($0.unitID) }
            guard !assessments.isEmpty else { continue }
            figures.par.append(
                .init(
                    code: campaign.code, year: campaign.year, state: campaign.state.rawValue, submitted: assessments.filter { $0.state != .draft }.count,
                    total: assessments.count))
        }

        if unit.parentID == nil {
            let reports = Dictionary(
                try await store.reports.list(year: year, period: periodCode).map { ($0.unitID, $0) }, uniquingKeysWith: { first, _ in first })
            for reporter in Self.reportingUnits(tree, today: today) {
                let report = reports[reporter.id].flatMap { $0.state == .submitted && ($0.submittedOn.map { $0 <= today } ?? false) ? $0 : nil }
                figures.submissions.append(
                    .init(
                        unitCode: reporter.code, unitName: reporter.name, reportCode: report?.code, submittedOn: report?.submittedOn?.description,
                        onTime: report.map { !$0.isLate(today: today) } ?? false))
            }
        }
        return figures
    }

    /// The units that send their reports to Home Affairs: every department and every commune in force.
    public static func reportingUnits(_ tree: UnitTree, today: LocalDate) -> [OrgUnit] {
        tree.units.filter { [.department, .district, .commune, .ward, .specialZone].contains($0.kind) && $0.isEffective(on: today) }
    }

    /// Reported done on or before `day`.
    static func done(_ task: AssignedTask, by day: LocalDate) -> Bool { task.doneOn.map { $0 <= day } ?? false }

    /// Counted as done by `instant`: for a plan's key task, confirmed by Home Affairs by then.
    static func completed(_ task: AssignedTask, by instant: Date) -> Bool {
        guard task.isCompleted else { return false }
        if let confirmed = task.plan?.confirmedAt { return confirmed < instant }
        return task.doneOn.map { VietnamTime.instant(on: $0) < instant } ?? false
    }
}

extension ReportService {
    /// Per unit, the reports of `year` whose due day has passed by `today`, and how many of them were sent
    /// late or not at all (what the PAR Index's report criterion deducts for).
    public func lateReports(units: [UUID], year: Int, today: LocalDate) async throws -> [UUID: (late: Int, due: Int)] {
        // Without a schedule nothing is owed.
        guard let owed = try? await periods(year: year).periods.filter({ $0.dueOn < today }), !owed.isEmpty else { return [:] }
        let reports = try await store.reports.list(year: year, period: nil)
        var counts: [UUID: (late: Int, due: Int)] = [:]
        for unitID in units {
            let late = owed.filter { due in
                guard let report = reports.first(where: { $0.unitID == unitID && $0.periodCode == due.rule.window.code }), report.state == .submitted
                else { return true }
                return report.isLate(today: today)
            }
            counts[unitID] = (late.count, owed.count)
        }
        return counts
    }
}
