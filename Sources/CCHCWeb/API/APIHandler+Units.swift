import CCHCCore
import Foundation
import Vapor
import WorkCalendar

extension APIHandler {
    func listUnits(_ input: Operations.ListUnits.Input) async throws -> Operations.ListUnits.Output {
        let request = try self.request
        let query = input.query
        let today = VietnamTime.localDate(of: request.now)
        let asOf = try Self.date(query.asOf, field: "asOf") ?? today
        let page = try await request.store.units.search(
            UnitQuery(
                text: query.q, kind: query.kind.flatMap { UnitKind(rawValue: $0.rawValue) },
                status: query.status.flatMap { UnitQuery.Status(rawValue: $0.rawValue) } ?? .open, asOf: asOf,
                cursor: query.cursor, limit: query.limit ?? 50))
        let tree = try await request.store.units.tree()
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.items.map { .init($0, tree: tree, today: today) }, nextCursor: page.nextCursor))))
    }

    func getUnitTree(_ input: Operations.GetUnitTree.Input) async throws -> Operations.GetUnitTree.Output {
        let request = try self.request
        let asOf = try Self.date(input.query.asOf, field: "asOf")
        let tree = try await request.store.units.tree()
        return .ok(.init(body: .json(.init(roots: tree.nested(asOf: asOf).map(Components.Schemas.UnitTreeNode.init)))))
    }

    func getUnit(_ input: Operations.GetUnit.Input) async throws -> Operations.GetUnit.Output {
        let request = try self.request
        let tree = try await request.store.units.tree()
        guard let unit = tree.unit(code: UnitCode.normalize(input.path.code)) else {
            throw DomainError.notFound("unit.not_found", arguments: ["code": input.path.code])
        }
        return .ok(.init(body: .json(.init(unit, tree: tree, today: VietnamTime.localDate(of: request.now)))))
    }

    func createUnit(_ input: Operations.CreateUnit.Input) async throws -> Operations.CreateUnit.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let draft = try await UnitInput(
            code: body.code, name: body.name, shortName: body.shortName, kind: body.kind.rawValue,
            parentCode: body.parentCode, effectiveFrom: body.effectiveFrom
        ).draft(request)
        let unit = try await request.store.units.create(draft, now: request.now)
        return .created(.init(body: .json(try await unitResponse(unit, request))))
    }

    func updateUnit(_ input: Operations.UpdateUnit.Input) async throws -> Operations.UpdateUnit.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let changes = try await UnitChangeInput(
            name: body.name, shortName: body.shortName, kind: body.kind?.rawValue,
            parentCode: body.parentCode.map { .some($0) }, effectiveFrom: body.effectiveFrom
        ).changes(code: input.path.code, expectedVersion: body.version, request)
        let unit = try await request.store.units.update(
            code: input.path.code, expectedVersion: body.version, changes: changes, now: request.now)
        return .ok(.init(body: .json(try await unitResponse(unit, request))))
    }

    func closeUnit(_ input: Operations.CloseUnit.Input) async throws -> Operations.CloseUnit.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        guard let closedOn = try Self.date(body.closedOn, field: "closedOn") else {
            throw DomainError.validation([FieldError("closedOn", "error.required")])
        }
        let unit = try await request.store.units.close(
            code: input.path.code, expectedVersion: body.version, on: closedOn, successorCode: body.successorCode, now: request.now)
        return .ok(.init(body: .json(try await unitResponse(unit, request))))
    }

    private func unitResponse(_ unit: OrgUnit, _ request: Vapor.Request) async throws -> Components.Schemas.Unit {
        Components.Schemas.Unit(unit, tree: try await request.store.units.tree(), today: VietnamTime.localDate(of: request.now))
    }
}

extension Components.Schemas.Unit {
    init(_ unit: OrgUnit, tree: UnitTree, today: LocalDate) {
        self.init(
            id: unit.id.uuidString, code: unit.code, name: unit.name, shortName: unit.shortName,
            kind: Components.Schemas.UnitKind(unit.kind), parentCode: tree.parent(of: unit)?.code,
            effectiveFrom: unit.effectiveFrom.description, effectiveTo: unit.effectiveTo?.description,
            successorCode: unit.successorID.flatMap { tree.unit(id: $0)?.code },
            status: (unit.effectiveTo.map { $0 <= today } ?? false) ? .closed : .open, version: unit.version,
            createdAt: unit.createdAt, updatedAt: unit.updatedAt)
    }
}

extension Components.Schemas.UnitTreeNode {
    init(_ node: UnitNode) {
        self.init(
            code: node.unit.code, name: node.unit.name, shortName: node.unit.shortName,
            kind: Components.Schemas.UnitKind(node.unit.kind),
            effectiveFrom: node.unit.effectiveFrom.description, effectiveTo: node.unit.effectiveTo?.description,
            children: node.children.map(Self.init))
    }
}
