import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

/// A table of rule-set versions (`RuleSetVersion`): `province_settings`, or `rule_sets` for one `kind` of
/// the rule sets that share it. Adding checks that the latest version is still the one the caller closed.
struct RuleSetTable<Rules: Codable & Equatable & Sendable> {
    let table: String
    /// The `kind` column's value in a shared table; nil for a table of one rule set.
    let kind: String?
    let handle: DatabaseHandle

    private var label: String { kind ?? table }

    private func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        if let kind { select.where("kind", .equal, kind) }
        return select
    }

    func versions() async throws -> [RuleSetVersion<Rules>] {
        let rows = try await filtered(handle.sql.select().column("*").from(table)).orderBy("version").all()
        return try rows.map { row in
            let version = try row.decode(column: "version", as: Int.self)
            guard let from = LocalDate(try row.decode(column: "effective_from", as: String.self)) else {
                throw StoreError.unreadable(table: table, id: nil, reason: "\(label) version \(version): effective_from")
            }
            let rules: Rules
            do {
                rules = try JSONCoding.decode(Rules.self, try row.decode(column: "rules", as: String.self))
            } catch {
                throw StoreError.unreadable(table: table, id: nil, reason: "\(label) version \(version): \(error)")
            }
            return RuleSetVersion(
                version: version, effectiveFrom: from, effectiveTo: try row.decode(column: "effective_to", as: String?.self).flatMap { LocalDate($0) },
                rules: rules, setBy: try row.decode(column: "set_by", as: String.self), reason: try row.decode(column: "reason", as: String.self),
                setAt: try row.decode(column: "set_at", as: Date.self))
        }
    }

    /// The number of versions, which moves with every change (a version is only ever added).
    func count() async throws -> Int {
        try await filtered(handle.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)).first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    func add(_ added: RuleSetVersion<Rules>, closing closed: RuleSetVersion<Rules>?) async throws {
        let rules = try JSONCoding.string(added.rules)
        try await handle.writeSQL { sql in
            let latest =
                try await filtered(sql.select().column(SQLFunction("MAX", args: SQLIdentifier("version")), as: "v").from(table)).first()?
                .decode(column: "v", as: Int?.self) ?? nil
            guard latest == closed?.version else { throw DomainError.staleVersion(current: latest ?? 0) }
            if let closed {
                let update = sql.update(table).set("effective_to", to: closed.effectiveTo?.description).where("version", .equal, closed.version)
                if let kind { update.where("kind", .equal, kind) }
                try await update.run()
            }
            var columns = ["version", "effective_from", "effective_to", "rules", "set_by", "reason", "set_at"]
            var values: [any SQLExpression] = [
                SQLBind(added.version), SQLBind(added.effectiveFrom.description), SQLBind(added.effectiveTo?.description), SQLBind(rules),
                SQLBind(added.setBy), SQLBind(added.reason), SQLBind(added.setAt),
            ]
            if let kind {
                columns.append("kind")
                values.append(SQLBind(kind))
            }
            do {
                try await sql.insert(into: table).columns(columns).values(values).run()
            } catch  where error.isConstraintViolation {
                throw DomainError.staleVersion(current: added.version)
            }
        }
    }
}
