import CCHCCore
import Vapor

/// Gửi và theo dõi phản ánh, kiến nghị: anyone sends feedback (an account fills in who they are), follows
/// it by code and PIN, replies, raises it again and rates the answer; published answers are public.
struct PublicFeedbackController {
    static let submissionFields = [
        "name", "phone", "email", "topic", "procedureCode", "unitCode", "dossierCode", "dossierPIN", "officialName", "title", "content",
    ]
    /// The form's file inputs (`attachment0`…) and the staged files it offers again after an error (`kept0`…).
    static let fileFields = Dictionary(uniqueKeysWithValues: (0..<Feedback.maximumAttachments).map { ("attachment\($0)", $0) })

    let limits: UploadForm.Limits

    init(uploadMaximumBytes: Int) {
        limits = UploadForm.Limits(fileBytes: uploadMaximumBytes, files: Feedback.maximumAttachments)
    }

    func register(_ routes: any RoutesBuilder) {
        let everyone = routes.access(.everyone)
        everyone.get("feedback", "new", use: newForm)
        everyone.upload("feedback", "new", limits: limits, use: submit)
        everyone.get("feedback", "lookup", use: lookupForm)
        everyone.post("feedback", "lookup", use: lookUp)
        everyone.post("feedback", "lookup", "action", use: act)
        everyone.post("feedback", "lookup", "file", use: file)
        everyone.get("feedback", "published", use: published)
    }

    struct NewPage: Encodable {
        struct FileInput: Encodable {
            var name: String
            var label: String
            var kept: UploadForm.KeptFile?
            var error: String?
        }

        var form: FormState
        var topics: [SelectOption]
        var hasAccount: Bool
        var files: [FileInput]
        var maximumMB: Int
        var sent: Sent?
    }

    struct Sent: Encodable {
        var code: String
        var pin: String
        var stageDue: String?
    }

    func newForm(_ request: Request) async throws -> Response {
        var values = Dictionary(uniqueKeysWithValues: Self.submissionFields.map { ($0, "") })
        for key in ["topic", "procedureCode", "unitCode", "dossierCode"] { values[key] = request.query[String.self, at: key] ?? "" }
        return try await renderNew(request, form: FormState(values: values))
    }

    /// The form, read as it arrives: files go to staging and become the item's attachments when it is
    /// stored. Files that passed their checks stay staged when the form comes back with errors and are
    /// offered again, so nothing has to be uploaded twice.
    func submit(_ request: Request) async throws -> Response {
        let owner = UploadForm.owner(request)
        let upload = try await UploadForm.read(
            request, fileFields: Self.fileFields, owner: owner, limits: limits, csrfToken: CSRFProtection.expectedToken(request))
        let values = upload.fields.filter { Self.submissionFields.contains($0.key) }
        let staged = try await upload.files(by: Self.fileFields, owner: owner, storage: request.application.services.files)
        let files = staged.sorted { $0.key < $1.key }.map(\.value)
        do {
            // A file refused by its content or size: every other field's errors are shown with it.
            var errors = upload.errors.map { FieldError($0.key, $0.value.code, $0.value.arguments) }
            errors += Self.submission(values).errors(hasAccount: request.currentUser?.has(.citizen) ?? false)
            if !upload.errors.isEmpty { try errors.throwIfAny() }
            let sent = try await request.feedbackService.submit(
                Self.submission(values), account: request.currentUser, staged: files, address: request.throttleKey, now: request.now)
            return try await renderNew(
                request, form: FormState(),
                sent: Sent(code: sent.feedback.code, pin: sent.pin, stageDue: sent.feedback.stageDue?.vietnameseFormat), status: .created)
        } catch let error as DomainError where error.kind == .validation || error.kind == .rateLimited {
            var form = FormState(values: values.merging(["dossierPIN": ""]) { $1 })
            form.show(error, request)
            return try await renderNew(request, form: form, kept: staged, status: Problem(error).status)
        }
    }

    static func submission(_ values: [String: String]) -> FeedbackSubmission {
        FeedbackSubmission(
            name: values["name"] ?? "", phone: values["phone"] ?? "", email: values["email"] ?? "",
            topic: FeedbackTopic(rawValue: values["topic"] ?? "") ?? .other, procedureCode: values["procedureCode"] ?? "",
            unitCode: values["unitCode"] ?? "", dossierCode: values["dossierCode"] ?? "", dossierPIN: values["dossierPIN"] ?? "",
            officialName: values["officialName"] ?? "", title: values["title"] ?? "", content: values["content"] ?? "")
    }

