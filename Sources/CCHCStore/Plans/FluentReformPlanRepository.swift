import CCHCCore
import Foundation
import SQLKit

/// Reform plans on either database; codes `KH-2021-001` number the plans of a first year.
struct FluentReformPlanRepository: ReformPlanRepository {
    let handle: DatabaseHandle
    static let table = "reform_plans"
    static let codePrefix = "KH"

    func create(_ plan: ReformPlan) async throws -> ReformPlan {
        try await handle.writeSQL { sql in
            var stored = plan
            stored.code = try await DossierWritePath.yearlyCode(prefix: Self.codePrefix, year: plan.fromYear, on: sql)
            try await sql.insert(into: Self.table).columns("id", "code", "from_year", "document", "version")
                .values(SQLBind(stored.id), SQLBind(stored.code), SQLBind(stored.fromYear), SQLBind(try JSONCoding.string(stored)), SQLBind(stored.version))
                .run()
            return stored
        }
    }

    func find(code: String) async throws -> ReformPlan? {
        try await handle.sql.select().column("document").from(Self.table).where("code", .equal, code).first()
            .map { try DocumentRow.decode(ReformPlan.self, $0, table: Self.table) }
    }

    func list() async throws -> [ReformPlan] {
        try await handle.sql.select().column("document").from(Self.table).orderBy("from_year", .descending).orderBy("code").all()
            .map { try DocumentRow.decode(ReformPlan.self, $0, table: Self.table) }
    }
}
