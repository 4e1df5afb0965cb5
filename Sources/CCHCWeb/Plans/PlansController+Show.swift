import CCHCCore
import Foundation
import Vapor

extension PlansController {
    struct ShowPage: Encodable {
        struct Bound: Encodable {
            struct Cell: Encodable {
                var value: String
                var met: String
            }

            var text: String
            var rule: String
            var cells: [Cell]
        }

        struct Count: Encodable {
            var label: String
            var progress: String
            var awaiting: Int
            var overdue: Int
            var nearing: Int
        }

        struct Task: Encodable {
            var code: String
            var title: String
            var unitName: String
            var field: String
            var dueOn: String
            var state: String
            var progress: Int
            var urgency: String
        }

        var code: String
        var title: String
        var kind: String
        var number: String
        var signer: String
        var unitName: String
        var years: String
        var targets: [String]
        /// Targets bound to a live figure, read at each period (`periods`).
        var bound: [Bound]
        var periods: [String]
        var all: Count
        var byUnit: [Count]
        var byField: [Count]
        var chart: String
        var tasks: [Task]
        var canManage: Bool
        var fields: [SelectOption]
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        try await renderShow(request, form: FormState())
    }

    func renderShow(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let (plan, tasks) = try await PlanService(store: request.store).plan(code: request.parameters.get("code") ?? "", by: user)
        let tree = try await request.store.units.tree()
        let calendar = try await request.workingCalendar()
        let today = request.today
        let progress = PlanProgress(tasks, today: today, calendar: calendar)
        let names = try await ParService(store: request.store).reformFields(year: plan.toYear)
        func fieldName(_ number: Int) -> String { names.indices.contains(number - 1) ? "\(number). \(names[number - 1])" : String(number) }
        func count(_ label: String, _ count: PlanProgress.Count) -> ShowPage.Count {
            .init(label: label, progress: count.text, awaiting: count.awaiting, overdue: count.overdue, nearing: count.nearing)
        }
        let units = progress.byUnit.map { (tree.unit(id: $0.key)?.name ?? "", $0.value) }.sorted { $0.0 < $1.0 }
        let fields = progress.byField.sorted { $0.key < $1.key }.map { field, value in
            (field == 0 ? request.t("plan.field.none") : fieldName(field), value)
        }
        let chosen = form.values["field"] ?? ""
        let statuses = try await PlanService(store: request.store).targetStatus(plan, now: request.now)
        let bound = statuses.map { status in
            ShowPage.Bound(
                text: status.text, rule: status.binding.text,
                cells: status.readings.map { reading in
                    .init(
                        value: reading.figure.map { ReportTables.number($0) } ?? request.t("index.no_data"),
                        met: reading.met.map { $0 ? "met" : "missed" } ?? "")
                })
        }
        let page = ShowPage(
            code: plan.code, title: plan.title, kind: request.t(plan.kind.messageKey), number: "\(plan.number), \(plan.signedOn.vietnameseFormat)",
            signer: plan.signer, unitName: tree.unit(id: plan.unitID)?.name ?? "",
            years: plan.fromYear == plan.toYear ? String(plan.fromYear) : "\(plan.fromYear)–\(plan.toYear)", targets: plan.targets,
            bound: bound, periods: statuses.first?.readings.map(\.period) ?? [],
            all: count(request.t("plan.all"), progress.all), byUnit: units.map { count($0.0, $0.1) }, byField: fields.map { count($0.0, $0.1) },
            chart: SVGChart.bars(
                fields.map { (label: $0.0, value: Optional($0.1.share * 100), margin: nil) }, maximum: 100, title: request.t("plan.chart"),
                valueText: { "\(Int($0.rounded())) %" }),
            tasks: tasks.map { task in
                ShowPage.Task(
                    code: task.code, title: task.title, unitName: tree.unit(id: task.unitID)?.name ?? "",
                    field: task.plan?.field.map(String.init) ?? "", dueOn: task.dueOn.vietnameseFormat,
                    state: request.t(
                        task.isCompleted
                            ? "plan.task.done"
                            : task.state == .done ? "plan.task.awaiting" : task.plan?.returnedReason != nil ? "plan.task.returned" : "plan.task.open"),
                    progress: task.plan?.progress ?? 0,
                    urgency: task.isOverdue(today: today) ? "overdue" : task.isNearingDue(today: today, calendar: calendar) ? "nearing" : "")
            }, canManage: user.can(.managePlans),
            fields: [SelectOption(value: "", label: request.t("plan.field.none"), selected: chosen.isEmpty)]
                + names.enumerated().map { index, name in
                    SelectOption(value: String(index + 1), label: "\(index + 1). \(name)", selected: String(index + 1) == chosen)
                }, form: form)
        return try await request.render("plans/show", title: plan.title, page, status: status)
    }
}