    private func renderNew(
        _ request: Request, form: FormState, kept: [Int: StagedFile] = [:], sent: Sent? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let chosen = form.values["topic"] ?? ""
        let topics = FeedbackTopic.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosen) }
        let hasAccount = request.currentUser?.has(.citizen) ?? false
        let files = (0..<Feedback.maximumAttachments).map { index in
            NewPage.FileInput(
                name: "attachment\(index)", label: request.t("feedback.attachment", ["number": String(index + 1)]),
                kept: kept[index].map(UploadForm.KeptFile.init),
                error: form.errors["attachment\(index)"])
        }
        let page = NewPage(
            form: form, topics: topics, hasAccount: hasAccount, files: files, maximumMB: limits.fileBytes / 1024 / 1024, sent: sent)
        return try await request.render("feedback/new", title: request.t("feedback.new.title"), page, status: status)
    }

    // MARK: Following it

    struct LookupPage: Encodable {
        var form: FormState
        var feedback: FeedbackDetail?
        var pin: String?
        var actions: FeedbackActionForms?
    }

    func lookupForm(_ request: Request) async throws -> Response {
        let code = request.query[String.self, at: "code"] ?? ""
        return try await renderLookup(request, LookupPage(form: FormState(values: ["code": code, "pin": ""])))
    }

    func lookUp(_ request: Request) async throws -> Response {
        let values = request.formValues(["code", "pin"])
        do {
            let feedback = try await request.feedbackService.lookUp(
                code: values["code"] ?? "", pin: values["pin"] ?? "", address: request.throttleKey, now: request.now)
            return try await show(feedback, pin: values["pin"] ?? "", request)
        } catch let error as DomainError where error.kind == .notFound || error.kind == .rateLimited {
            var form = FormState(values: ["code": values["code"] ?? "", "pin": ""])
            form.show(error, request)
            return try await renderLookup(request, LookupPage(form: form), status: Problem(error).status)
        }
    }

    /// An attachment, for whoever holds the item's code and PIN (posted, so the PIN stays out of URLs).
    func file(_ request: Request) async throws -> Response {
        let values = request.formValues(["code", "pin", "id"])
        let feedback = try await request.feedbackService.lookUp(
            code: values["code"] ?? "", pin: values["pin"] ?? "", address: request.throttleKey, now: request.now)
        return try await request.download(feedback, file: values["id"])
    }

    func act(_ request: Request) async throws -> Response {
        let values = request.formValues(["code", "pin", "version"] + FeedbackActionInput.fields)
        let service = request.feedbackService
        let feedback: Feedback
        do {
            feedback = try await service.lookUp(code: values["code"] ?? "", pin: values["pin"] ?? "", address: request.throttleKey, now: request.now)
        } catch let error as DomainError where error.kind == .notFound || error.kind == .rateLimited {
            var form = FormState(values: ["code": values["code"] ?? "", "pin": ""])
            form.show(error, request)
            return try await renderLookup(request, LookupPage(form: form), status: Problem(error).status)
        }
        do {
            let action = try FeedbackActionInput.action(values, tree: try await request.store.units.tree())
            guard action.kind.isSender else { throw DomainError(.forbidden, "feedback.action.forbidden") }
            let saved = try await service.act(
                on: feedback, action, expectedVersion: Int(values["version"] ?? "") ?? -1, by: .sender, now: request.now)
            return try await show(saved, pin: values["pin"] ?? "", request, flash: "feedback.saved")
        } catch let error as DomainError where error.kind != .notFound {
            var form = FormState(values: values.merging(["pin": ""]) { $1 })
            form.show(error, request)
            return try await show(feedback, pin: values["pin"] ?? "", request, form: form, status: Problem(error).status)
        }
    }

    private func show(
        _ feedback: Feedback, pin: String, _ request: Request, form: FormState = FormState(), flash: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let tree = try await request.store.units.tree()
        let events = try await request.store.feedback.events(of: feedback.id)
        let kinds = FeedbackPolicy.available(to: .sender, on: feedback, tree: tree)
        var lookupForm = FormState(values: ["code": feedback.code, "pin": ""])
        if let flash { lookupForm.general = request.t(flash) }
        let page = LookupPage(
            form: lookupForm,
            feedback: FeedbackDetail(feedback, events: events, tree: tree, today: request.today, request: request, publicView: false, pin: pin),
            pin: pin, actions: kinds.isEmpty ? nil : FeedbackActionForms(kinds, feedback: feedback, form: form, request: request, pin: pin))
        return try await renderLookup(request, page, status: status)
    }

    private func renderLookup(_ request: Request, _ page: LookupPage, status: HTTPStatus = .ok) async throws -> Response {
        try await request.render("feedback/lookup", title: request.t("feedback.lookup.title"), page, status: status)
    }

    // MARK: Published answers

    struct PublishedPage: Encodable {
        var q: String
        var items: [FeedbackDetail]
        var nextHref: String?
    }

    func published(_ request: Request) async throws -> Response {
        let q = request.query[String.self, at: "q"] ?? ""
        let cursor = request.query[String.self, at: "cursor"]
        let page: ResultPage<Feedback>
        do {
            page = try await request.feedbackService.published(text: q, cursor: cursor, limit: 20)
        } catch let error as DomainError where error.kind == .validation {
            page = ResultPage(items: [], nextCursor: nil)
        }
        let tree = try await request.store.units.tree()
        let items = page.items.map { FeedbackDetail($0, events: [], tree: tree, today: request.today, request: request, publicView: true) }
        let next = page.nextCursor.map { "/feedback/published?q=\(Request.percentEncoded(q))&cursor=\(Request.percentEncoded($0))" }
        return try await request.render(
            "feedback/published", title: request.t("feedback.published.title"), PublishedPage(q: q, items: items, nextHref: next))
    }
}
