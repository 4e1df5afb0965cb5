import CCHCCore
import Vapor

/// Phản ánh của tôi: a citizen signed in follows the feedback sent from the account without its PIN,
/// and replies, raises it again or rates the answer there.
struct MyFeedbackController {
    func register(_ routes: any RoutesBuilder) {
        let citizens = routes.access(.permission(.fileOwnDossiers))
        citizens.get("my", "feedback", use: index)
        citizens.get("my", "feedback", ":code", use: show)
        citizens.post("my", "feedback", ":code", "actions", use: act)
        citizens.get("my", "feedback", ":code", "files", ":id", use: file)
    }

    struct IndexPage: Encodable {
        var rows: [FeedbackRow]
        var nextHref: String?
    }

    func index(_ request: Request) async throws -> Response {
        let page = try await request.feedbackService.mine(try request.requireUser(), cursor: request.query[String.self, at: "cursor"], limit: 50)
        let tree = try await request.store.units.tree()
        let calendar = try await request.workingCalendar()
        let rows = page.items.map { FeedbackRow($0, tree: tree, calendar: calendar, today: request.today, request: request, href: "/my/feedback/\($0.code)") }
        let next = page.nextCursor.map { "/my/feedback?cursor=\(Request.percentEncoded($0))" }
        return try await request.render("feedback/mine", title: request.t("feedback.mine.title"), IndexPage(rows: rows, nextHref: next))
    }

    struct ShowPage: Encodable {
        var feedback: FeedbackDetail
        var actions: FeedbackActionForms?
        var flash: String?
    }

    func show(_ request: Request) async throws -> Response {
        let feedback = try await request.feedbackService.own(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        return try await render(request, feedback, form: FormState(), flash: request.query[String.self, at: "saved"] == "1" ? request.t("feedback.saved") : nil)
    }

    func act(_ request: Request) async throws -> Response {
        let values = request.formValues(["version"] + FeedbackActionInput.fields)
        let service = request.feedbackService
        let feedback = try await service.own(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        do {
            let action = try FeedbackActionInput.action(values, tree: try await request.store.units.tree())
            guard action.kind.isSender else { throw DomainError(.forbidden, "feedback.action.forbidden") }
            let saved = try await service.act(on: feedback, action, expectedVersion: Int(values["version"] ?? "") ?? -1, by: .sender, now: request.now)
            return request.redirect(to: "/my/feedback/\(saved.code)?saved=1")
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, feedback, form: form, status: Problem(error).status)
        }
    }

    func file(_ request: Request) async throws -> Response {
        let feedback = try await request.feedbackService.own(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        return try await request.download(feedback, file: request.parameters.get("id"))
    }

    private func render(_ request: Request, _ feedback: Feedback, form: FormState, flash: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let tree = try await request.store.units.tree()
        let kinds = FeedbackPolicy.available(to: .sender, on: feedback, tree: tree)
        let page = ShowPage(
            feedback: FeedbackDetail(
                feedback, events: try await request.store.feedback.events(of: feedback.id), tree: tree, today: request.today, request: request,
                publicView: false, attachmentsAt: "/my/feedback/\(feedback.code)/files"),
            actions: kinds.isEmpty
                ? nil : FeedbackActionForms(kinds, feedback: feedback, form: form, request: request, postTo: "/my/feedback/\(feedback.code)/actions"),
            flash: flash)
        return try await request.render("feedback/my-item", title: "\(request.t("feedback.title")) \(feedback.code)", page, status: status)
    }
}
