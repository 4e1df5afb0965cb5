import CCHCCore
import Vapor

/// Trả lời phiếu khảo sát: the link (or QR code) on an invitation opens the questionnaire without an
/// account; the answer burns the token. A spent or unknown token gets one clear page and stores nothing.
struct PublicSurveyController {
    static func path(token: String) -> String { "/s/\(token)" }

    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("s", ":token", use: show)
        everyone.post("s", ":token", use: answer)
    }

    struct Page: Encodable {
        var action: String
        var campaignTitle: String
        var unitName: String
        var survey: SurveyForm?
        var form: FormState
        /// Set when the token opens nothing: why, in words.
        var unavailable: String?
        var thanked: Bool
    }

    func show(_ request: Request) async throws -> Response {
        try await render(request, form: FormState())
    }

    func answer(_ request: Request) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        let service = SurveyService(store: request.store)
        var values: [String: String] = [:]
        do {
            let (_, _, questionnaire) = try await service.ballot(token: token, now: request.now)
            values = request.formValues(SurveyForm.fields(questionnaire))
            try await service.answer(token: token, values, now: request.now)
            return try await render(request, form: FormState(), thanked: true)
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, form: form, status: .unprocessableEntity)
        } catch let error as DomainError where error.kind == .notFound || error.kind == .invalidState {
            // Spent meanwhile, unknown or closed: the page says which, and nothing was stored.
            return try await render(request, form: FormState())
        }
    }

    private func render(_ request: Request, form: FormState, thanked: Bool = false, status: HTTPStatus = .ok) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        var page = Page(action: Self.path(token: token), campaignTitle: "", unitName: "", form: form, thanked: thanked)
        var status = status
        if !thanked {
            do {
                let (campaign, invitation, questionnaire) = try await SurveyService(store: request.store).ballot(token: token, now: request.now)
                page.campaignTitle = campaign.title
                page.unitName = campaign.target(invitation.unitID)?.unitName ?? ""
                page.survey = SurveyForm(questionnaire, form: form, request: request)
            } catch let error as DomainError where error.kind == .notFound || error.kind == .invalidState {
                page.unavailable = request.localizer.message(error, request.language)
                status = Problem(error).status
            }
        }
        return try await request.render("surveys/answer", title: request.t("survey.answer.title"), page, status: status)
    }
}
