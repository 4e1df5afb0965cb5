import CCHCCore
import Vapor

/// A campaign's page: what it asked of whom, and its results per unit, section and item with the margin
/// of error, the previous campaign beside it, a chart, the CSV of every ballot and a printable layout.
extension SurveysController {
    struct UnitRow: Encodable {
        var unit: String
        var population: String
        var invited: String
        var spent: String
        var responseRate: String
        var respondents: String
        var channels: String
        var index: String
        var margin: String
        var previous: String
        var change: String
        var sections: [String]
    }

    struct ItemRow: Encodable {
        var section: String
        var text: String
        var answered: String
        var score: String
    }

    struct ShowPage: Encodable {
        var code: String
        var title: String
        var audience: String
        var period: String
        var closesOn: String
        var state: String
        var isOpen: Bool
        var version: Int
        var questionnaire: String
        var seed: String
        var sampling: String
        var sectionNames: [String]
        var units: [UnitRow]
        var total: UnitRow
        var items: [ItemRow]
        var chartSVG: String
        var previousCode: String?
        var canManage: Bool
        var entryUnits: [SelectOption]
    }

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (current, previous) = try await SurveyService(store: request.store).results(code: request.parameters.get("code") ?? "", by: user)
        let campaign = current.campaign
        let language = request.language
        func number(_ value: Double?) -> String { value.map { IndexFormat.number($0, language: language) } ?? "—" }
        func row(_ figures: SurveyResults.Figures, name: String) -> UnitRow {
            let before = previous.flatMap { results in
                figures.unitID == nil ? results.total.index : results.units.first { $0.unitID == figures.unitID }?.index
            }
            return UnitRow(
                unit: name, population: IndexFormat.count(figures.population, language: language),
                invited: IndexFormat.count(figures.invited, language: language),
                spent: IndexFormat.count(figures.spent, language: language), responseRate: figures.responseRate.map { number($0) + " %" } ?? "—",
                respondents: IndexFormat.count(figures.respondents, language: language),
                channels: SurveyChannel.allCases.compactMap { channel in
                    figures.respondentsByChannel[channel].map { "\(request.t("survey.channel.\(channel.rawValue)")) \($0)" }
                }.joined(separator: ", "),
                index: number(figures.index), margin: figures.marginOfError.map { "± " + number($0) } ?? "", previous: number(before),
                change: figures.index.flatMap { now in before.map { (now >= $0 ? "+" : "") + number(now - $0) } } ?? "",
                sections: figures.sections.map { number($0.score) })
        }
        let questionnaire = current.questionnaire
        let items = questionnaire.sections.flatMap { section in
            section.items.compactMap { item -> ItemRow? in
                guard let figure = current.total.items.first(where: { $0.code == item.code }), item.kind != .text else { return nil }
                return ItemRow(
                    section: section.name.text(language.rawValue), text: item.text.text(language.rawValue),
                    answered: IndexFormat.count(figure.answered, language: language),
                    score: figure.score.map { number($0) + " %" } ?? figure.mean.map { number($0) } ?? "—")
            }
        }
        let tree = try await request.store.units.tree()
        let reach = SurveyService.deskUnits(of: user, in: tree)
        let page = ShowPage(
            code: campaign.code, title: campaign.title, audience: request.t("survey.audience.\(campaign.audience.rawValue)"),
            period: "\(campaign.periodFrom.vietnameseFormat) – \(campaign.periodTo.vietnameseFormat)", closesOn: campaign.closesOn.vietnameseFormat,
            state: request.t("survey.state.\(campaign.state.rawValue)"), isOpen: campaign.acceptsAnswers(on: request.today), version: campaign.version,
            questionnaire: request.t(
                "survey.campaign.questionnaire_note", ["version": String(campaign.questionnaireVersion), "title": questionnaire.title.text(language.rawValue)]),
            seed: String(campaign.seed),
            sampling: campaign.audience == .citizens
                ? request.t(
                    campaign.stratified ? "survey.campaign.sampling_stratified" : "survey.campaign.sampling",
                    ["e": IndexFormat.number(campaign.marginOfError * 100, decimals: 0, language: language)])
                : campaign.groups.map { "\($0.name): \($0.count)" }.joined(separator: "; "),
            sectionNames: questionnaire.sections.map { $0.name.text(language.rawValue) },
            units: current.units.map { row($0, name: $0.unitName) }, total: row(current.total, name: request.t("survey.results.total")), items: items,
            chartSVG: SVGChart.bars(
                current.units.map { ($0.unitName, $0.index, $0.marginOfError) }, maximum: 100, title: request.t("survey.results.chart"),
                valueText: { number($0) }),
            previousCode: previous?.campaign.code, canManage: user.can(.manageSurveys),
            entryUnits: campaign.targets.filter { reach?.contains($0.unitID) ?? true }.map {
                SelectOption(value: $0.unitCode, label: $0.unitName, selected: false)
            })
        return try await request.render("surveys/show", title: "\(campaign.code) · \(campaign.title)", page)
    }

    /// Every ballot as a row: unit, day, channel, group, then each item's answer by the item's code.
    func csv(_ request: Request) async throws -> Response {
        let (campaign, questionnaire, ballots) = try await SurveyService(store: request.store).ballots(
            code: request.parameters.get("code") ?? "", by: try request.requireUser())
        let items = questionnaire.items
        var rows = [["unit", "day", "channel", "group"] + items.map(\.code)]
        for (unitID, day, ballot) in ballots {
            rows.append(
                [campaign.target(unitID)?.unitCode ?? "", day.description, ballot.channel.rawValue, ballot.group ?? ""]
                    + items.map { ballot.answers[$0.code] ?? "" })
        }
        let response = ServiceIndexController.csv(rows, filename: "\(campaign.code).csv")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
