import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func listPlans(_ input: Operations.ListPlans.Input) async throws -> Operations.ListPlans.Output {
        let request = try self.request
        let service = PlanService(store: request.store)
        let (tree, calendar, today) = (try await request.store.units.tree(), try await request.workingCalendar(), request.today)
        var items: [Components.Schemas.Plan] = []
        for plan in try await service.plans(by: try request.requireUser()) {
            items.append(.init(plan, tree: tree, progress: PlanProgress(try await service.tasks(of: plan), today: today, calendar: calendar).all))
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func recordPlan(_ input: Operations.RecordPlan.Input) async throws -> Operations.RecordPlan.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let plan = try await PlanService(store: request.store).record(
            PlanInput(
                kind: body.kind.rawValue, title: body.title, number: body.number, signedOn: body.signedOn, signer: body.signer, unitCode: body.unitCode,
                fromYear: String(body.fromYear), toYear: String(body.toYear), targets: (body.targets ?? []).joined(separator: "\n")),
            by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(plan, tree: try await request.store.units.tree(), progress: PlanProgress.Count()))))
    }

    func getPlan(_ input: Operations.GetPlan.Input) async throws -> Operations.GetPlan.Output {
        let request = try self.request
        let (plan, tasks) = try await PlanService(store: request.store).plan(code: input.path.code, by: try request.requireUser())
        let (tree, today) = (try await request.store.units.tree(), request.today)
        let progress = PlanProgress(tasks, today: today, calendar: try await request.workingCalendar())
        let targets = try await PlanService(store: request.store).targetStatus(plan, now: request.now)
        return .ok(
            .init(
                body: .json(
                    .init(
                        plan: .init(plan, tree: tree, progress: progress.all),
                        liveTargets: targets.map { status in
                            .init(
                                text: status.text, indicator: status.binding.indicator, atLeast: status.binding.atLeast, value: status.binding.value,
                                readings: status.readings.map { .init(period: $0.period, figure: $0.figure, met: $0.met) })
                        },
                        byField: .init(additionalProperties: Dictionary(uniqueKeysWithValues: progress.byField.map { (String($0.key), .init($0.value)) })),
                        byUnit: .init(
                            additionalProperties: Dictionary(
                                progress.byUnit.map { (tree.unit(id: $0.key)?.code ?? $0.key.uuidString, Components.Schemas.PlanProgressCount($0.value)) },
                                uniquingKeysWith: { first, _ in first })),
                        tasks: tasks.map { .init($0, tree: tree, today: today) }))))
    }

    func addPlanTask(_ input: Operations.AddPlanTask.Input) async throws -> Operations.AddPlanTask.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let task = try await PlanService(store: request.store).addTask(
            to: input.path.code,
            KeyTaskInput(
                title: body.title, leadUnitCode: body.leadUnitCode, supportingUnitCodes: (body.supportingUnitCodes ?? []).joined(separator: ","),
                dueOn: body.dueOn, field: body.field.map(String.init) ?? "", expectedProduct: body.expectedProduct ?? ""),
            by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(task, tree: try await request.store.units.tree(), today: request.today))))
    }

    func reportTaskProgress(_ input: Operations.ReportTaskProgress.Input) async throws -> Operations.ReportTaskProgress.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let task = try await PlanService(store: request.store).reportProgress(
            code: input.path.code, percent: String(body.progress), note: body.note ?? "", expectedVersion: body.version, by: try request.requireUser(),
            now: request.now)
        return .ok(.init(body: .json(.init(task, tree: try await request.store.units.tree(), today: request.today))))
    }

    func reviewPlanTask(_ input: Operations.ReviewPlanTask.Input) async throws -> Operations.ReviewPlanTask.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let task = try await PlanService(store: request.store).review(
            code: input.path.code, confirm: body.decision == .confirm, reason: body.reason ?? "", expectedVersion: body.version,
            by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(.init(task, tree: try await request.store.units.tree(), today: request.today))))
    }
}

extension Components.Schemas.Plan {
    init(_ plan: ReformPlan, tree: UnitTree, progress: PlanProgress.Count) {
        self.init(
            code: plan.code, kind: .init(rawValue: plan.kind.rawValue) ?? .annual, title: plan.title, number: plan.number,
            signedOn: plan.signedOn.description, signer: plan.signer, unitCode: tree.unit(id: plan.unitID)?.code ?? "", fromYear: plan.fromYear,
            toYear: plan.toYear, targets: plan.targets, progress: .init(progress))
    }
}

extension Components.Schemas.PlanProgressCount {
    init(_ count: PlanProgress.Count) {
        self.init(total: count.total, done: count.done, awaiting: count.awaiting, overdue: count.overdue, nearing: count.nearing)
    }
}
