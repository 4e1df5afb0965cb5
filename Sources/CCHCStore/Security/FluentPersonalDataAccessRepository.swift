import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

struct FluentPersonalDataAccessRepository: PersonalDataAccessRepository {
    let handle: DatabaseHandle
    static let table = "personal_data_access"

    func record(_ access: PersonalDataAccess) async throws {
        try await handle.writeSQL { sql in
            let insert = sql.insert(into: Self.table)
                .columns("id", "dossier_id", "dossier_code", "user_id", "username", "full_name", "unit_name", "purpose", "day", "at")
                .values(
                    SQLBind(UUID()), SQLBind(access.dossierID), SQLBind(access.dossierCode), SQLBind(access.userID), SQLBind(access.username),
                    SQLBind(access.fullName), SQLBind(access.unitName), SQLBind(access.purpose.rawValue),
                    SQLBind(VietnamTime.localDate(of: access.at).description), SQLBind(access.at))
            try await sql.raw("\(insert.query) ON CONFLICT (dossier_id, user_id, day, purpose) DO NOTHING").run()
        }
    }

    func list(dossierIDs: [UUID], limit: Int) async throws -> [PersonalDataAccess] {
        guard !dossierIDs.isEmpty else { return [] }
        let rows = try await handle.sql.select().column("*").from(Self.table).where("dossier_id", .in, dossierIDs)
            .orderBy("at", .descending).limit(limit).all()
        return try rows.map { row in
            guard let purpose = PersonalDataAccess.Purpose(rawValue: try row.decode(column: "purpose", as: String.self)) else {
                throw StoreError.corruptRow(table: Self.table, id: try row.decode(column: "id", as: UUID.self))
            }
            return PersonalDataAccess(
                dossierID: try row.decode(column: "dossier_id", as: UUID.self), dossierCode: try row.decode(column: "dossier_code", as: String.self),
                userID: try row.decode(column: "user_id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
                fullName: try row.decode(column: "full_name", as: String.self), unitName: try row.decode(column: "unit_name", as: String.self),
                purpose: purpose, at: try row.decode(column: "at", as: Date.self))
        }
    }

    func purge(before cutoff: Date) async throws -> Int {
        try await handle.writeSQL { sql in
            try await sql.delete(from: Self.table).where("at", .lessThan, cutoff).returning("id").all().count
        }
    }
}
