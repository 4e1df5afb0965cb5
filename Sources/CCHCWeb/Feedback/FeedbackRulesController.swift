import CCHCCore
import Vapor
import WorkCalendar

/// Thời hạn xử lý phản ánh: the working days each stage may take, by version. Whoever reads the province's
/// settings sees every version; an administrator sets a new one from a day, with why. Items keep the version
/// in force on the day they came in.
struct FeedbackRulesController {
    static let path = "/admin/feedback-rules"
    static let fields = ["acceptWithin", "askWithin", "answerWithin", "publishWithin", "effectiveFrom", "reason", "expectedLatestVersion"]

    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.viewSettings)).get("admin", "feedback-rules", use: index)
        routes.access(.permission(.manageSettings)).post("admin", "feedback-rules", use: create)
    }

    struct Row: Encodable {
        var version: Int
        var from: String
        var to: String?
        var inForce: Bool
        var accept: Int
        var ask: Int
        var answer: Int
        var publish: Int
        var setBy: String
        var reason: String
    }

    struct Page: Encodable {
        var versions: [Row]
        var canEdit: Bool
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        let history = try await request.feedbackService.rulesHistory()
        let latest = history.latest?.rules ?? .qd766
        let values = [
            "acceptWithin": String(latest.acceptWithin), "askWithin": String(latest.askWithin), "answerWithin": String(latest.answerWithin),
            "publishWithin": String(latest.publishWithin), "effectiveFrom": request.today.adding(days: 1).description, "reason": "",
            "expectedLatestVersion": String(history.latest?.version ?? 0),
        ]
        return try await render(request, history: history, form: FormState(values: values))
    }

    func create(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.fields)
        let service = request.feedbackService
        do {
            let expected = Int(values["expectedLatestVersion"] ?? "") ?? 0
            let added = try await service.proposeRules(
                try Self.rules(values), effectiveFrom: try Self.day(values["effectiveFrom"] ?? ""), reason: values["reason"] ?? "",
                by: try request.requireUser(), now: request.now, expectedLatest: expected == 0 ? nil : expected)
            return request.redirect(
                to: Self.path, flash: "flash.feedback_rules_saved", ["version": String(added.version), "date": added.effectiveFrom.vietnameseFormat])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, history: try await service.rulesHistory(), form: form, status: Problem(error).status)
        }
    }

    /// The four numbers as typed; one that is not a whole number is named (the range is the rules' own check).
    static func rules(_ values: [String: String]) throws -> FeedbackRules {
        var errors: [FieldError] = []
        func number(_ name: String) -> Int {
            guard let value = Int((values[name] ?? "").trimmingCharacters(in: .whitespaces)) else {
                errors.append(FieldError(name, "error.range", ["min": "1", "max": "90"]))
                return 1
            }
            return value
        }
        let rules = FeedbackRules(
            acceptWithin: number("acceptWithin"), askWithin: number("askWithin"), answerWithin: number("answerWithin"),
            publishWithin: number("publishWithin"))
        try errors.throwIfAny()
        return rules
    }

    static func day(_ text: String) throws -> LocalDate {
        guard let day = LocalDate(flexible: text) else { throw DomainError.validation([FieldError("effectiveFrom", "error.date_invalid")]) }
        return day
    }

    private func render(_ request: Request, history: FeedbackRulesHistory, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let today = request.today
        let page = Page(
            versions: history.versions.reversed().map { version in
                Row(
                    version: version.version, from: version.effectiveFrom.vietnameseFormat, to: version.effectiveTo?.adding(days: -1).vietnameseFormat,
                    inForce: version.isInForce(on: today), accept: version.rules.acceptWithin, ask: version.rules.askWithin,
                    answer: version.rules.answerWithin, publish: version.rules.publishWithin, setBy: version.setBy, reason: version.reason)
            }, canEdit: request.currentUser?.can(.manageSettings) ?? false, form: form)
        return try await request.render("feedback/rules", title: request.t("feedback.rules.title"), page, status: status)
    }
}
