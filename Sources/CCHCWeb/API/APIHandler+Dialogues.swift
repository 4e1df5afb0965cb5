import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func listDialogues(_ input: Operations.ListDialogues.Input) async throws -> Operations.ListDialogues.Output {
        let request = try self.request
        let today = request.today
        let year = try await DialogueService.make(request).year(input.query.year ?? today.year, by: try request.requireUser(), today: today)
        let tree = try await request.store.units.tree()
        return .ok(
            .init(
                body: .json(
                    .init(
                        year: year.year, required: year.required,
                        units: year.rows.map { row in
                            .init(
                                unitCode: row.unit.code, unitName: row.unit.name, held: row.held,
                                standing: row.standing.map { .init(rawValue: $0.rawValue) ?? .pending })
                        }, sessions: year.sessions.map { .init($0, tree: tree) }))))
    }

    func recordDialogue(_ input: Operations.RecordDialogue.Input) async throws -> Operations.RecordDialogue.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let user = try request.requireUser()
        let session = DialogueInput(
            unitCode: body.unitCode, heldOn: body.heldOn, place: body.place, chairName: body.chairName, chairTitle: body.chairTitle,
            audience: body.audience.rawValue, participants: .init(body.participants), conclusion: body.conclusion ?? "",
            questions: body.questions.map { question in
                DialogueQuestionInput(
                    askedBy: question.askedBy, organisation: question.organisation ?? "", text: question.text, answer: question.answer ?? "",
                    followUp: question.followUp.rawValue, contact: question.contact ?? "", unitCode: question.unitCode ?? "",
                    dueOn: question.dueOn ?? "")
            })
        let tree = try await request.store.units.tree()
        let (service, now) = (DialogueService.make(request), request.now)
        let key = try input.headers.idempotencyKey.flatMap { try Idempotency.key($0, owner: user.id, body: body) }
        let answer = try await request.store.idempotent(key, decode: Idempotency.decode) { key in
            // The answer holds the feedback items' PINs: a retry must get them again.
            let claim = key.map { key in
                IdempotencyClaim<DialogueService.Recorded>(key: key, status: 201) {
                    try Idempotency.encode(Components.Schemas.DialogueRecorded($0, tree: tree))
                }
            }
            return Components.Schemas.DialogueRecorded(try await service.record(session, by: user, idempotency: claim, now: now), tree: tree)
        }
        return .created(.init(body: .json(answer)))
    }

    func getDialogue(_ input: Operations.GetDialogue.Input) async throws -> Operations.GetDialogue.Output {
        let request = try self.request
        let session = try await DialogueService.make(request).view(code: input.path.code, by: try request.requireUser())
        return .ok(.init(body: .json(.init(session, tree: try await request.store.units.tree()))))
    }

    func amendDialogue(_ input: Operations.AmendDialogue.Input) async throws -> Operations.AmendDialogue.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let amendment = DialogueInput(
            heldOn: body.heldOn, place: body.place, chairName: body.chairName, chairTitle: body.chairTitle, audience: body.audience.rawValue,
            participants: .init(body.participants), conclusion: body.conclusion ?? "",
            questions: body.questions.map { DialogueQuestionInput(askedBy: $0.askedBy, organisation: $0.organisation ?? "", answer: $0.answer ?? "") })
        let session = try await DialogueService.make(request).amend(
            code: input.path.code, amendment, expectedVersion: body.version, by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(.init(session, tree: try await request.store.units.tree()))))
    }

    func listTasks(_ input: Operations.ListTasks.Input) async throws -> Operations.ListTasks.Output {
        let request = try self.request
        let tree = try await request.store.units.tree()
        var query = TaskQuery(state: input.query.state.flatMap { TaskState(rawValue: $0.rawValue) })
        if let code = input.query.unit?.trimmingCharacters(in: .whitespaces).uppercased(), !code.isEmpty {
            // An unknown unit has no tasks: an empty list, as a filter that matches nothing.
            query.units = Set([tree.unit(code: code)?.id].compactMap { $0 })
        }
        let tasks = try await TaskService(store: request.store).list(query, by: try request.requireUser())
        let today = request.today
        return .ok(.init(body: .json(.init(items: tasks.map { .init($0, tree: tree, today: today) }))))
    }

    func getTask(_ input: Operations.GetTask.Input) async throws -> Operations.GetTask.Output {
        let request = try self.request
        let task = try await TaskService(store: request.store).view(code: input.path.code, by: try request.requireUser())
        return .ok(.init(body: .json(.init(task, tree: try await request.store.units.tree(), today: request.today))))
    }

    func completeTask(_ input: Operations.CompleteTask.Input) async throws -> Operations.CompleteTask.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let task = try await TaskService(store: request.store).complete(
            code: input.path.code, note: body.note, expectedVersion: body.version, by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(.init(task, tree: try await request.store.units.tree(), today: request.today))))
    }
}

