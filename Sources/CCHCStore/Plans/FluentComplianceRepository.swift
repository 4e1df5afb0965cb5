import CCHCCore
import Foundation
import SQLKit

/// Compliance requirements on either database; codes `YC-2026-001` number a year's requirements.
struct FluentComplianceRepository: ComplianceRepository {
    let handle: DatabaseHandle
    static let table = "compliance_requirements"
    static let codePrefix = "YC"

    func create(_ requirement: ComplianceRequirement) async throws -> ComplianceRequirement {
        try await handle.writeSQL { sql in
            var stored = requirement
            stored.code = try await DossierWritePath.yearlyCode(prefix: Self.codePrefix, year: requirement.year, on: sql)
            try await sql.insert(into: Self.table).columns("id", "code", "year", "document", "version")
                .values(SQLBind(stored.id), SQLBind(stored.code), SQLBind(stored.year), SQLBind(try JSONCoding.string(stored)), SQLBind(stored.version))
                .run()
            return stored
        }
    }

    func update(_ requirement: ComplianceRequirement, expectedVersion: Int) async throws {
        try await handle.writeSQL { sql in
            let updated = try await sql.update(Self.table).set("document", to: try JSONCoding.string(requirement)).set("version", to: requirement.version)
                .where("id", .equal, requirement.id).where("version", .equal, expectedVersion).returning("id").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
        }
    }

    func find(code: String) async throws -> ComplianceRequirement? {
        try await handle.sql.select().column("document").from(Self.table).where("code", .equal, code).first()
            .map { try DocumentRow.decode(ComplianceRequirement.self, $0, table: Self.table) }
    }

    func list() async throws -> [ComplianceRequirement] {
        try await handle.sql.select().column("document").from(Self.table).orderBy("year", .descending).orderBy("code").all()
            .map { try DocumentRow.decode(ComplianceRequirement.self, $0, table: Self.table) }
    }
}
