import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// Chỉ số CCHC: the campaigns of each year and level, the criteria sets by version (read, exported as JSON
/// or CSV, loaded from either), and opening and moving a campaign through its phases.
struct ParIndexController {
    static let path = "/par"
    static let criteriaFields = ["set", "format", "year", "level", "title", "decision", "reason", "expectedLatest"]
    static let campaignFields = ["year", "level", "title", "selfAssessmentDue", "appraisalDue", "reviewDue", "publishOn"]

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPar))
        let managers = routes.access(.permission(.managePar))
        readers.get("par", use: index)
        readers.get("par", "criteria", ":year", ":level", ":version", use: criteria)
        managers.get("par", "criteria", "new", use: newCriteria)
        managers.bodies(upTo: 1024 * 1024).post("par", "criteria", use: loadCriteria)
        managers.post("par", "campaigns", use: openCampaign)
        readers.get("par", "campaigns", ":code", use: campaign)
        managers.post("par", "campaigns", ":code", "advance", use: advance)
    }

    // MARK: Home

    struct HomePage: Encodable {
        struct Campaign: Encodable {
            var code: String
            var title: String
            var level: String
            var state: String
            var units: Int
            var submitted: Int
            var confirmed: Int
        }

        struct Criteria: Encodable {
            var year: Int
            var level: String
            var version: Int
            var title: String
            var decision: String
            var setBy: String
            var reason: String
            var href: String
        }

        var campaigns: [Campaign]
        var criteria: [Criteria]
        var canManage: Bool
        var form: FormState
        var levels: [SelectOption]
        var year: Int
    }

    func index(_ request: Request) async throws -> Response {
        let year = request.today.year
        let form = FormState(values: [
            "year": String(year), "level": ParLevel.department.rawValue, "title": "Đánh giá Chỉ số CCHC năm \(year)",
            "selfAssessmentDue": "\(year)-12-15", "appraisalDue": "\(year + 1)-01-15", "reviewDue": "\(year + 1)-01-31", "publishOn": "\(year + 1)-02-15",
        ])
        return try await renderHome(request, form: form)
    }

    func renderHome(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let service = ParService(store: request.store)
        var campaigns: [HomePage.Campaign] = []
        for campaign in try await service.campaigns(by: user) {
            let assessments = try await service.readableAssessments(campaign, by: user)
            campaigns.append(
                .init(
                    code: campaign.code, title: campaign.title, level: request.t(campaign.level.messageKey), state: request.t(campaign.state.messageKey),
                    units: campaign.unitIDs.count, submitted: assessments.filter { $0.state != .draft }.count,
                    confirmed: assessments.filter { $0.state == .confirmed }.count))
        }
        let criteria = try await service.criteriaVersions(by: user).map { version in
            HomePage.Criteria(
                year: version.set.year, level: request.t(version.set.level.messageKey), version: version.version, title: version.set.title,
                decision: version.set.decision, setBy: version.setBy, reason: version.reason,
                href: "/par/criteria/\(version.set.year)/\(version.set.level.rawValue)/\(version.version)")
        }
        let chosen = form.values["level"] ?? ""
        let page = HomePage(
            campaigns: campaigns, criteria: criteria, canManage: user.can(.managePar), form: form,
            levels: ParLevel.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosen) },
            year: request.today.year)
        return try await request.render("par/index", title: request.t("par.title"), page, status: status)
    }

    // MARK: Criteria sets

    struct CriteriaPage: Encodable {
        struct Row: Encodable {
            var code: String
            var name: String
            var depth: Int
            var maximum: String
            var method: String
            var rule: String
            var evidence: String?
            var notApplicable: Bool
            var section: String?
        }

        var year: Int
        var level: String
        var levelCode: String
        var version: Int
        var title: String
        var decision: String
        var setBy: String
        var reason: String
        var rows: [Row]
        var grades: String
        var cohorts: String
    }

    func criteria(_ request: Request) async throws -> Response {
        guard let year = request.parameters.get("year").flatMap(Int.init), let level = request.parameters.get("level").flatMap(ParLevel.init),
            let number = request.parameters.get("version").flatMap(Int.init)
        else { throw Abort(.notFound) }
        let version = try await ParService(store: request.store).criteria(year: year, level: level, version: number, by: try request.requireUser())
        let name = "bo-tieu-chi-cchc-\(year)-\(level.rawValue)-v\(number)"
        switch request.query[String.self, at: "format"] {
        case "json":
            let response = Response(status: .ok, body: .init(string: try Self.json(version.set)))
            response.headers.contentType = .json
            response.headers.contentDisposition = .init(.attachment, filename: name + ".json")
            return response
        case "csv": return ServiceIndexController.csv(ParCriteriaCSV.rows(version.set), filename: name + ".csv")
        default: break
        }
        func rows(_ node: ParNode, depth: Int) -> [CriteriaPage.Row] {
            [
                CriteriaPage.Row(
                    code: node.code, name: node.name, depth: depth, maximum: ParRule.number(node.maximum),
                    method: node.method.map { request.t("par.method.\($0.kind)") + Self.methodDetail($0) } ?? "",
                    rule: node.rule.map { Self.describe($0, request) } ?? "", evidence: node.evidence, notApplicable: node.allowsNotApplicable,
                    section: depth == 1 && node.section != .scale ? request.t("par.section.\(node.section.rawValue)") : nil)
            ] + node.children.flatMap { rows($0, depth: depth + 1) }
        }
        let set = version.set
        let page = CriteriaPage(
            year: year, level: request.t(level.messageKey), levelCode: level.rawValue, version: number, title: set.title, decision: set.decision,
            setBy: version.setBy, reason: version.reason, rows: set.fields.flatMap { rows($0, depth: 1) },
            grades: set.grades.map { "\($0.label) ≥ \(ParRule.number($0.minimum)) %" }.joined(separator: "; "),
            cohorts: set.cohorts.map(\.name).joined(separator: "; "))
        return try await request.render("par/criteria", title: set.title, page)
    }

    static func methodDetail(_ method: ParMethod) -> String {
        switch method {
        case .computed(let measure): " (\(measure.rawValue))"
        case .survey(let source): " (\(source.rawValue))"
        case .selfAssessed, .statistic: ""
        }
    }

    /// A rule as a reader says it.
    static func describe(_ rule: ParRule, _ request: Request) -> String {
        switch rule {
        case .yesNo: request.t("par.rule.yes_no")
        case .points: request.t("par.rule.points")
        case .tiers(let shares): request.t("par.rule.tiers", ["tiers": shares.map { ParRule.number($0 * 100) + " %" }.joined(separator: " / ")])
        case .proportional(let target): request.t("par.rule.proportional", ["target": ParRule.number(target)])
        case .deduction(let each): request.t("par.rule.deduction", ["each": ParRule.number(each)])
        }
    }

    static func json(_ set: ParCriteriaSet) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(set), as: UTF8.self)
    }

    struct NewCriteriaPage: Encodable {
        var form: FormState
        var levels: [SelectOption]
        var latest: Int
    }

    /// The load form, started from the bundled set, last year's, or the newest version of the year.
    func newCriteria(_ request: Request) async throws -> Response {
        let year = request.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil } ?? request.today.year
        let level = request.query[String.self, at: "level"].flatMap(ParLevel.init) ?? .department
        let service = ParService(store: request.store)
        let latest = try await service.latestCriteria(year: year, level: level)
        var set = latest?.set ?? (level == .province ? ParCriteriaSet.provincial(year: year) : ParCriteriaSet.local(year: year, level: level))
        switch request.query[String.self, at: "from"] {
        case "bundled": set = level == .province ? .provincial(year: year) : .local(year: year, level: level)
        case "last-year": set = try await service.cloned(year: year, level: level)
        default: break
        }
        let form = FormState(values: [
            "set": try Self.json(set), "format": "json", "year": String(year), "level": level.rawValue, "title": set.title, "decision": set.decision,
            "reason": "", "expectedLatest": String(latest?.version ?? 0),
        ])
        return try await renderNewCriteria(request, form: form)
    }

    func loadCriteria(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let values = request.formValues(Self.criteriaFields)
        let service = ParService(store: request.store)
        do {
            let set = try await Self.set(from: values, service: service)
            let version = try await service.loadCriteria(
                set, reason: values["reason"] ?? "", expectedLatest: Int(values["expectedLatest"] ?? "") ?? -1, by: user, now: request.now)
            return request.redirect(
                to: "/par/criteria/\(set.year)/\(set.level.rawValue)/\(version.version)", flash: "flash.par_criteria_loaded",
                ["version": String(version.version), "year": String(set.year)])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, at: "set", besides: ["reason", "year", "level", "title"], request)
            return try await renderNewCriteria(request, form: form, status: Problem(error).status)
        }
    }

    /// The set typed or pasted: JSON whole, or a CSV of the tree with the year, level, title and decision
    /// from the form and the grades and cohorts of the level's newest set (or the bundled one).
    static func set(from values: [String: String], service: ParService) async throws -> ParCriteriaSet {
        let text = values["set"] ?? ""
        guard values["format"] == "csv" else { return try RuleSetJSON.decode(ParCriteriaSet.self, text, field: "set") }
        guard let year = Int(values["year"] ?? ""), let level = ParLevel(rawValue: values["level"] ?? "") else {
            throw DomainError.validation([FieldError("year", "error.invalid_value")])
        }
        let base =
            try await service.latestCriteria(year: year, level: level)?.set ?? (level == .province ? .provincial(year: year) : .local(year: year, level: level))
        return ParCriteriaSet(
            year: year, level: level, title: values["title"] ?? "", decision: values["decision"] ?? "", fields: try ParCriteriaCSV.fields(text),
            grades: base.grades, cohorts: base.cohorts)
    }

    private func renderNewCriteria(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let chosen = form.values["level"] ?? ""
        let page = NewCriteriaPage(
            form: form, levels: ParLevel.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosen) },
            latest: Int(form.values["expectedLatest"] ?? "") ?? 0)
        return try await request.render("par/criteria-new", title: request.t("par.criteria.new"), page, status: status)
    }

    // MARK: Campaigns

    func openCampaign(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.campaignFields)
        let day = { (name: String) in LocalDate(flexible: values[name] ?? "") }
        let draft = ParCampaignDraft(
            year: Int(values["year"] ?? "") ?? 0, level: ParLevel(rawValue: values["level"] ?? "") ?? .department, title: values["title"] ?? "",
            selfAssessmentDue: day("selfAssessmentDue"), appraisalDue: day("appraisalDue"), reviewDue: day("reviewDue"), publishOn: day("publishOn"))
        do {
            let campaign = try await ParService(store: request.store).open(draft, by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/par/campaigns/\(campaign.code)", flash: "flash.par_campaign_opened", ["code": campaign.code])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderHome(request, form: form, status: Problem(error).status)
        }
    }

    func advance(_ request: Request) async throws -> Response {
        let values = request.formValues(["version"])
        let campaign = try await ParService(store: request.store).advance(
            code: request.parameters.get("code") ?? "", expectedVersion: Int(values["version"] ?? "") ?? -1, by: try request.requireUser(),
            now: request.now)
        return request.redirect(to: "/par/campaigns/\(campaign.code)", flash: "flash.par_campaign_advanced", ["state": request.t(campaign.state.messageKey)])
    }
}
