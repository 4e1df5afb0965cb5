import CCHCCore
import FluentKit
import Foundation
import SQLKit

struct FluentDossierFileRepository: DossierFileRepository {
    let handle: DatabaseHandle

    func find(id: UUID) async throws -> DossierFile? {
        try await handle.sql.select().column("*").from("dossier_files").where("id", .equal, id).first().map(Self.decode)
    }

    func list(dossierID: UUID) async throws -> [DossierFile] {
        try await handle.sql.select().column("*").from("dossier_files").where("dossier_id", .equal, dossierID)
            .orderBy("component_index").orderBy("uploaded_at").all().map(Self.decode)
    }

    func exists(id: UUID) async throws -> Bool {
        try await handle.sql.select().column("id").from("dossier_files").where("id", .equal, id).first() != nil
    }

    static func decode(_ row: any SQLRow) throws -> DossierFile {
        guard let kind = DossierFile.Kind(rawValue: try row.decode(column: "content_type", as: String.self)) else {
            throw StoreError.corruptRow(table: "dossier_files", id: nil)
        }
        return DossierFile(
            id: try row.decode(column: "id", as: UUID.self), dossierID: try row.decode(column: "dossier_id", as: UUID?.self),
            componentIndex: try row.decode(column: "component_index", as: Int.self), originalName: try row.decode(column: "original_name", as: String.self),
            kind: kind, size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self),
            storagePath: try row.decode(column: "storage_path", as: String.self), uploadedBy: try row.decode(column: "uploaded_by", as: String.self),
            uploadedAt: try row.decode(column: "uploaded_at", as: Date.self))
    }
}

struct FluentThrottleRepository: ThrottleRepository {
    let handle: DatabaseHandle

    func record(scope: String, key: String, at: Date) async throws {
        try await handle.writeStatements { sql in
            try await sql.insert(into: "throttle_events").columns("id", "scope", "key", "occurred_at")
                .values(SQLBind(UUID()), SQLBind(scope), SQLBind(key), SQLBind(at)).run()
        }
    }

    func count(scope: String, key: String, since: Date) async throws -> Int {
        try await handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("throttle_events")
            .where("scope", .equal, scope).where("key", .equal, key).where("occurred_at", .greaterThan, since)
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func purge(before: Date) async throws -> Int {
        let old = try await count(before: before)
        try await handle.writeStatements { sql in try await sql.delete(from: "throttle_events").where("occurred_at", .lessThan, before).run() }
        return old
    }

    private func count(before: Date) async throws -> Int {
        try await handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("throttle_events")
            .where("occurred_at", .lessThan, before).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

struct FluentIdempotencyRepository: IdempotencyRepository {
    let handle: DatabaseHandle

    func find(owner: String, key: String) async throws -> IdempotentResponse? {
        guard
            let row = try await handle.sql.select().column("request_hash").column("status").column("response").from("idempotency_keys")
                .where("owner", .equal, owner).where("key", .equal, key).first()
        else { return nil }
        return IdempotentResponse(
            requestHash: try row.decode(column: "request_hash", as: String.self), status: try row.decode(column: "status", as: Int.self),
            body: try row.decode(column: "response", as: String.self))
    }

    func record(_ key: IdempotencyKey, response: IdempotentResponse, at: Date) async throws {
        try await handle.writeStatements { sql in try await IdempotencyRows.insert(key, response: response, at: at, on: sql) }
    }

    func purge(before: Date) async throws -> Int {
        try await handle.writeStatements { sql in
            try await sql.delete(from: "idempotency_keys").where("created_at", .lessThan, before).returning("id").all().count
        }
    }
}
