import CCHCCore
import Vapor
import WorkCalendar

/// Đối thoại với người dân, doanh nghiệp: a unit records each session its head chaired, with the questions
/// raised and where each went; the year's page counts sessions per unit and quarter against the province's
/// requirement; the record prints.
struct DialoguesController {
    static let path = "/dialogues"

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewDialogues))
        readers.get("dialogues", use: index)
        let recorders = routes.access(.permission(.recordDialogues))
        recorders.get("dialogues", "new", use: newForm)
        recorders.post("dialogues", "new", use: record)
        readers.get("dialogues", ":code", use: show)
        recorders.get("dialogues", ":code", "edit", use: editForm)
        recorders.post("dialogues", ":code", "edit", use: amend)
    }

    struct IndexPage: Encodable {
        struct Row: Encodable {
            var unitName: String
            var unitCode: String
            var quarters: [Cell]
        }

        struct Cell: Encodable {
            var held: Int
            var standing: String
        }

        struct Session: Encodable {
            var code: String
            var heldOn: String
            var unitName: String
            var chair: String
            var audience: String
            var participants: Int
            var questions: Int
        }

        var year: Int
        var previousYear: Int
        var nextYear: Int?
        /// What the province requires, per quarter.
        var requirement: String
        var rows: [Row]
        var sessions: [Session]
        var unitsShort: Int
        var canRecord: Bool
    }

    func index(_ request: Request) async throws -> Response {
        let today = request.today
        let year = request.query[Int.self, at: "year"].flatMap { (2000...today.year).contains($0) ? $0 : nil } ?? today.year
        let result = try await DialogueService.make(request).year(year, by: try request.requireUser(), today: today)
        let tree = try await request.store.units.tree()
        let page = IndexPage(
            year: year, previousYear: year - 1, nextYear: year < today.year ? year + 1 : nil,
            requirement: request.t(
                "dialogue.requirement", ["counts": result.required.enumerated().map { "Q\($0.offset + 1): \($0.element)" }.joined(separator: ", ")]),
            rows: result.rows.map { row in
                IndexPage.Row(
                    unitName: row.unit.name, unitCode: row.unit.code,
                    quarters: (0..<4).map { IndexPage.Cell(held: row.held[$0], standing: row.standing[$0].rawValue) })
            },
            sessions: result.sessions.map { session in
                IndexPage.Session(
                    code: session.code, heldOn: session.heldOn.vietnameseFormat, unitName: tree.unit(id: session.unitID)?.name ?? "",
                    chair: "\(session.chairName), \(session.chairTitle)", audience: request.t(session.audience.messageKey),
                    participants: session.participantCount, questions: session.questions.count)
            }, unitsShort: result.unitsShort, canRecord: request.currentUser?.can(.recordDialogues) ?? false)
        return try await request.render("dialogues/index", title: request.t("dialogue.title"), page)
    }

    func newForm(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let unit = user.grants.first { $0.role.permissions.contains(.recordDialogues) }?.unitID
        let unitCode = try await unit.asyncMap { try await request.store.units.tree().unit(id: $0)?.code } ?? nil
        // A unit head records their own sessions: the form starts with their unit and name.
        let chair = user.grants.contains { $0.role == .unitLeader } ? user.fullName : ""
        let form = FormState(values: ["unitCode": unitCode ?? "", "heldOn": request.today.description, "chairName": chair, "audience": "both"])
        return try await render(request, DialogueForm(form: form, rows: 5, request: request))
    }

    func record(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var rows = DialogueForm.rows(in: request)
        let values = request.formValues(DialogueForm.names(rows: rows))
        if values["more"] == "1" {
            // "Thêm dòng": the form again with three more rows, nothing saved and nothing typed lost.
            rows = min(DialogueInput.maximumQuestions, rows + 3)
            return try await render(request, DialogueForm(form: FormState(values: values), rows: rows, request: request))
        }
        do {
            let recorded = try await DialogueService.make(request).record(DialogueForm.input(values, rows: rows), by: user, now: request.now)
            return try await DialogueRecordPage.render(recorded.session, pins: recorded.feedbackPINs, request, status: .created)
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, DialogueForm(form: form, rows: rows, request: request), status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        let session = try await DialogueService.make(request).view(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        return try await DialogueRecordPage.render(session, pins: [:], request)
    }

    func editForm(_ request: Request) async throws -> Response {
        let session = try await DialogueService.make(request).view(code: request.parameters.get("code") ?? "", by: try request.requireUser())
        return try await renderEdit(request, session, form: FormState(values: DialogueAmendForm.values(session)))
    }

    func amend(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let service = DialogueService.make(request)
        let session = try await service.view(code: request.parameters.get("code") ?? "", by: user)
        let values = request.formValues(DialogueAmendForm.names(questions: session.questions.count))
        do {
            let amended = try await service.amend(
                code: session.code, DialogueAmendForm.input(values, questions: session.questions.count),
                expectedVersion: Int(values["version"] ?? "") ?? -1, by: user, now: request.now)
            return request.redirect(to: "/dialogues/\(amended.code)", flash: "flash.dialogue_amended", ["code": amended.code])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            // A conflict keeps what was typed beside its message; reloading shows the record as it now is.
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderEdit(request, session, form: form, status: Problem(error).status)
        }
    }

    private func renderEdit(_ request: Request, _ session: DialogueSession, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let unitName = try await request.store.units.tree().unit(id: session.unitID)?.name ?? ""
        return try await request.render(
            "dialogues/edit", title: "\(request.t("dialogue.edit.title")) \(session.code)",
            DialogueAmendForm(session, unitName: unitName, form: form, request: request), status: status)
    }

    private func render(_ request: Request, _ form: DialogueForm, status: HTTPStatus = .ok) async throws -> Response {
        try await request.render("dialogues/new", title: request.t("dialogue.new.title"), form, status: status)
    }
}

extension DialogueService {
    /// The service with the server's feedback use case, on the transaction's store: every read it makes
    /// (the calendar when not cached, the deadlines) goes through the connection the transaction holds.
    static func make(_ request: Request) -> DialogueService {
        let (calendars, failures) = (request.application.services.calendars, request.config.lookupMaximumFailures)
        return DialogueService(store: request.store) { store in
            FeedbackService(store: store, maximumLookupFailures: failures, calendar: { try await calendars.current(store) })
        }
    }
}
