import CCHCCore
import Vapor

/// Tra cứu hồ sơ: anyone with a receipt looks the dossier up by code and PIN, and rates it once returned.
/// The PIN travels in a POST body, never in an address that browsers and proxies keep.
struct LookupController {
    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("lookup", use: form)
        everyone.post("lookup", use: lookUp)
        everyone.post("lookup", "rating", use: rate)
    }

    struct Page: Encodable {
        var form: FormState
        var dossier: PublicDossier?
        var pin: String?
        var rating: RatingForm?
    }

    func form(_ request: Request) async throws -> Response {
        let code = request.query[String.self, at: "code"] ?? ""
        return try await render(request, Page(form: FormState(values: ["code": code, "pin": ""])))
    }

    func lookUp(_ request: Request) async throws -> Response {
        let values = request.formValues(["code", "pin"])
        do {
            let dossier = try await request.dossierLookup.progress(
                code: values["code"] ?? "", pin: values["pin"] ?? "", address: request.throttleKey, now: request.now)
            return try await show(dossier, pin: values["pin"] ?? "", request)
        } catch let error as DomainError where error.kind == .notFound || error.kind == .rateLimited {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, Page(form: form), status: Problem(error).status)
        }
    }

    func rate(_ request: Request) async throws -> Response {
        let values = request.formValues(["code", "pin", "satisfaction", "comment"] + Rating.indicators.map { "score_\($0)" })
        let dossier: Dossier
        do {
            dossier = try await request.dossierLookup.find(code: values["code"] ?? "", pin: values["pin"] ?? "", address: request.throttleKey, now: request.now)
        } catch let error as DomainError where error.kind == .notFound || error.kind == .rateLimited {
            var form = FormState(values: ["code": values["code"] ?? "", "pin": ""])
            form.show(error, request)
            return try await render(request, Page(form: form), status: Problem(error).status)
        }
        do {
            let action = try DossierActionInput(kind: DossierAction.Kind.rate.rawValue, fields: values).action(
                officeHours: try await request.provinceSettings().rules.officeHours, now: request.now)
            let saved = try await request.dossierService().act(on: dossier, action, expectedVersion: dossier.version, by: .applicant, now: request.now)
            return try await show(DossierProgress(saved), pin: values["pin"] ?? "", request)
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: values)
            form.show(error, request)
            return try await show(DossierProgress(dossier), pin: values["pin"] ?? "", request, ratingForm: form, status: Problem(error).status)
        }
    }

    private func show(
        _ dossier: DossierProgress, pin: String, _ request: Request, ratingForm: FormState = FormState(), status: HTTPStatus = .ok
    ) async throws -> Response {
        let view = try await request.publicDossier(dossier)
        let rating = view.canRate ? RatingForm(ratingForm, request) : nil
        return try await render(
            request, Page(form: FormState(values: ["code": dossier.code, "pin": ""]), dossier: view, pin: pin, rating: rating), status: status)
    }

    private func render(_ request: Request, _ page: Page, status: HTTPStatus = .ok) async throws -> Response {
        try await request.render("lookup/index", title: request.t("lookup.title"), page, status: status)
    }
}

/// The rating form: nine indicators scored 0–2 and overall satisfaction (DOMAIN.md §3.5).
struct RatingForm: Encodable {
    struct Indicator: Encodable {
        var name: String
        var label: String
        var options: [SelectOption]
    }

    var indicators: [Indicator]
    var satisfaction: [SelectOption]
    var comment: String
    var form: FormState

    init(_ form: FormState, _ request: Request) {
        indicators = Rating.indicators.map { indicator in
            let chosen = form.values["score_\(indicator)"] ?? ""
            return Indicator(
                name: "score_\(indicator)", label: request.t("rating.indicator.\(indicator)"),
                options: (0...2).reversed().map { SelectOption(value: String($0), label: request.t("rating.score.\($0)"), selected: String($0) == chosen) })
        }
        let chosen = form.values["satisfaction"] ?? ""
        satisfaction = Rating.Satisfaction.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosen) }
        comment = form.values["comment"] ?? ""
        self.form = form
    }
}