extension [DialogueParticipants.Group: String] {
    /// The API's counts as the form's typed ones, which the core checks.
    init(_ counts: Components.Schemas.DialogueParticipantCounts) {
        let typed: [(DialogueParticipants.Group, Int?)] = [
            (.citizens, counts.citizens), (.businesses, counts.businesses), (.officials, counts.officials), (.other, counts.other),
        ]
        self = Dictionary(uniqueKeysWithValues: typed.compactMap { group, count in count.map { (group, String($0)) } })
    }
}

extension Components.Schemas.DialogueSession {
    init(_ session: DialogueSession, tree: UnitTree) {
        let unit = tree.unit(id: session.unitID)
        let count = { (group: DialogueParticipants.Group) in session.participants.first { $0.group == group }?.count }
        self.init(
            code: session.code, version: session.version, unitCode: unit?.code ?? "", unitName: unit?.name ?? "", heldOn: session.heldOn.description,
            quarter: session.quarter.number, place: session.place, chairName: session.chairName, chairTitle: session.chairTitle,
            audience: .init(rawValue: session.audience.rawValue) ?? .both,
            participants: .init(citizens: count(.citizens), businesses: count(.businesses), officials: count(.officials), other: count(.other)),
            questions: session.questions.map { question in
                let followUp: Components.Schemas.DialogueFollowUp? =
                    switch question.followUp {
                    case .feedback(let code): .init(kind: .feedback, code: code)
                    case .task(let code): .init(kind: .task, code: code)
                    case nil: nil
                    }
                return .init(askedBy: question.askedBy, organisation: question.organisation, text: question.text, answer: question.answer, followUp: followUp)
            }, conclusion: session.conclusion, recordedBy: session.recordedBy, recordedAt: session.recordedAt)
    }
}

extension Components.Schemas.DialogueRecorded {
    init(_ recorded: DialogueService.Recorded, tree: UnitTree) {
        self.init(session: .init(recorded.session, tree: tree), feedbackPINs: .init(additionalProperties: recorded.feedbackPINs))
    }
}

extension Components.Schemas.AssignedTask {
    init(_ task: AssignedTask, tree: UnitTree, today: LocalDate) {
        let unit = tree.unit(id: task.unitID)
        self.init(
            code: task.code, version: task.version, title: task.title, detail: task.detail, unitCode: unit?.code ?? "", unitName: unit?.name ?? "",
            dueOn: task.dueOn.description, state: .init(rawValue: task.state.rawValue) ?? .open, overdue: task.isOverdue(today: today),
            source: .init(kind: .init(rawValue: task.source.kind.rawValue) ?? .dialogue, reference: task.source.reference),
            doneOn: task.doneOn?.description, doneNote: task.doneNote, doneBy: task.doneBy, createdBy: task.createdBy, createdAt: task.createdAt,
            plan: task.plan.map { plan in
                .init(
                    field: plan.field, supportingUnitCodes: plan.supportingUnitIDs.compactMap { tree.unit(id: $0)?.code },
                    expectedProduct: plan.expectedProduct,
                    progress: plan.progress, progressNote: plan.progressNote, completed: task.isCompleted, confirmedBy: plan.confirmedBy,
                    returnedReason: plan.returnedReason)
            })
    }
}
