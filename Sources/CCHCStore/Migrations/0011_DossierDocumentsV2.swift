import CCHCCore
import FluentKit
import Foundation
import SQLKit

/// Dossier documents get their schema version (2) and the province settings version their deadlines were
/// counted under (1, the version the environment's settings become, for a dossier whose clock started);
/// and the units each dossier has been with get a table of their own, which lists read as views do.
struct M0011DossierDocumentsV2: AsyncMigration {
    var name: String { "0011_dossier_documents_v2" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("dossier_units")
            .field("dossier_id", .uuid, .required, .references("dossiers", "id"))
            .field("unit_id", .uuid, .required)
            .unique(on: "dossier_id", "unit_id")
            .create()
        try await sql.create(index: "dossier_units_unit_idx").on("dossier_units").column("unit_id").column("dossier_id").run()
        // One transaction: on SQLite every statement would otherwise commit (and sync) on its own.
        try await database.transaction { database in try await Self.convert(on: database as! any SQLDatabase) }
    }

    static func convert(on sql: any SQLDatabase) async throws {
        try await DocumentBatches.each(on: sql, table: "dossiers", columns: ["id", "document"]) { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let dossier = try Self.upgrade(try row.decode(column: "document", as: String.self), id: id)
            try await sql.update("dossiers").set("document", to: try JSONCoding.string(dossier)).where("id", .equal, id).run()
            let units = dossier.involvedUnitIDs.sorted { $0.uuidString < $1.uuidString }
            let insert = sql.insert(into: "dossier_units").columns("dossier_id", "unit_id")
            for unit in units { insert.values(SQLBind(id), SQLBind(unit)) }
            try await insert.run()
        }
    }

    /// A version-1 document as a version-2 dossier: the two new keys added, then read strictly.
    static func upgrade(_ document: String, id: UUID) throws -> Dossier {
        guard var object = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any] else {
            throw StoreError.corruptRow(table: "dossiers", id: id)
        }
        if object["schemaVersion"] == nil {
            object["schemaVersion"] = Dossier.documentSchemaVersion
            object["settingsVersion"] = object["clockStartedAt"] == nil || object["clockStartedAt"] is NSNull ? nil : 1
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            return try JSONCoding.decode(Dossier.self, String(decoding: data, as: UTF8.self))
        } catch {
            throw StoreError.unreadable(table: "dossiers", id: id, reason: String(describing: error))
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { database in try await Self.downgrade(on: database as! any SQLDatabase) }
        try await database.schema("dossier_units").delete()
    }

    static func downgrade(on sql: any SQLDatabase) async throws {
        try await DocumentBatches.each(on: sql, table: "dossiers", columns: ["id", "document"]) { row in
            let id = try row.decode(column: "id", as: UUID.self)
            guard var object = try JSONSerialization.jsonObject(with: Data(try row.decode(column: "document", as: String.self).utf8)) as? [String: Any]
            else { throw StoreError.corruptRow(table: "dossiers", id: id) }
            object["schemaVersion"] = nil
            object["settingsVersion"] = nil
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            try await sql.update("dossiers").set("document", to: String(decoding: data, as: UTF8.self)).where("id", .equal, id).run()
        }
    }
}

/// Reads every row of a table in batches by id, for migrations that convert rows one by one.
enum DocumentBatches {
    static let size = 500

    static func each(on sql: any SQLDatabase, table: String, columns: [String], _ body: (any SQLRow) async throws -> Void) async throws {
        var after: UUID?
        while true {
            let select = sql.select().columns(columns.map { SQLColumn($0) }).from(table).orderBy("id").limit(size)
            if let after { select.where("id", .greaterThan, after) }
            let rows = try await select.all()
            for row in rows { try await body(row) }
            guard rows.count == size, let last = rows.last else { return }
            after = try last.decode(column: "id", as: UUID.self)
        }
    }
}
