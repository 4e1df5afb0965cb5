import CCHCCore
import Foundation
import Vapor

/// The service index on the home page: this year's total for the user's unit (the province for those
/// who oversee it), its groups, and the way to the dashboard.
struct ServiceIndexSummary: Encodable {
    struct Group: Encodable {
        var name: String
        var score: String
        var measuredMaximum: String
    }

    var unitName: String
    var period: String
    var total: String
    var measuredMaximum: String
    var groups: [Group]
    var href: String
    var radarSVG: String

    static func make(for user: User, _ request: Request) async throws -> ServiceIndexSummary? {
        let service = try await request.serviceIndex()
        let context = try await service.context(try await service.period(nil, now: request.now))
        let own = user.role.reach == .unitSubtree ? user.unitID.flatMap { context.tree.unit(id: $0) } : nil
        guard let unit = own ?? context.tree.roots.first else { return nil }
        let score = context.calculator.score(unit.id)
        let language = request.language
        func n(_ value: Double) -> String { IndexFormat.number(value, language: language) }
        let names = Dictionary(uniqueKeysWithValues: context.set.rules.groups.map { ($0.code, language == .en ? $0.nameEn : $0.nameVi) })
        return ServiceIndexSummary(
            unitName: unit.name, period: context.period.text, total: n(score.total), measuredMaximum: n(score.measuredMaximum),
            groups: score.groups.map { Group(name: "\($0.code). \(names[$0.code] ?? "")", score: n($0.score), measuredMaximum: n($0.measuredMaximum)) },
            href: "/service-index?unit=\(unit.code)&period=\(context.period.text)",
            radarSVG: SVGChart.radar(
                score.groups.map { ($0.code, $0.measuredMaximum > 0 ? $0.score / $0.measuredMaximum : 0) }, title: request.t("index.radar")))
    }
}
