import Foundation
import WorkCalendar

/// A figure cchc filled in for a leaf: the value its rule reads, and where it came from.
public struct ParLiveFigure: Equatable, Sendable {
    public var value: Double
    public var source: String
}

extension ParService {
    /// The figures cchc holds for the leaves of `set` read from its own data (the service index, the tasks)
    /// and from the surveys, per unit, for `year` so far. A leaf without data has no figure: it earns nothing
    /// until one exists, and the page says so.
    public func liveFigures(_ set: ParCriteriaSet, units: [OrgUnit], year: Int, now: Date) async throws -> [UUID: [String: ParLiveFigure]] {
        let leaves = set.leaves.map(\.item)
        var figures: [UUID: [String: ParLiveFigure]] = [:]
        let indexLeaves = leaves.compactMap { leaf -> (code: String, indicator: String)? in
            guard case .computed(let measure)? = leaf.method, let indicator = measure.indicator else { return nil }
            return (leaf.code, indicator)
        }
        if !indexLeaves.isEmpty, let period = ReportPeriod.parse(String(year)) {
            // No indicator set loaded: the index has no figures to give.
            if let context = try? await ServiceIndexService(store: store).context(period) {
                for unit in units {
                    let score = context.calculator.score(unit.id)
                    for (code, indicator) in indexLeaves {
                        guard let ratio = score.indicators.first(where: { $0.code == indicator })?.ratio else { continue }
                        figures[unit.id, default: [:]][code] = ParLiveFigure(
                            value: ParCriteriaSet.rounded(ratio * 100),
                            source: "Chỉ số 766, chỉ tiêu \(indicator), năm \(year) (bộ chỉ số phiên bản \(score.version))")
                    }
                }
            }
        }
        let taskLeaves = leaves.filter { $0.method == .computed(.tasksOnTime) }.map(\.code)
        if !taskLeaves.isEmpty {
            let today = VietnamTime.localDate(of: now)
            for unit in units {
                guard let rate = try await tasksOnTime(unit: unit.id, year: year, today: today) else { continue }
                for code in taskLeaves {
                    figures[unit.id, default: [:]][code] = ParLiveFigure(
                        value: ParCriteriaSet.rounded(rate.share * 100), source: "Nhiệm vụ được giao năm \(year): \(rate.onTime)/\(rate.due) đúng hạn")
                }
            }
        }
        let reportLeaves = leaves.filter { $0.method == .computed(.reportsLate) }.map(\.code)
        if !reportLeaves.isEmpty {
            let today = VietnamTime.localDate(of: now)
            let late = try await ReportService(store: store).lateReports(units: units.map(\.id), year: year, today: today)
            for unit in units {
                guard let count = late[unit.id] else { continue }
                for code in reportLeaves {
                    figures[unit.id, default: [:]][code] = ParLiveFigure(
                        value: Double(count.late), source: "Báo cáo CCHC định kỳ năm \(year): \(count.late)/\(count.due) báo cáo đến hạn gửi chậm hoặc chưa gửi"
                    )
                }
            }
        }
        for source in ParSurveySource.allCases {
            let surveyLeaves = leaves.filter { $0.method == .survey(source) }.map(\.code)
            guard !surveyLeaves.isEmpty else { continue }
            for (unitID, figure) in try await surveyIndices(source, units: Set(units.map(\.id)), year: year) {
                for code in surveyLeaves { figures[unitID, default: [:]][code] = figure }
            }
        }
        return figures
    }

    /// The tasks put to a unit that were due in `year` by `today`: how many, and how many were done by their day.
    func tasksOnTime(unit: UUID, year: Int, today: LocalDate) async throws -> (onTime: Int, due: Int, share: Double)? {
        let tasks = try await store.tasks.list(TaskQuery(units: [unit], limit: 10_000)).filter { $0.dueOn.year == year }
        let due = tasks.filter { $0.state == .done || $0.isOverdue(today: today) }
        guard !due.isEmpty else { return nil }
        let onTime = due.filter { $0.state == .done && !$0.wasLate }.count
        return (onTime, due.count, Double(onTime) / Double(due.count))
    }

    /// Each unit's index in the latest survey of `source` whose period ended in `year`.
    func surveyIndices(_ source: ParSurveySource, units: Set<UUID>, year: Int) async throws -> [UUID: ParLiveFigure] {
        let audience: SurveyAudience = source == .citizens ? .citizens : .leaders
        let campaigns = try await store.surveys.campaigns().filter { $0.audience == audience && $0.periodTo.year == year }
            .sorted { $0.periodTo > $1.periodTo }
        var figures: [UUID: ParLiveFigure] = [:]
        let surveys = SurveyService(store: store)
        for campaign in campaigns where campaign.targets.contains(where: { units.contains($0.unitID) && figures[$0.unitID] == nil }) {
            let results = SurveyResults(
                campaign: campaign, questionnaire: try await surveys.questionnaire(of: campaign), tallies: try await store.surveys.tallies(of: campaign.id))
            for row in results.units {
                guard let unitID = row.unitID, units.contains(unitID), figures[unitID] == nil, let index = row.index else { continue }
                figures[unitID] = ParLiveFigure(
                    value: ParCriteriaSet.rounded(index),
                    source: "Khảo sát \(campaign.code): \(row.respondents) phiếu, chỉ số \(ParRule.number(ParCriteriaSet.rounded(index)))")
            }
        }
        return figures
    }

    /// Points at risk all year, before the campaign: per unit, the points its live-data leaves lose on the
    /// figures so far (their maximum less what the figures earn). A leaf without a figure yet is neither
    /// earned nor lost; the page says it has no data.
    public func pointsAtRisk(_ set: ParCriteriaSet, units: [OrgUnit], year: Int, now: Date) async throws -> [ParRisk] {
        let figures = try await liveFigures(set, units: units, year: year, now: now)
        let live = set.leaves.map(\.item).filter { leaf in
            switch leaf.method {
            case .computed?, .survey?: true
            default: false
            }
        }
        return units.map { unit in
            ParRisk(
                unit: unit,
                leaves: live.map { leaf in
                    let figure = figures[unit.id]?[leaf.code]
                    let points = figure.flatMap { figure in leaf.rule.flatMap { try? $0.points(figure.value, maximum: leaf.maximum).get() } }
                    return ParRisk.Leaf(leaf: leaf, figure: figure, points: points)
                })
        }.sorted { ($0.lost, $1.unit.code) > ($1.lost, $0.unit.code) }
    }
}

/// A unit's live-data leaves on the figures so far.
public struct ParRisk: Sendable {
    public struct Leaf: Sendable {
        public var leaf: ParNode
        public var figure: ParLiveFigure?
        /// Nil without a figure.
        public var points: Double?
        public var lost: Double { points.map { leaf.maximum - $0 } ?? 0 }
    }

    public var unit: OrgUnit
    public var leaves: [Leaf]
    public var lost: Double { leaves.reduce(0) { $0 + $1.lost } }
}
