import CCHCCore
import Vapor
import WorkCalendar

/// Khảo sát sự hài lòng: reform staff open campaigns (the sample drawn per unit, or respondent groups for a
/// leaders' survey), print the invitations and close the campaign; officers key in paper ballots and run
/// the counter's tablet; the steering committee and unit heads read the results.
struct SurveysController {
    static let path = "/surveys"
    static let draftFields = ["title", "audience", "periodFrom", "periodTo", "closesOn", "stratified", "seed", "groups", "units"]

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewSurveys))
        readers.get("surveys", use: index)
        readers.get("surveys", ":code", use: show)
        readers.get("surveys", ":code", "results.csv", use: csv)
        let managers = routes.access(.permission(.manageSurveys))
        managers.get("surveys", "new", use: newForm)
        managers.post("surveys", use: open)
        managers.post("surveys", ":code", "close", use: close)
        managers.get("surveys", ":code", "invitations", use: invitations)
        // Desk officers key in paper ballots and hand the tablet over for their own units.
        readers.get("surveys", ":code", "ballot", use: ballotForm)
        readers.post("surveys", ":code", "ballot", use: recordBallot)
    }

    struct Row: Encodable {
        var code: String
        var href: String
        var title: String
        var audience: String
        var period: String
        var closesOn: String
        var state: String
        var units: Int
        var invited: Int
    }

    struct IndexPage: Encodable {
        var rows: [Row]
        var canOpen: Bool
    }

    func index(_ request: Request) async throws -> Response {
        let campaigns = try await SurveyService(store: request.store).campaigns(by: try request.requireUser())
        let page = IndexPage(
            rows: campaigns.map { campaign in
                Row(
                    code: campaign.code, href: "\(Self.path)/\(campaign.code)", title: campaign.title,
                    audience: request.t("survey.audience.\(campaign.audience.rawValue)"),
                    period: "\(campaign.periodFrom.vietnameseFormat) – \(campaign.periodTo.vietnameseFormat)", closesOn: campaign.closesOn.vietnameseFormat,
                    state: request.t("survey.state.\(campaign.state.rawValue)"), units: campaign.targets.count,
                    invited: campaign.targets.map(\.invited).reduce(0, +))
            }, canOpen: request.currentUser?.can(.manageSurveys) ?? false)
        return try await request.render("surveys/index", title: request.t("survey.campaigns.title"), page)
    }

    // MARK: Opening

    struct UnitChoice: Encodable {
        var field: String
        var code: String
        var name: String
        var checked: Bool
    }

    struct NewPage: Encodable {
        var form: FormState
        var audiences: [SelectOption]
        var units: [UnitChoice]
        var questionnaireNote: String?
    }

    func newForm(_ request: Request) async throws -> Response {
        let today = request.today
        // The last quarter that has ended, closing in a month: what a province usually asks about.
        let startMonth = (today.month - 1) / 3 * 3 + 1
        let quarterStart = LocalDate(year: today.year, month: startMonth, day: 1)!
        let previousStart = LocalDate(year: startMonth == 1 ? today.year - 1 : today.year, month: startMonth == 1 ? 10 : startMonth - 3, day: 1)!
        let values = [
            "title": request.t("survey.campaign.default_title", ["year": String(today.year)]), "audience": SurveyAudience.citizens.rawValue,
            "periodFrom": previousStart.description, "periodTo": quarterStart.adding(days: -1).description,
            "closesOn": today.adding(days: 30).description, "groups": "",
        ]
        return try await renderNew(request, form: FormState(values: values))
    }

    func open(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var values = request.formValues(Self.draftFields)
        let unitFields = try request.form.fields.filter { $0.key.hasPrefix("unit:") && $0.value == "1" }
        for field in unitFields.keys { values[field] = "1" }
        let draft = SurveyCampaignDraft(
            title: values["title"] ?? "", audience: SurveyAudience(rawValue: values["audience"] ?? "") ?? .citizens,
            periodFrom: LocalDate(flexible: values["periodFrom"] ?? ""), periodTo: LocalDate(flexible: values["periodTo"] ?? ""),
            closesOn: LocalDate(flexible: values["closesOn"] ?? ""), unitCodes: unitFields.keys.map { String($0.dropFirst("unit:".count)) }.sorted(),
            stratified: values["stratified"] == "1", seed: UInt64(values["seed"] ?? ""), groups: Self.groups(values["groups"] ?? ""))
        do {
            if !(values["seed"] ?? "").isEmpty, draft.seed == nil { throw DomainError.validation([FieldError("seed", "survey.campaign.seed_invalid")]) }
            let campaign = try await SurveyService(store: request.store).open(draft, by: user, now: request.now)
            return request.redirect(to: "\(Self.path)/\(campaign.code)", flash: "flash.survey_opened", ["code": campaign.code])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderNew(request, form: form, status: .unprocessableEntity)
        }
    }

    /// One group per line, "name: count" (Lãnh đạo sở: 3).
    static func groups(_ text: String) -> [SurveyCampaign.RespondentGroup] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty else { return nil }
            return SurveyCampaign.RespondentGroup(name: name, count: parts.count == 2 ? Int(parts[1]) ?? 0 : 0)
        }
    }

    private func renderNew(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let tree = try await request.store.units.tree()
        let today = request.today
        let audience = form.values["audience"] ?? ""
        let units = tree.units.filter { $0.parentID != nil && $0.isEffective(on: today) }
        let current = try await SurveyService(store: request.store).questionnaires(.citizens).inForce(on: today)
        let page = NewPage(
            form: form,
            audiences: SurveyAudience.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t("survey.audience.\($0.rawValue)"), selected: $0.rawValue == audience)
            },
            units: units.map { UnitChoice(field: "unit:\($0.code)", code: $0.code, name: $0.name, checked: form.values["unit:\($0.code)"] == "1") },
            questionnaireNote: current.map { request.t("survey.campaign.questionnaire_note", ["version": String($0.version), "title": $0.rules.title.vi]) })
        return try await request.render("surveys/new", title: request.t("survey.campaign.new"), page, status: status)
    }

    func close(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let version = Int(request.field("version")) ?? -1
        do {
            _ = try await SurveyService(store: request.store).close(code: code, expectedVersion: version, by: try request.requireUser())
            return request.redirect(to: "\(Self.path)/\(code)", flash: "flash.survey_closed", ["code": code])
        } catch let error as DomainError where error.kind == .conflict || error.kind == .invalidState {
            return request.redirect(to: "\(Self.path)/\(code)", flash: error.code, error.arguments)
        }
    }
}
