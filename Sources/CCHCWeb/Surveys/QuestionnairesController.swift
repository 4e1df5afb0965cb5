import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// Phiếu khảo sát: the questionnaires of each audience by version. Survey readers see every version and
/// download it as JSON; reform staff load a new version (JSON) from a day, with why. A version with any
/// error is refused whole, each error named, and the one in force stays.
struct QuestionnairesController {
    static let path = "/admin/questionnaires"

    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.viewSurveys)).get("admin", "questionnaires", use: index)
        routes.access(.permission(.viewSurveys)).get("admin", "questionnaires", ":audience", ":version", use: download)
        routes.access(.permission(.manageSurveys)).bodies(upTo: 512 * 1024).post("admin", "questionnaires", use: create)
    }

    struct VersionRow: Encodable {
        var audience: String
        var version: Int
        var from: String
        var to: String?
        var inForce: Bool
        var setBy: String
        var reason: String
        var href: String
    }

    struct Page: Encodable {
        var versions: [VersionRow]
        var current: SurveyForm?
        var audiences: [SelectOption]
        var canEdit: Bool
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        let service = SurveyService(store: request.store)
        var form = FormState(values: ["effectiveFrom": request.today.adding(days: 1).description, "audience": SurveyAudience.citizens.rawValue])
        form.values["questionnaire"] = try await service.questionnaires(.citizens).latest.map { try Self.json($0.rules) } ?? ""
        // The latest version of each audience as the page showed it: a version added since is a conflict.
        for audience in SurveyAudience.allCases {
            form.values["expected_\(audience.rawValue)"] = String(try await service.questionnaires(audience).latest?.version ?? 0)
        }
        return try await render(request, form: form)
    }

    func download(_ request: Request) async throws -> Response {
        guard let audience = SurveyAudience(rawValue: request.parameters.get("audience") ?? ""),
            let number = request.parameters.get("version").flatMap({ Int($0.replacingOccurrences(of: ".json", with: "")) }),
            let version = try await SurveyService(store: request.store).questionnaires(audience).version(number)
        else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(string: try Self.json(version.rules)))
        response.headers.contentType = .json
        response.headers.contentDisposition = .init(.attachment, filename: "phieu-khao-sat-\(audience.rawValue)-\(number).json")
        return response
    }

    func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let values = try request.form.fields.filter {
            ["questionnaire", "audience", "effectiveFrom", "reason", "expected_citizens", "expected_leaders"].contains($0.key)
        }
        let audience = SurveyAudience(rawValue: values["audience"] ?? "") ?? .citizens
        do {
            let questionnaire = try RuleSetJSON.decode(Questionnaire.self, values["questionnaire"] ?? "", field: "questionnaire")
            guard let from = LocalDate(flexible: values["effectiveFrom"] ?? "") else {
                throw DomainError.validation(questionnaire.errors() + [FieldError("effectiveFrom", "error.date_invalid")])
            }
            let expected = Int(values["expected_\(audience.rawValue)"] ?? "") ?? 0
            let added = try await SurveyService(store: request.store).proposeQuestionnaire(
                questionnaire, for: audience, effectiveFrom: from, reason: values["reason"] ?? "", by: user, now: request.now,
                expectedLatest: expected == 0 ? nil : expected)
            return request.redirect(
                to: Self.path, flash: "flash.questionnaire_saved", ["version": String(added.version), "date": added.effectiveFrom.vietnameseFormat])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, at: "questionnaire", besides: ["effectiveFrom", "reason"], request)
            return try await render(request, form: form, status: Problem(error).status)
        }
    }

    static func json(_ questionnaire: Questionnaire) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(questionnaire), as: UTF8.self)
    }

    private func render(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let service = SurveyService(store: request.store)
        let today = request.today
        var rows: [VersionRow] = []
        var current: SurveyForm?
        for audience in SurveyAudience.allCases {
            let history = try await service.questionnaires(audience)
            rows += history.versions.reversed().map { version in
                VersionRow(
                    audience: request.t("survey.audience.\(audience.rawValue)"), version: version.version, from: version.effectiveFrom.vietnameseFormat,
                    to: version.effectiveTo?.adding(days: -1).vietnameseFormat, inForce: version.isInForce(on: today), setBy: version.setBy,
                    reason: version.reason, href: "\(Self.path)/\(audience.rawValue)/\(version.version).json")
            }
            if audience == .citizens, let inForce = history.inForce(on: today) {
                current = SurveyForm(inForce.rules, form: FormState(), request: request)
            }
        }
        let audience = form.values["audience"] ?? ""
        let page = Page(
            versions: rows, current: current,
            audiences: SurveyAudience.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t("survey.audience.\($0.rawValue)"), selected: $0.rawValue == audience)
            }, canEdit: request.currentUser?.can(.manageSurveys) ?? false, form: form)
        return try await request.render("surveys/questionnaires", title: request.t("survey.questionnaires.title"), page, status: status)
    }
}
