import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

/// Dialogue sessions on either database; codes `DT-yymmdd-nnnn` come from the shared daily code counters.
struct FluentDialogueRepository: DialogueRepository {
    let handle: DatabaseHandle
    static let table = "dialogue_sessions"
    static let codePrefix = "DT"

    func create(_ session: DialogueSession) async throws -> DialogueSession {
        try await handle.writeSQL { sql in
            var stored = session
            let sequence = try await DossierWritePath.reserveCodes(1, prefix: Self.codePrefix, day: session.heldOn, on: sql)
            stored.code = DossierCode.make(unitCode: Self.codePrefix, date: session.heldOn, sequence: sequence)
            try await sql.insert(into: Self.table).columns("id", "code", "unit_id", "held_on", "document", "version", "updated_at")
                .values(
                    SQLBind(stored.id), SQLBind(stored.code), SQLBind(stored.unitID), SQLBind(stored.heldOn.description),
                    SQLBind(try JSONCoding.string(stored)), SQLBind(stored.version), SQLBind(stored.updatedAt)
                ).run()
            return stored
        }
    }

    func update(_ session: DialogueSession, expectedVersion: Int) async throws {
        try await handle.writeSQL { sql in
            let updated = try await sql.update(Self.table).set("unit_id", to: session.unitID).set("held_on", to: session.heldOn.description)
                .set("document", to: try JSONCoding.string(session)).set("version", to: session.version).set("updated_at", to: session.updatedAt)
                .where("id", .equal, session.id).where("version", .equal, expectedVersion).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
        }
    }

    func find(code: String) async throws -> DialogueSession? {
        try await handle.sql.select().column("document").from(Self.table).where("code", .equal, code).first()
            .map { try DocumentRow.decode(DialogueSession.self, $0, table: Self.table) }
    }

    func list(units: Set<UUID>?, from: LocalDate, to: LocalDate) async throws -> [DialogueSession] {
        if let units, units.isEmpty { return [] }
        let select = handle.sql.select().column("document").from(Self.table)
            .where("held_on", .greaterThanOrEqual, from.description).where("held_on", .lessThanOrEqual, to.description)
        if let units { select.where("unit_id", .in, units.sorted { $0.uuidString < $1.uuidString }) }
        return try await select.orderBy("held_on", .descending).orderBy("code", .descending).all()
            .map { try DocumentRow.decode(DialogueSession.self, $0, table: Self.table) }
    }
}
