import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

/// Tasks put to units, on either database; codes `NV-yymmdd-nnnn` come from the shared daily code counters.
struct FluentTaskRepository: TaskRepository {
    let handle: DatabaseHandle
    static let table = "assigned_tasks"
    static let codePrefix = "NV"

    func create(_ task: AssignedTask) async throws -> AssignedTask {
        try await handle.writeSQL { sql in
            var stored = task
            let day = VietnamTime.localDate(of: task.createdAt)
            stored.code = DossierCode.make(
                unitCode: Self.codePrefix, date: day, sequence: try await DossierWritePath.reserveCodes(1, prefix: Self.codePrefix, day: day, on: sql))
            try await sql.insert(into: Self.table).columns(["id", "code"] + Self.columns)
                .values([SQLBind(stored.id), SQLBind(stored.code)] + (try Self.values(stored))).run()
            return stored
        }
    }

    func update(_ task: AssignedTask, expectedVersion: Int) async throws {
        let values = try Self.values(task)
        try await handle.writeSQL { sql in
            let update = sql.update(Self.table)
            for (column, value) in zip(Self.columns, values) { update.set(SQLColumn(column), to: value) }
            let updated = try await update.where("id", .equal, task.id).where("version", .equal, expectedVersion).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
        }
    }

    static let columns = ["unit_id", "state", "due_on", "source_kind", "source_reference", "document", "version", "updated_at"]

    static func values(_ task: AssignedTask) throws -> [any SQLExpression] {
        [
            SQLBind(task.unitID), SQLBind(task.state.rawValue), SQLBind(task.dueOn.description), SQLBind(task.source.kind.rawValue),
            SQLBind(task.source.reference), SQLBind(try JSONCoding.string(task)), SQLBind(task.version), SQLBind(task.updatedAt),
        ]
    }

    func find(code: String) async throws -> AssignedTask? {
        try await handle.sql.select().column("document").from(Self.table).where("code", .equal, code).first()
            .map { try DocumentRow.decode(AssignedTask.self, $0, table: Self.table) }
    }

    func list(_ query: TaskQuery) async throws -> [AssignedTask] {
        if let units = query.units, units.isEmpty { return [] }
        let select = handle.sql.select().column("document").from(Self.table)
        if let units = query.units { select.where("unit_id", .in, units.sorted { $0.uuidString < $1.uuidString }) }
        if let state = query.state { select.where("state", .equal, state.rawValue) }
        if let source = query.source {
            select.where("source_kind", .equal, source.kind.rawValue).where("source_reference", .equal, source.reference)
        }
        // Open before done (alphabetically "done" < "open", hence descending), the nearest day first.
        return try await select.orderBy("state", .descending).orderBy("due_on").orderBy("code").limit(query.limit).all()
            .map { try DocumentRow.decode(AssignedTask.self, $0, table: Self.table) }
    }
}
