import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor

extension APIHandler {
    func listInitiatives(_ input: Operations.ListInitiatives.Input) async throws -> Operations.ListInitiatives.Output {
        let request = try self.request
        let initiatives = try await InitiativeService(store: request.store).initiatives(year: nil, by: try request.requireUser())
        let tree = try await request.store.units.tree()
        return .ok(.init(body: .json(.init(items: initiatives.map { .init($0, tree: tree) }))))
    }

    func registerInitiative(_ input: Operations.RegisterInitiative.Input) async throws -> Operations.RegisterInitiative.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let initiative = try await InitiativeService(store: request.store).register(
            kind: body.kind.rawValue, title: body.title, summary: body.summary ?? "", unitCode: body.unitCode, year: String(body.year),
            by: try request.requireUser(), now: request.now)
        return .created(.init(body: .json(.init(initiative, tree: try await request.store.units.tree()))))
    }

    func getInitiative(_ input: Operations.GetInitiative.Input) async throws -> Operations.GetInitiative.Output {
        let request = try self.request
        let initiative = try await InitiativeService(store: request.store).initiative(code: input.path.code, by: try request.requireUser())
        return .ok(.init(body: .json(.init(initiative, tree: try await request.store.units.tree()))))
    }

    func updateInitiative(_ input: Operations.UpdateInitiative.Input) async throws -> Operations.UpdateInitiative.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let initiative = try await InitiativeService(store: request.store).update(
            code: input.path.code, status: body.status.rawValue, recognition: body.recognition ?? "",
            replicatedTo: (body.replicatedTo ?? []).joined(separator: ","),
            expectedVersion: body.version, by: try request.requireUser(), now: request.now)
        return .ok(.init(body: .json(.init(initiative, tree: try await request.store.units.tree()))))
    }
}

extension Components.Schemas.Initiative {
    init(_ initiative: Initiative, tree: UnitTree) {
        self.init(
            code: initiative.code, version: initiative.version, kind: .init(rawValue: initiative.kind.rawValue) ?? .initiative, title: initiative.title,
            summary: initiative.summary, unitCode: tree.unit(id: initiative.unitID)?.code ?? "", year: initiative.year,
            status: .init(rawValue: initiative.status.rawValue) ?? .proposed, recognition: initiative.recognition,
            replicatedTo: initiative.replicatedTo.compactMap { tree.unit(id: $0)?.code })
    }
}
