import CCHCCore
import Foundation
import Vapor
import WorkCalendar

/// Kiểm tra CCHC: the year's inspection plans and their visits; each visit's checklist, findings,
/// recommendations (tasks followed to completion) and discipline, whose names only some may read.
struct InspectionsController {
    static let planFields = ["title", "decision", "signedOn", "team", "checklist", "visits"]
    static let visitFields = ["unitCode", "visitedOn", "findings", "recommendations", "discipline", "version"]
    /// What a visit usually checks at a one-stop desk (a starting point the plan's author edits).
    static let usualChecklist = [
        "Niêm yết công khai TTHC tại Bộ phận Một cửa", "Sổ theo dõi hồ sơ được lập và cập nhật", "Gửi thư xin lỗi khi hồ sơ trễ hạn",
        "Trả kết quả đúng hẹn", "Công khai kết quả giải quyết hồ sơ",
    ]

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPlans))
        let managers = routes.access(.permission(.managePlans))
        readers.get("inspections", use: index)
        managers.post("inspections", use: plan)
        readers.get("inspections", ":code", use: show)
        managers.post("inspections", ":code", "visits", use: recordVisit)
    }

    struct IndexPage: Encodable {
        struct Row: Encodable {
            var code: String
            var title: String
            var decision: String
            var visits: String
            var findings: Int
            var recommendations: String
        }

        var rows: [Row]
        var canManage: Bool
        var form: FormState
    }

    func index(_ request: Request) async throws -> Response {
        try await renderIndex(
            request, form: FormState(values: ["signedOn": request.today.description, "checklist": Self.usualChecklist.joined(separator: "\n")]))
    }

    func renderIndex(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let tasks = try await Self.recommendationTasks(request)
        let rows = try await InspectionService(store: request.store).inspections(by: user).map { inspection in
            let codes = inspection.visits.flatMap(\.recommendations).compactMap(\.taskCode)
            return IndexPage.Row(
                code: inspection.code, title: inspection.title, decision: "\(inspection.decision), \(inspection.signedOn.vietnameseFormat)",
                visits: "\(inspection.visits.filter(\.isDone).count)/\(inspection.visits.count)",
                findings: inspection.visits.reduce(0) { $0 + $1.findings.count },
                recommendations: "\(codes.filter { tasks[$0]?.state == .done }.count)/\(codes.count)")
        }
        let page = IndexPage(rows: rows, canManage: user.can(.managePlans), form: form)
        return try await request.render("inspections/index", title: request.t("inspection.title"), page, status: status)
    }

    func plan(_ request: Request) async throws -> Response {
        let values = request.formValues(Self.planFields)
        do {
            let team = FormLines.lines(values["team"] ?? "").map { FormLines.parts($0, 2) }.map { Inspection.TeamMember(name: $0[0], role: $0[1]) }
            let visits = FormLines.lines(values["visits"] ?? "").map { FormLines.parts($0, 2) }.map {
                InspectionService.PlannedVisit(unitCode: $0[0], day: $0[1])
            }
            let inspection = try await InspectionService(store: request.store).plan(
                title: values["title"] ?? "", decision: values["decision"] ?? "", signedOn: values["signedOn"] ?? "", team: team,
                checklist: FormLines.lines(values["checklist"] ?? ""), visits: visits, by: try request.requireUser(), now: request.now)
            return request.redirect(to: "/inspections/\(inspection.code)", flash: "flash.inspection_planned", ["code": inspection.code])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(FormLines.byLine(error, fields: ["team", "visits"], localizer: request.localizer, language: request.language), request)
            return try await renderIndex(request, form: form, status: .unprocessableEntity)
        }
    }

    /// The tasks inspections' recommendations became, by code.
    static func recommendationTasks(_ request: Request) async throws -> [String: AssignedTask] {
        try await TaskService(store: request.store).tasks(from: .inspection)
    }
}
