import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor

extension APIHandler {
    func listComplianceRequirements(_ input: Operations.ListComplianceRequirements.Input) async throws -> Operations.ListComplianceRequirements.Output {
        let request = try self.request
        let tree = try await request.store.units.tree()
        let requirements = try await ComplianceService(store: request.store).list(by: try request.requireUser())
        return .ok(.init(body: .json(.init(items: requirements.map { .init($0, tree: tree) }))))
    }

    func createComplianceRequirement(_ input: Operations.CreateComplianceRequirement.Input) async throws -> Operations.CreateComplianceRequirement.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let requirement = try await ComplianceService(store: request.store).create(
            title: body.title, dueOn: body.dueOn, audience: body.audience.rawValue, unitCodes: (body.unitCodes ?? []).joined(separator: ","),
            by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(requirement, tree: try await request.store.units.tree()))))
    }

    func getComplianceRequirement(_ input: Operations.GetComplianceRequirement.Input) async throws -> Operations.GetComplianceRequirement.Output {
        let request = try self.request
        let requirement = try await ComplianceService(store: request.store).requirement(code: input.path.code, by: try request.requireUser())
        return .ok(.init(body: .json(.init(requirement, tree: try await request.store.units.tree()))))
    }

    func answerComplianceRequirement(_ input: Operations.AnswerComplianceRequirement.Input) async throws -> Operations.AnswerComplianceRequirement.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let requirement = try await ComplianceService(store: request.store).answer(
            code: input.path.code, unitCode: body.unitCode, done: body.done, note: body.note, link: body.link ?? "", expectedVersion: body.version,
            by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(.init(requirement, tree: try await request.store.units.tree()))))
    }
}

extension Components.Schemas.ComplianceRequirement {
    init(_ requirement: ComplianceRequirement, tree: UnitTree) {
        self.init(
            code: requirement.code, version: requirement.version, title: requirement.title, year: requirement.year, dueOn: requirement.dueOn.description,
            done: requirement.doneCount, total: requirement.unitIDs.count, missing: requirement.missing.compactMap { tree.unit(id: $0)?.code },
            units: requirement.unitIDs.map { unitID in
                let answer = requirement.answer(of: unitID)
                return .init(
                    unitCode: tree.unit(id: unitID)?.code ?? "", unitName: tree.unit(id: unitID)?.name ?? "", answered: answer != nil,
                    done: answer?.done ?? false, note: answer?.note, link: answer?.link, answeredBy: answer?.answeredBy, answeredAt: answer?.answeredAt)
            })
    }
}
