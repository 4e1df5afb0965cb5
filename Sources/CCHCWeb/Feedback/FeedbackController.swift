import CCHCCore
import Vapor

/// Xử lý phản ánh, kiến nghị: the queue of the items an officer's units must handle (or, for reform staff,
/// the whole province's), each item with its history and the actions the policy table allows now.
struct FeedbackController {
    func register(_ routes: any RoutesBuilder) {
        let staff = routes.access(.permission(.viewDossiers))
        staff.get("feedback", use: index)
        staff.get("feedback", ":code", use: show)
        staff.post("feedback", ":code", "actions", use: act)
        staff.get("feedback", ":code", "files", ":id", use: file)
    }

    struct IndexPage: Encodable {
        var q: String
        var states: [SelectOption]
        var overdueOnly: Bool
        var rows: [FeedbackRow]
        var nextHref: String?
        var rulesNote: String?
    }

    func index(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let q = request.query[String.self, at: "q"] ?? ""
        let stateText = request.query[String.self, at: "state"] ?? ""
        let overdueOnly = request.query[String.self, at: "overdue"] == "1"
        let state = FeedbackState(rawValue: stateText)
        let today = request.today
        let query = FeedbackQuery(
            states: state.map { [$0] } ?? [], stageDueBefore: overdueOnly ? today : nil, text: q.isEmpty ? nil : SearchText.fold(q),
            cursor: request.query[String.self, at: "cursor"], limit: 50)
        let result = try await request.feedbackService.queue(query, by: user)
        let tree = try await request.store.units.tree()
        let calendar = try await request.workingCalendar()
        let states =
            [SelectOption(value: "", label: request.t("feedback.state.all"), selected: state == nil)]
            + FeedbackState.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0 == state) }
        let rules = try await request.feedbackService.rulesHistory().inForce(on: today)
        let page = IndexPage(
            q: q, states: states, overdueOnly: overdueOnly,
            rows: result.items.map { FeedbackRow($0, tree: tree, calendar: calendar, today: today, request: request, href: "/feedback/\($0.code)") },
            nextHref: result.nextCursor.map { cursor in
                "/feedback?q=\(Request.percentEncoded(q))&state=\(stateText)&overdue=\(overdueOnly ? "1" : "")&cursor=\(Request.percentEncoded(cursor))"
            },
            rulesNote: rules.map {
                request.t(
                    "feedback.rules.note",
                    [
                        "version": String($0.version), "accept": String($0.rules.acceptWithin), "ask": String($0.rules.askWithin),
                        "answer": String($0.rules.answerWithin), "publish": String($0.rules.publishWithin),
                    ])
            })
        return try await request.render("feedback/index", title: request.t("feedback.queue.title"), page)
    }

    struct ShowPage: Encodable {
        var feedback: FeedbackDetail
        var actions: FeedbackActionForms?
    }

    func show(_ request: Request) async throws -> Response {
        try await render(request, code: request.parameters.get("code") ?? "", form: FormState())
    }

    func act(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        let values = request.formValues(["version"] + FeedbackActionInput.fields)
        let service = request.feedbackService
        let (feedback, _) = try await service.view(code: code, by: user)
        do {
            let action = try FeedbackActionInput.action(values, tree: try await request.store.units.tree())
            guard !action.kind.isSender else { throw DomainError(.forbidden, "feedback.action.forbidden") }
            let saved = try await service.act(
                on: feedback, action, expectedVersion: Int(values["version"] ?? "") ?? -1, by: .staff(user), now: request.now)
            return request.redirect(to: "/feedback/\(saved.code)", flash: "flash.feedback_saved", ["code": saved.code])
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, code: code, form: form, status: Problem(error).status)
        }
    }

    func file(_ request: Request) async throws -> Response {
        let (feedback, _) = try await request.feedbackService.view(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        return try await request.download(feedback, file: request.parameters.get("id"))
    }

    private func render(_ request: Request, code: String, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let (feedback, events) = try await request.feedbackService.view(code: code, by: user)
        let tree = try await request.store.units.tree()
        let kinds = FeedbackPolicy.available(to: .staff(user), on: feedback, tree: tree)
        let page = ShowPage(
            feedback: FeedbackDetail(
                feedback, events: events, tree: tree, today: request.today, request: request, attachmentsAt: "/feedback/\(feedback.code)/files"),
            actions: kinds.isEmpty ? nil : FeedbackActionForms(kinds, feedback: feedback, form: form, request: request))
        return try await request.render("feedback/show", title: "\(request.t("feedback.title")) \(feedback.code)", page, status: status)
    }
}
