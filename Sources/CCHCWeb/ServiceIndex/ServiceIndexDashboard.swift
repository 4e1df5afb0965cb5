import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// What the dashboard, the unit head's view and the public page show of one unit and period, already
/// formatted in the reader's language.
struct ServiceIndexDashboard: Encodable {
    struct Indicator: Encodable {
        var code: String
        var name: String
        var hasData: Bool
        var numerator: String
        var denominator: String
        var ratio: String
        var score: String
        var maximum: String
        var href: String?
        var lost: Bool
    }

    struct Group: Encodable {
        var code: String
        var name: String
        var score: String
        var measuredMaximum: String
        var maximum: String
        var indicators: [Indicator]
    }

    struct Ranked: Encodable {
        var rank: Int
        var unit: String
        var href: String
        var total: String
        var measuredMaximum: String
        /// "▲ 2", "▼ 1", "=" or "mới" (not ranked before).
        var change: String
        var up: Bool
        var down: Bool
        var scoreChange: String
    }

    struct RankingTable: Encodable {
        var title: String
        var csv: String
        var rows: [Ranked]
    }

    struct FieldRow: Encodable {
        var field: String
        var received: String
        var finished: String
        var late: String
        var openOverdue: String
        var lateRate: String
        var high: Bool
    }

    struct Holder: Encodable {
        var unit: String
        var step: Int
        var count: String
    }

    var unitName: String
    var unitCode: String
    var period: String
    var periodRange: String
    var version: Int
    var total: String
    var measuredMaximum: String
    var band: String?
    var groups: [Group]
    var radarSVG: String
    var trendSVG: String?
    var rankings: [RankingTable]
    var previousPeriod: String
    var fields: [FieldRow]
    var holders: [Holder]
    var periodLinks: [PeriodLink]
    var isPublic: Bool
    var basePath: String
    var atRisk: AtRisk?

    struct AtRisk: Encodable {
        struct Row: Encodable {
            var code: String
            var procedure: String
            var holder: String
            var step: String
            var due: String
            var expected: String
        }

        /// No list yet: the first forecast is still being computed.
        var pending: Bool
        var count: Int
        var pointsAtStake: String
        var computedAt: String
        /// Every one when the CSV asked for them, else the first twenty, which the page shows.
        var rows: [Row]
        static let shownOnPage = 20
    }

    struct PeriodLink: Encodable {
        var label: String
        var href: String
        var current: Bool
    }

