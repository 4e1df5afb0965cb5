import CCHCCore
import Foundation
import Vapor

extension SteeringController {
    /// Rows of the conclusion form on first show; more with `?rows=`.
    static let directiveRows = 6

    struct MeetingPage: Encodable {
        struct Attendance: Encodable {
            var name: String
            var role: String
            var present: Bool
            var delegate: String?
        }

        struct Row: Encodable {
            var index: Int
            var text: String
            var unitCodes: String
            var dueOn: String
            var error: String?
        }

        var code: String
        var version: Int
        var title: String
        var heldOn: String
        var place: String
        var chair: String
        var agenda: [String]
        var attendance: [Attendance]
        var minutes: String
        var notice: String?
        var directives: [DirectiveRow]
        var progress: String
        var canConclude: Bool
        var rows: [Row]
        var moreRows: Int
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        try await renderShow(request, form: FormState())
    }

    func renderShow(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let service = SteeringService(store: request.store)
        let meeting = try await service.meeting(code: request.parameters.get("code") ?? "", by: user)
        let tasks = try await service.directiveTasks(by: user)
        let tree = try await request.store.units.tree()
        let calendar = try await request.workingCalendar()
        let count = max(Self.directiveRows, min(30, request.query[Int.self, at: "rows"] ?? Int(form.values["rows"] ?? "") ?? 0))
        let own = meeting.directives.flatMap(\.taskCodes).compactMap { tasks[$0] }
        let page = MeetingPage(
            code: meeting.code, version: meeting.version, title: meeting.title, heldOn: meeting.heldOn.vietnameseFormat, place: meeting.place,
            chair: meeting.chair, agenda: meeting.agenda,
            attendance: meeting.attendance.map { .init(name: $0.name, role: request.t($0.role.messageKey), present: $0.present, delegate: $0.delegate) },
            minutes: meeting.minutes, notice: meeting.noticeNumber.map { "\($0), \(meeting.noticeOn?.vietnameseFormat ?? "")" },
            directives: Self.rows(meeting, tasks: tasks, tree: tree, request: request, calendar: calendar),
            progress: PlanProgress(own, today: request.today, calendar: calendar).all.text, canConclude: user.can(.managePlans) && !meeting.isConcluded,
            rows: (0..<count).map { index in
                .init(
                    index: index, text: form.values["text_\(index)"] ?? "", unitCodes: form.values["units_\(index)"] ?? "",
                    dueOn: form.values["due_\(index)"] ?? "", error: form.errors["directives[\(index)]"])
            }, moreRows: min(30, count + Self.directiveRows), form: form)
        return try await request.render("steering/meeting", title: meeting.title, page, status: status)
    }

    func conclude(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let count = min(30, max(Self.directiveRows, Int(request.field("rows")) ?? Self.directiveRows))
        var names = ["noticeNumber", "noticeOn", "version", "rows"]
        for index in 0..<count { names += ["text_\(index)", "units_\(index)", "due_\(index)"] }
        let values = request.formValues(names)
        let directives = (0..<count).map { index in
            SteeringService.DirectiveInput(text: values["text_\(index)"] ?? "", unitCodes: values["units_\(index)"] ?? "", dueOn: values["due_\(index)"] ?? "")
        }
        do {
            let meeting = try await SteeringService(store: request.store).conclude(
                code: code, noticeNumber: values["noticeNumber"] ?? "", noticeOn: values["noticeOn"] ?? "", directives: directives,
                expectedVersion: Int(values["version"] ?? "") ?? -1, by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/steering/meetings/\(meeting.code)", flash: "flash.steering_concluded", ["code": meeting.code])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            // A directive's errors are shown on its row, one message each.
            let rows = DomainError.validation(
                error.fields.map { field in
                    guard field.field.hasPrefix("directives["), let end = field.field.firstIndex(of: "]") else { return field }
                    return FieldError(String(field.field[...end]), field.code, field.arguments)
                })
            form.show(error.kind == .validation ? rows : error, request)
            return try await renderShow(request, form: form, status: Problem(error).status)
        }
    }
}
