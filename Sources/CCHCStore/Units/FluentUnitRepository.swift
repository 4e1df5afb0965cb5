import CCHCCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit
import WorkCalendar

struct FluentUnitRepository: UnitRepository {
    let handle: DatabaseHandle

    func tree() async throws -> UnitTree {
        // Inside a transaction the tree is read there, so that rules are checked on what the transaction sees.
        guard let shared = handle.shared, !handle.inTransaction else { return try await Self.tree(on: handle.db) }
        return try await shared.units.get(
            checkInterval: shared.checkInterval,
            fingerprint: {
                // Units are never deleted, and every change raises a version.
                let row = try await handle.sql.raw("SELECT count(*) AS n, CAST(sum(version) AS BIGINT) AS versions FROM units").first()
                return "\(try row?.decode(column: "n", as: Int.self) ?? 0) \(try row?.decode(column: "versions", as: Int?.self) ?? 0)"
            }, load: { try await Self.tree(on: handle.db) })
    }

    static func tree(on db: any Database) async throws -> UnitTree {
        UnitTree(try await UnitModel.query(on: db).all().map { try $0.domain() })
    }

    func find(code: String) async throws -> OrgUnit? {
        try await UnitModel.query(on: handle.db).filter(\.$code == UnitCode.normalize(code)).first()?.domain()
    }

    func find(id: UUID) async throws -> OrgUnit? {
        try await UnitModel.find(id, on: handle.db)?.domain()
    }

    func search(_ query: UnitQuery) async throws -> ResultPage<OrgUnit> {
        let builder = UnitModel.query(on: handle.db).sort(\.$code)
        SearchFilter.apply(query.text, column: "search_text", to: builder)
        if let kind = query.kind { builder.filter(\.$kind == kind.rawValue) }
        let day = query.asOf.description
        switch query.status {
        case .open:
            builder.filter(\.$effectiveFrom <= day).group(.or) { $0.filter(\.$effectiveTo == nil).filter(\.$effectiveTo > day) }
        case .closed:
            builder.filter(\.$effectiveTo <= day)
        case .all:
            break
        }
        if let cursor = query.cursor { builder.filter(\.$code > (try Cursor.decode(cursor))) }
        let rows = try await builder.limit(query.limit + 1).all()
        let units = try rows.prefix(query.limit).map { try $0.domain() }
        return ResultPage(items: units, nextCursor: rows.count > query.limit ? units.last.map { Cursor.encode($0.code) } : nil)
    }

    func countsByKind(asOf date: LocalDate) async throws -> [UnitKind: Int] {
        let day = date.description
        let rows = try await handle.sql.select()
            .column("kind").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(UnitModel.schema)
            .where("effective_from", .lessThanOrEqual, day)
            .where { $0.where("effective_to", .is, SQLLiteral.null).orWhere("effective_to", .greaterThan, day) }
            .groupBy("kind")
            .all()
        var counts: [UnitKind: Int] = [:]
        for row in rows {
            if let kind = UnitKind(rawValue: try row.decode(column: "kind", as: String.self)) {
                counts[kind] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    func create(_ draft: UnitDraft, now: Date) async throws -> OrgUnit {
        try await writeTree { db, tree in
            let unit = try tree.creating(draft, now: now)
            try await UnitModel(unit).create(on: db)
            return unit
        }
    }

    func update(code: String, expectedVersion: Int, changes: UnitChanges, now: Date) async throws -> OrgUnit {
        try await writeTree { db, tree in
            let unit = try tree.updating(code: code, expectedVersion: expectedVersion, changes: changes, now: now)
            try await Self.save(unit, expectedVersion: expectedVersion, on: db)
            return unit
        }
    }

    func close(code: String, expectedVersion: Int, on date: LocalDate, successorCode: String?, now: Date) async throws -> OrgUnit {
        try await writeTree { db, tree in
            let unit = try tree.closing(code: code, expectedVersion: expectedVersion, on: date, successorCode: successorCode, now: now)
            try await Self.save(unit, expectedVersion: expectedVersion, on: db)
            return unit
        }
    }

    func importUnits(_ rows: [UnitImportRow], now: Date) async throws -> UnitImportPlan {
        try await writeTree { db, tree in
            let plan = tree.planningImport(rows, now: now)
            guard plan.errors.isEmpty else { return plan }
            // Insert first without references: a new unit may point to another new unit further down.
            for unit in plan.created {
                var bare = unit
                bare.parentID = nil
                bare.successorID = nil
                try await UnitModel(bare).create(on: db)
            }
            for unit in plan.created + plan.updated {
                try await Self.save(unit, expectedVersion: tree.unit(id: unit.id)?.version ?? unit.version, on: db)
            }
            return plan
        }
    }

    /// Runs a tree change with the tree read inside the write transaction, so that the rules are checked
    /// against what is really there. Tree writers are serialised: on SQLite by BEGIN IMMEDIATE, on
    /// PostgreSQL by a table lock that still lets readers through.
    private func writeTree<T: Sendable>(_ body: @escaping @Sendable (any Database, UnitTree) async throws -> T) async throws -> T {
        defer { handle.shared?.units.invalidate() }
        return try await handle.write { db in
            if !db.isSQLite {
                try await (db as! any SQLDatabase).raw("LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE").run()
            }
            return try await body(db, try await Self.tree(on: db))
        }
    }

    /// Writes every field of a unit whose stored version is still `expectedVersion`.
    private static func save(_ unit: OrgUnit, expectedVersion: Int, on db: any Database) async throws {
        let model = UnitModel(unit)
        let saved = try await (db as! any SQLDatabase).update(
            UnitModel.schema, id: unit.id, ifVersion: expectedVersion,
            set: [
                ("name", model.name), ("short_name", model.shortName), ("kind", model.kind), ("parent_id", model.parentID),
                ("effective_from", model.effectiveFrom), ("effective_to", model.effectiveTo), ("successor_id", model.successorID),
                ("search_text", model.searchText), ("version", model.version), ("updated_at", model.updatedAt),
            ])
        if !saved { throw DomainError.staleVersion(current: expectedVersion + 1) }
    }
}