    static func make(
        unit: OrgUnit, context: ServiceIndexService.Context, service: ServiceIndexService, request: Request, isPublic: Bool, withTrend: Bool = true,
        allAtRisk: Bool = false
    ) async throws -> ServiceIndexDashboard {
        let language = request.language
        let set = context.set.rules
        let score = context.calculator.score(unit.id)
        let base = isPublic ? "/public/service-index" : "/service-index"
        let query = "unit=\(unit.code)&period=\(context.period.text)"
        func n(_ value: Double, _ decimals: Int = 2) -> String { IndexFormat.number(value, decimals: decimals, language: language) }
        let groups = set.groups.map { definition in
            let result = score.groups.first { $0.code == definition.code }
            return Group(
                code: definition.code, name: language == .en ? definition.nameEn : definition.nameVi, score: n(result?.score ?? 0),
                measuredMaximum: n(result?.measuredMaximum ?? 0), maximum: n(definition.maximum),
                indicators: set.indicators(in: definition.code).compactMap { indicator in
                    guard let result = score.indicator(indicator.code) else { return nil }
                    let mean = indicator.scaling.kind == .none && indicator.numerator == .dossiersElapsedHours
                    return Indicator(
                        code: indicator.code, name: indicator.name(language: language.rawValue), hasData: result.hasData,
                        numerator: result.numerator.map { n($0, 0) } ?? "", denominator: result.denominator.map { n($0, 0) } ?? "",
                        ratio: result.ratio.map { mean ? n($0, 1) : IndexFormat.percent($0, language: language) } ?? "—",
                        score: result.score.map { n($0) } ?? "—", maximum: n(indicator.maximum),
                        href: isPublic || !result.hasData || indicator.denominator == .unspecified
                            ? nil : "/service-index/indicators/\(indicator.code)?\(query)",
                        lost: (result.score ?? indicator.maximum) < indicator.maximum - 0.005)
                })
        }
        let radar = SVGChart.radar(
            set.groups.map { definition in
                let result = score.groups.first { $0.code == definition.code }
                let share = (result?.measuredMaximum ?? 0) > 0 ? (result!.score / result!.measuredMaximum) : 0
                return (definition.code + ". " + (language == .en ? definition.nameEn : definition.nameVi), share)
            }, title: request.t("index.radar"))
        // The trend's months are read and scored while the period before is read on another connection and the
        // rankings scored: on two cores, side by side (off the event loop, which a route's child tasks would
        // otherwise share with it).
        let year = context.period.end.year
        // The months up to the period's end; the rest of the year is drawn empty.
        let months = (1...12).compactMap { ReportPeriod.parse(String(format: "%04d-%02d", year, $0)) }.filter { $0.start <= context.period.end }
        async let trendScores = withTaskExecutorPreference(globalConcurrentExecutor) {
            withTrend ? try await service.scores(of: unit.id, months: months, alongside: context) : []
        }
        let previous = try await ServiceIndexService(store: request.sideStore, calendar: service.calendar).previousContext(context)
        // The two levels scored side by side, off the event loop as the trend is.
        async let departments = withTaskExecutorPreference(globalConcurrentExecutor) {
            try await service.rankings(.department, context: context, previous: previous)
        }
        let communes = try await withTaskExecutorPreference(globalConcurrentExecutor) {
            try await service.rankings(.commune, context: context, previous: previous)
        }
        func ranked(_ rows: [RankingRow]) -> [Ranked] {
            rows.map { row in
                let ranked = context.tree.unit(id: row.unitID)
                let change = row.rankChange
                return Ranked(
                    rank: row.rank, unit: ranked?.name ?? "", href: "\(base)?unit=\(ranked?.code ?? "")&period=\(context.period.text)",
                    total: n(row.total), measuredMaximum: n(row.measuredMaximum),
                    change: change.map { $0 > 0 ? "▲ \($0)" : $0 < 0 ? "▼ \(-$0)" : "=" } ?? request.t("index.rank.new"),
                    up: (change ?? 0) > 0, down: (change ?? 0) < 0,
                    scoreChange: row.scoreChange.map { ($0 >= 0 ? "+" : "") + n($0) } ?? "")
            }
        }
        let rankings = [
            RankingTable(title: request.t("index.rankings.department"), csv: "rankings-department.csv", rows: ranked(try await departments)),
            RankingTable(title: request.t("index.rankings.commune"), csv: "rankings-commune.csv", rows: ranked(communes)),
        ]
        var trend: String?
        if withTrend {
            let scores = try await trendScores
            let points: [(String, Double?)] = (1...12).map { month in
                guard let value = scores.indices.contains(month - 1) ? scores[month - 1] : nil else { return (String(month), nil) }
                return (String(month), value.measuredMaximum > 0 ? value.total / value.measuredMaximum * 100 : nil)
            }
            trend = SVGChart.trend(points, maximum: 100, title: request.t("index.trend", ["year": String(year)]), valueText: { n($0, 0) })
        }
        let fields = context.calculator.lateRates(unit.id).map { row in
            FieldRow(
                field: row.field, received: IndexFormat.count(row.received, language: language), finished: IndexFormat.count(row.finished, language: language),
                late: IndexFormat.count(row.late, language: language), openOverdue: IndexFormat.count(row.openOverdue, language: language),
                lateRate: row.lateRate.map { IndexFormat.percent($0, language: language) } ?? "—", high: (row.lateRate ?? 0) >= 0.1)
        }
        let holders =
            isPublic
            ? []
            : context.calculator.lateHolders(unit.id).prefix(15).map { holder in
                Holder(
                    unit: context.tree.unit(id: holder.unitID)?.name ?? "", step: holder.step + 1, count: IndexFormat.count(holder.count, language: language))
            }
        let linkTexts =
            [String(year), "\(year)-Q1", "\(year)-Q2", "\(year)-Q3", "\(year)-Q4", "\(year)-H1", "\(year)-9M"]
            + set.reportWindows.map { "\(year)-report-\($0.code)" }
        return ServiceIndexDashboard(
            unitName: unit.name, unitCode: unit.code, period: context.period.text,
            periodRange: context.period.start.vietnameseFormat + " – " + context.period.end.vietnameseFormat, version: context.set.version,
            total: n(score.total), measuredMaximum: n(score.measuredMaximum), band: set.band(for: score.total)?.label, groups: groups, radarSVG: radar,
            trendSVG: trend,
            rankings: rankings, previousPeriod: previous.period.text,
            fields: fields, holders: Array(holders),
            periodLinks: linkTexts.map { text in
                let window = set.reportWindows.first { text.hasSuffix("-report-\($0.code)") }
                return PeriodLink(
                    label: window.map { language == .en ? $0.nameEn : $0.nameVi } ?? text, href: "\(base)?unit=\(unit.code)&period=\(text)",
                    current: text == context.period.text)
            }, isPublic: isPublic, basePath: base,
            atRisk: isPublic ? nil : try await atRisk(unit: unit, context: context, service: service, request: request, all: allAtRisk))
    }

    /// The unit's dossiers forecast to run late (the background job's latest list), the soonest due first:
    /// `all` of them, or those the page shows; pending while the first list is computed.
    static func atRisk(
        unit: OrgUnit, context: ServiceIndexService.Context, service: ServiceIndexService, request: Request, all: Bool
    ) async throws -> AtRisk {
        guard let report = try await request.application.services.atRisk.current(request.application) else {
            return AtRisk(pending: true, count: 0, pointsAtStake: "", computedAt: "", rows: [])
        }
        let (count, forecasts) = report.atRisk(within: context.tree.subtreeIDs(of: unit.id), first: all ? .max : AtRisk.shownOnPage)
        let rows = forecasts.map { forecast in
            AtRisk.Row(
                code: forecast.code, procedure: forecast.procedureCode, holder: context.tree.unit(id: forecast.holderID)?.name ?? "",
                step: forecast.step.map { String($0 + 1) } ?? "", due: DisplayFormat.dateTime(forecast.dueAt),
                expected: DisplayFormat.dateTime(forecast.expectedFinish))
        }
        return AtRisk(
            pending: false, count: count,
            pointsAtStake: IndexFormat.number(service.pointsAtStake(unit, atRisk: count, context: context), language: request.language),
            computedAt: DisplayFormat.dateTime(report.computedAt), rows: rows)
    }
}
