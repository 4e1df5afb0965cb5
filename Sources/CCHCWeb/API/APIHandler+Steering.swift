import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func getSteeringCommittee(_ input: Operations.GetSteeringCommittee.Input) async throws -> Operations.GetSteeringCommittee.Output {
        let request = try self.request
        let user = try request.requireUser()
        let service = SteeringService(store: request.store)
        let tree = try await request.store.units.tree()
        let tasks = try await service.directiveTasks(by: user)
        return .ok(
            .init(
                body: .json(
                    .init(
                        committee: try await service.committees(by: user).first.map { .init($0, tree: tree) },
                        meetings: try await service.meetings(by: user).map { .init($0, tasks: tasks, tree: tree, today: request.today) },
                        openTasks: tasks.values.filter { $0.state == .open }.count))))
    }

    func recordSteeringCommittee(_ input: Operations.RecordSteeringCommittee.Input) async throws -> Operations.RecordSteeringCommittee.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let committee = try await SteeringService(store: request.store).recordCommittee(
            decision: body.decision, signedOn: body.signedOn,
            members: body.members.map { .init(name: $0.name, position: $0.position, role: $0.role.rawValue, unitCode: $0.unitCode ?? "") },
            by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(committee, tree: try await request.store.units.tree()))))
    }

    func recordSteeringMeeting(_ input: Operations.RecordSteeringMeeting.Input) async throws -> Operations.RecordSteeringMeeting.Output {
        let request = try self.request
        let user = try request.requireUser()
        let body =
            switch input.body {
            case .json(let json): json
            }
        let service = SteeringService(store: request.store)
        if let present = body.present, present.count > 100 || present.contains(where: { $0.count > 200 }) {
            throw DomainError.validation([FieldError("present", "error.range", ["min": "0", "max": "100"])])
        }
        let members = try await service.committees(by: user).first?.members ?? []
        let present = Set(members.indices.filter { (body.present ?? []).contains(members[$0].name) })
        let meeting = try await service.recordMeeting(
            title: body.title, heldOn: body.heldOn, place: body.place, chair: body.chair, agenda: body.agenda.joined(separator: "\n"), present: present,
            delegates: [:], minutes: body.minutes ?? "", by: user, now: request.now)
        return .created(.init(body: .json(try await steeringSchema(meeting))))
    }

    func getSteeringMeeting(_ input: Operations.GetSteeringMeeting.Input) async throws -> Operations.GetSteeringMeeting.Output {
        let request = try self.request
        let meeting = try await SteeringService(store: request.store).meeting(code: input.path.code, by: try request.requireUser())
        return .ok(.init(body: .json(try await steeringSchema(meeting))))
    }

    func concludeSteeringMeeting(_ input: Operations.ConcludeSteeringMeeting.Input) async throws -> Operations.ConcludeSteeringMeeting.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let meeting = try await SteeringService(store: request.store).conclude(
            code: input.path.code, noticeNumber: body.noticeNumber, noticeOn: body.noticeOn,
            directives: body.directives.map { .init(text: $0.text, unitCodes: $0.unitCodes.joined(separator: ","), dueOn: $0.dueOn) },
            expectedVersion: body.version, by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(try await steeringSchema(meeting))))
    }

    private func steeringSchema(_ meeting: SteeringMeeting) async throws -> Components.Schemas.SteeringMeeting {
        let request = try self.request
        let tasks = try await SteeringService(store: request.store).directiveTasks(by: try request.requireUser())
        return .init(meeting, tasks: tasks, tree: try await request.store.units.tree(), today: request.today)
    }
}

extension Components.Schemas.SteeringCommittee {
    init(_ committee: SteeringCommittee, tree: UnitTree) {
        self.init(
            code: committee.code, decision: committee.decision, signedOn: committee.signedOn.description,
            members: committee.members.map {
                .init(
                    name: $0.name, position: $0.position, role: .init(rawValue: $0.role.rawValue) ?? .member,
                    unitCode: $0.unitID.flatMap { tree.unit(id: $0)?.code })
            })
    }
}

extension Components.Schemas.SteeringMeeting {
    init(_ meeting: SteeringMeeting, tasks: [String: AssignedTask], tree: UnitTree, today: LocalDate) {
        self.init(
            code: meeting.code, version: meeting.version, title: meeting.title, heldOn: meeting.heldOn.description, place: meeting.place, chair: meeting.chair,
            agenda: meeting.agenda,
            attendance: meeting.attendance.map {
                .init(name: $0.name, role: .init(rawValue: $0.role.rawValue) ?? .member, present: $0.present, delegate: $0.delegate)
            }, minutes: meeting.minutes, noticeNumber: meeting.noticeNumber, noticeOn: meeting.noticeOn?.description,
            directives: meeting.directives.map { directive in
                .init(
                    text: directive.text, dueOn: directive.dueOn.description,
                    tasks: directive.taskCodes.compactMap { tasks[$0] }.map { task in
                        .init(
                            code: task.code, unitCode: tree.unit(id: task.unitID)?.code ?? "", state: .init(rawValue: task.state.rawValue) ?? .open,
                            dueOn: task.dueOn.description, overdue: task.isOverdue(today: today))
                    })
            })
    }
}
