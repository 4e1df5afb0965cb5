import CCHCCore
import CSVFormat
import Foundation
import Vapor

/// The results of a campaign (ranks within cohorts, grades, change on last year, self-score beside the
/// appraised score, a chart and a CSV), the points each unit's live-data items are losing so far, and the
/// province's place in the national table.
struct ParResultsController {
    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPar))
        readers.get("par", "campaigns", ":code", "results", use: results)
        readers.get("par", "at-risk", use: atRisk)
        readers.get("par", "national", use: national)
        routes.access(.permission(.managePar)).bodies(upTo: 512 * 1024).post("par", "national", use: importNational)
    }

    struct ResultsPage: Encodable {
        struct Row: Encodable {
            var rank: String
            var unitCode: String
            var unitName: String
            var cohort: String
            var selfIndex: String
            var index: String
            var grade: String
            var change: String
            var places: String
            var fields: [String]
            var href: String
        }

        var code: String
        var title: String
        var criteria: String
        var state: String
        var fieldCodes: [String]
        var rows: [Row]
        var chart: String
    }

    func results(_ request: Request) async throws -> Response {
        let results = try await ParService(store: request.store).results(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        let language = request.language
        func n(_ value: Double?) -> String { value.map { IndexFormat.number(ParCriteriaSet.rounded($0), language: language) } ?? "—" }
        func signed(_ value: Double?) -> String { value.map { ($0 > 0 ? "+" : "") + n($0) } ?? "—" }
        let fields = results.set.scaleFields
        let rows = results.rows.map { row in
            ResultsPage.Row(
                rank: row.rank.map { "\($0)/\(row.cohortSize)" } ?? "—", unitCode: row.unit.code, unitName: row.unit.name, cohort: row.cohort?.name ?? "",
                selfIndex: n(row.selfScore.index), index: n(row.index), grade: row.grade ?? "—", change: signed(row.change),
                places: row.placesChange.map { $0 > 0 ? "↑\($0)" : $0 < 0 ? "↓\(-$0)" : "=" } ?? "—",
                fields: fields.map { field in
                    let index = row.appraised.fields.first { $0.code == field.code }?.index
                    return n(index) + (row.fieldRanks[field.code].map { " (\($0))" } ?? "")
                }, href: "/par/campaigns/\(results.campaign.code)/units/\(row.unit.code)")
        }
        if request.query[String.self, at: "format"] == "csv" {
            let header = ["rank", "unit_code", "unit", "cohort", "self_index", "index", "grade", "change", "places"] + fields.map { "field_\($0.code)" }
            return ServiceIndexController.csv(
                [header] + rows.map { [$0.rank, $0.unitCode, $0.unitName, $0.cohort, $0.selfIndex, $0.index, $0.grade, $0.change, $0.places] + $0.fields },
                filename: "chi-so-cchc-\(results.campaign.code).csv")
        }
        let chart = SVGChart.bars(
            results.rows.map { (label: $0.unit.name, value: $0.index, margin: nil) }, maximum: 100, title: request.t("par.results.chart"),
            valueText: { n($0) })
        let page = ResultsPage(
            code: results.campaign.code, title: results.campaign.title,
            criteria: "\(results.set.title) (v\(results.campaign.criteriaVersion), \(results.set.decision))",
            state: request.t(results.campaign.state.messageKey), fieldCodes: fields.map(\.code), rows: rows, chart: chart)
        return try await request.render("par/results", title: request.t("par.results.title", ["code": results.campaign.code]), page)
    }

    struct RiskPage: Encodable {
        struct Row: Encodable {
            var unitName: String
            var lost: String
            var leaves: [String]
        }

        var year: Int
        var level: String
        var levels: [SelectOption]
        var criteria: String?
        var rows: [Row]
    }

    /// All year, before any campaign: the points each unit's live-data items lose on the figures so far.
    func atRisk(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let year = request.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil } ?? request.today.year
        let level = request.query[String.self, at: "level"].flatMap(ParLevel.init) ?? .department
        let service = ParService(store: request.store)
        let set = try await service.latestCriteria(year: year, level: level)?.set ?? (level == .province ? nil : ParCriteriaSet.local(year: year, level: level))
        let tree = try await request.store.units.tree()
        var rows: [RiskPage.Row] = []
        if let set {
            let reached = user.reachedUnits(for: .viewPar, in: tree)
            let units = ParService.assessedUnits(set, tree: tree, on: request.today).filter { reached?.contains($0.id) ?? true }
            rows = try await service.pointsAtRisk(set, units: units, year: year, now: request.now).map { risk in
                RiskPage.Row(
                    unitName: risk.unit.name, lost: ParRule.number(ParCriteriaSet.rounded(risk.lost)),
                    leaves: risk.leaves.map { leaf in
                        let figure = leaf.figure.map { ParRule.number($0.value) } ?? request.t("par.no_data")
                        return
                            "\(leaf.leaf.code) \(leaf.leaf.name): \(figure) → \(leaf.points.map { ParRule.number(ParCriteriaSet.rounded($0)) } ?? "—")/\(ParRule.number(leaf.leaf.maximum))"
                    })
            }
        }
        let page = RiskPage(
            year: year, level: level.rawValue,
            levels: [ParLevel.department, .commune].map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0 == level) },
            criteria: set.map { "\($0.title) (\($0.decision))" }, rows: rows)
        return try await request.render("par/at-risk", title: request.t("par.at_risk.title"), page)
    }
}
