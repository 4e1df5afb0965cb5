import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func listInspections(_ input: Operations.ListInspections.Input) async throws -> Operations.ListInspections.Output {
        let request = try self.request
        let inspections = try await InspectionService(store: request.store).inspections(by: try request.requireUser())
        let (tree, tasks) = try await inspectionContext()
        return .ok(.init(body: .json(.init(items: inspections.map { .init($0, tree: tree, tasks: tasks) }))))
    }

    func planInspection(_ input: Operations.PlanInspection.Input) async throws -> Operations.PlanInspection.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let inspection = try await InspectionService(store: request.store).plan(
            title: body.title, decision: body.decision, signedOn: body.signedOn, team: body.team.map { .init(name: $0.name, role: $0.role) },
            checklist: body.checklist, visits: body.visits.map { .init(unitCode: $0.unitCode, day: $0.scheduledOn) }, by: try request.requireUser(),
            now: request.now)
        let (tree, tasks) = try await inspectionContext()
        return .created(.init(body: .json(.init(inspection.redacted(for: try request.requireUser()), tree: tree, tasks: tasks))))
    }

    func getInspection(_ input: Operations.GetInspection.Input) async throws -> Operations.GetInspection.Output {
        let request = try self.request
        let inspection = try await InspectionService(store: request.store).inspection(code: input.path.code, by: try request.requireUser())
        let (tree, tasks) = try await inspectionContext()
        return .ok(.init(body: .json(.init(inspection, tree: tree, tasks: tasks))))
    }

    func recordInspectionVisit(_ input: Operations.RecordInspectionVisit.Input) async throws -> Operations.RecordInspectionVisit.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let visit = InspectionService.VisitInput(
            visitedOn: body.visitedOn, results: body.results.map(\.rawValue),
            findings: (body.findings ?? []).map { (severity: $0.severity.rawValue, text: $0.text) },
            recommendations: (body.recommendations ?? []).map { (text: $0.text, dueOn: $0.dueOn) },
            discipline: (body.discipline ?? []).map { .init(person: $0.person, position: $0.position, measure: $0.measure, decision: $0.decision) })
        let inspection = try await InspectionService(store: request.store).recordVisit(
            code: input.path.code, unitCode: body.unitCode, visit, expectedVersion: body.version, by: try request.requireUser(), now: request.now)
        let (tree, tasks) = try await inspectionContext()
        return .ok(.init(body: .json(.init(inspection, tree: tree, tasks: tasks))))
    }

    private func inspectionContext() async throws -> (UnitTree, [String: AssignedTask]) {
        let request = try self.request
        return (try await request.store.units.tree(), try await TaskService(store: request.store).tasks(from: .inspection))
    }
}

extension Components.Schemas.Inspection {
    /// `inspection` as its reader may see it (already `redacted`): without discipline names, the list is left out.
    init(_ inspection: Inspection, tree: UnitTree, tasks: [String: AssignedTask]) {
        self.init(
            code: inspection.code, version: inspection.version, title: inspection.title, decision: inspection.decision,
            signedOn: inspection.signedOn.description, team: inspection.team.map { "\($0.name) (\($0.role))" }, checklist: inspection.checklist,
            visits: inspection.visits.map { visit in
                let named = visit.discipline.contains { !$0.person.isEmpty }
                return .init(
                    unitCode: tree.unit(id: visit.unitID)?.code ?? "", scheduledOn: visit.scheduledOn.description, visitedOn: visit.visitedOn?.description,
                    results: visit.results.map(\.rawValue), findings: visit.findings.map { .init(severity: $0.severity.rawValue, text: $0.text) },
                    recommendations: visit.recommendations.map { recommendation in
                        .init(
                            text: recommendation.text, dueOn: recommendation.dueOn.description, taskCode: recommendation.taskCode,
                            state: recommendation.taskCode.flatMap { tasks[$0] }.flatMap { .init(rawValue: $0.state.rawValue) })
                    }, disciplineCount: visit.discipline.count,
                    discipline: named
                        ? visit.discipline.map { .init(person: $0.person, position: $0.position, measure: $0.measure, decision: $0.decision) } : nil)
            })
    }
}
