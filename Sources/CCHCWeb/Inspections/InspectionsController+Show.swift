import CCHCCore
import Foundation
import Vapor

extension InspectionsController {
    struct ShowPage: Encodable {
        struct Visit: Encodable {
            struct Check: Encodable {
                var index: Int
                var text: String
                var result: String
                var options: [SelectOption]
            }

            struct Recommendation: Encodable {
                var text: String
                var dueOn: String
                var taskCode: String
                var state: String
                var overdue: Bool
            }

            struct Discipline: Encodable {
                var person: String
                var position: String
                var measure: String
                var decision: String
            }

            var unitCode: String
            var unitName: String
            var scheduledOn: String
            var visitedOn: String?
            var checks: [Check]
            var findings: [String]
            var recommendations: [Recommendation]
            var discipline: [Discipline]
            /// Shown without names to whoever may not read them.
            var disciplineCount: Int
            var canRecord: Bool
            var form: FormState
        }

        var code: String
        var version: Int
        var title: String
        var decision: String
        var team: String
        var checklist: [String]
        var visits: [Visit]
        var showsNames: Bool
    }

    func show(_ request: Request) async throws -> Response {
        try await renderShow(request, form: FormState())
    }

    func renderShow(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let inspection = try await InspectionService(store: request.store).inspection(code: request.parameters.get("code") ?? "", by: user)
        let tree = try await request.store.units.tree()
        let tasks = try await Self.recommendationTasks(request)
        let showsNames = user.can(.viewDiscipline)
        let visits = inspection.visits.map { visit in
            let unitCode = tree.unit(id: visit.unitID)?.code ?? ""
            let own = form.values["unitCode"] == unitCode
            let visitForm = own ? form : FormState(values: ["visitedOn": request.today.description])
            return ShowPage.Visit(
                unitCode: unitCode, unitName: tree.unit(id: visit.unitID)?.name ?? "", scheduledOn: visit.scheduledOn.vietnameseFormat,
                visitedOn: visit.visitedOn?.vietnameseFormat,
                checks: inspection.checklist.enumerated().map { index, text in
                    let chosen = visitForm.values["result_\(index)"] ?? Inspection.CheckResult.met.rawValue
                    return .init(
                        index: index, text: text, result: visit.results.indices.contains(index) ? request.t(visit.results[index].messageKey) : "",
                        options: Inspection.CheckResult.allCases.map {
                            SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosen)
                        })
                },
                findings: visit.findings.map { "\(request.t($0.severity.messageKey)): \($0.text)" },
                recommendations: visit.recommendations.map { recommendation in
                    let task = recommendation.taskCode.flatMap { tasks[$0] }
                    return .init(
                        text: recommendation.text, dueOn: recommendation.dueOn.vietnameseFormat, taskCode: recommendation.taskCode ?? "",
                        state: task.map { request.t($0.state.messageKey) } ?? "", overdue: task?.isOverdue(today: request.today) ?? false)
                },
                discipline: showsNames
                    ? visit.discipline.map { .init(person: $0.person, position: $0.position, measure: $0.measure, decision: $0.decision) } : [],
                disciplineCount: visit.discipline.count, canRecord: user.can(.managePlans) && !visit.isDone, form: visitForm)
        }
        let page = ShowPage(
            code: inspection.code, version: inspection.version, title: inspection.title,
            decision: "\(inspection.decision), \(inspection.signedOn.vietnameseFormat)",
            team: inspection.team.map { "\($0.name) (\($0.role))" }.joined(separator: "; "),
            checklist: inspection.checklist, visits: visits, showsNames: showsNames)
        return try await request.render("inspections/show", title: inspection.title, page, status: status)
    }

    func recordVisit(_ request: Request) async throws -> Response {
        let code = request.parameters.get("code") ?? ""
        let user = try request.requireUser()
        let inspection = try await InspectionService(store: request.store).inspection(code: code, by: user)
        let resultNames = inspection.checklist.indices.map { "result_\($0)" }
        let values = request.formValues(Self.visitFields + resultNames)
        let input = InspectionService.VisitInput(
            visitedOn: values["visitedOn"] ?? "", results: resultNames.map { values[$0] ?? "" },
            findings: FormLines.lines(values["findings"] ?? "").map { FormLines.parts($0, 2) }.map { (severity: $0[0], text: $0[1]) },
            recommendations: FormLines.lines(values["recommendations"] ?? "").map { FormLines.parts($0, 2) }.map { (text: $0[0], dueOn: $0[1]) },
            discipline: FormLines.lines(values["discipline"] ?? "").map { FormLines.parts($0, 4) }.map {
                Inspection.Discipline(person: $0[0], position: $0[1], measure: $0[2], decision: $0[3])
            })
        do {
            _ = try await InspectionService(store: request.store).recordVisit(
                code: code, unitCode: values["unitCode"] ?? "", input, expectedVersion: Int(values["version"] ?? "") ?? -1, by: user, now: request.now)
            return request.redirect(to: "/inspections/\(inspection.code)", flash: "flash.inspection_visit_recorded")
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            let lists = ["findings", "recommendations", "discipline"]
            form.show(
                error.kind == .validation ? FormLines.byLine(error, fields: lists, localizer: request.localizer, language: request.language) : error, request)
            return try await renderShow(request, form: form, status: Problem(error).status)
        }
    }
}
