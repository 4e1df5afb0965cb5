import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// Ban Chỉ đạo CCHC: the committee now and the decisions that set it up, its meetings, and every directive
/// of its conclusions with the state of the unit's task: what it asked, of whom, and what is still open.
struct SteeringController {
    static let committeeFields = ["decision", "signedOn", "members"]
    static let meetingFields = ["title", "heldOn", "place", "chair", "agenda", "minutes"]

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPlans))
        let managers = routes.access(.permission(.managePlans))
        readers.get("steering", use: index)
        managers.post("steering", "committee", use: recordCommittee)
        managers.post("steering", "meetings", use: recordMeeting)
        readers.get("steering", "meetings", ":code", use: show)
        managers.post("steering", "meetings", ":code", "conclude", use: conclude)
    }

    struct IndexPage: Encodable {
        struct Member: Encodable {
            var index: Int
            var name: String
            var position: String
            var role: String
            var unitName: String
        }

        struct Meeting: Encodable {
            var code: String
            var title: String
            var heldOn: String
            var notice: String
            var progress: String
            var overdue: Int
        }

        var decision: String?
        var members: [Member]
        var meetings: [Meeting]
        var directives: [DirectiveRow]
        var open: Int
        var canManage: Bool
        var form: FormState
    }

    /// A directive's task on the pages: the unit it was put to and how it stands.
    struct DirectiveRow: Encodable {
        var meeting: String
        var text: String
        var unitName: String
        var taskCode: String
        var dueOn: String
        var state: String
        var urgency: String
    }

    func index(_ request: Request) async throws -> Response {
        try await renderIndex(request, form: FormState(values: ["heldOn": request.today.description, "signedOn": request.today.description]))
    }

    func renderIndex(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let service = SteeringService(store: request.store)
        let tree = try await request.store.units.tree()
        let committee = try await service.committees(by: user).first
        let meetings = try await service.meetings(by: user)
        let tasks = try await service.directiveTasks(by: user)
        let calendar = try await request.workingCalendar()
        let rows = meetings.flatMap { Self.rows($0, tasks: tasks, tree: tree, request: request, calendar: calendar) }
        let page = IndexPage(
            decision: committee.map { "\($0.decision), \($0.signedOn.vietnameseFormat)" },
            members: (committee?.members ?? []).enumerated().map { index, member in
                .init(
                    index: index, name: member.name, position: member.position, role: request.t(member.role.messageKey),
                    unitName: member.unitID.flatMap { tree.unit(id: $0)?.name } ?? "")
            },
            meetings: meetings.map { meeting in
                let progress = PlanProgress(meeting.directives.flatMap(\.taskCodes).compactMap { tasks[$0] }, today: request.today, calendar: calendar).all
                return .init(
                    code: meeting.code, title: meeting.title, heldOn: meeting.heldOn.vietnameseFormat,
                    notice: meeting.noticeNumber.map { "\($0), \(meeting.noticeOn?.vietnameseFormat ?? "")" } ?? request.t("steering.notice.none"),
                    progress: progress.text, overdue: progress.overdue)
            },
            directives: rows.filter { $0.urgency != "done" }, open: rows.filter { $0.urgency != "done" }.count, canManage: user.can(.managePlans),
            form: form)
        return try await request.render("steering/index", title: request.t("steering.title"), page, status: status)
    }

    static func rows(
        _ meeting: SteeringMeeting, tasks: [String: AssignedTask], tree: UnitTree, request: Request, calendar: WorkingCalendar
    ) -> [DirectiveRow] {
        meeting.directives.flatMap { directive in
            directive.taskCodes.compactMap { tasks[$0] }.map { task in
                DirectiveRow(
                    meeting: meeting.code, text: directive.text, unitName: tree.unit(id: task.unitID)?.name ?? "", taskCode: task.code,
                    dueOn: task.dueOn.vietnameseFormat, state: request.t(task.state.messageKey),
                    urgency: task.state == .done
                        ? "done"
                        : task.isOverdue(today: request.today) ? "overdue" : task.isNearingDue(today: request.today, calendar: calendar) ? "nearing" : "")
            }
        }
    }

    /// Members typed one a line: name | position | role (Trưởng ban, Phó trưởng ban, Thành viên, Thư ký) | unit code.
    func recordCommittee(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.committeeFields)
        let lines: [String] = (values["members"] ?? "").split(whereSeparator: \.isNewline).map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        let members: [SteeringService.MemberInput] = lines.map { line in
            let parts: [String] = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            func part(_ index: Int) -> String { parts.indices.contains(index) ? parts[index] : "" }
            return SteeringService.MemberInput(name: part(0), position: part(1), role: Self.role(part(2), request), unitCode: part(3))
        }
        do {
            _ = try await SteeringService(store: request.store).recordCommittee(
                decision: values["decision"] ?? "", signedOn: values["signedOn"] ?? "", members: members, by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/steering", flash: "flash.steering_committee_recorded")
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(FormLines.byLine(error, fields: ["members"], localizer: request.localizer, language: request.language), request)
            return try await renderIndex(request, form: form, status: .unprocessableEntity)
        }
    }

    /// A role as typed in either language, or its identifier.
    static func role(_ typed: String, _ request: Request) -> String {
        let folded = typed.lowercased()
        return SteeringCommittee.Role.allCases.first { role in
            folded == role.rawValue || Language.allCases.contains { folded == request.localizer.text(role.messageKey, $0).lowercased() }
        }?.rawValue ?? typed
    }

    func recordMeeting(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.meetingFields)
        let committee = try await SteeringService(store: request.store).committees(by: try request.requireUser()).first
        let count = committee?.members.count ?? 0
        let present = Set((0..<count).filter { request.field("present_\($0)") == "1" })
        var delegates: [Int: String] = [:]
        for index in 0..<count { delegates[index] = request.field("delegate_\(index)") }
        do {
            let meeting = try await SteeringService(store: request.store).recordMeeting(
                title: values["title"] ?? "", heldOn: values["heldOn"] ?? "", place: values["place"] ?? "", chair: values["chair"] ?? "",
                agenda: values["agenda"] ?? "", present: present, delegates: delegates, minutes: values["minutes"] ?? "", by: try request.requireUser(),
                now: request.now)
            return request.redirect(to: "/steering/meetings/\(meeting.code)", flash: "flash.steering_meeting_recorded", ["code": meeting.code])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderIndex(request, form: form, status: .unprocessableEntity)
        }
    }
}
