import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

struct FluentIndicatorSetRepository: IndicatorSetRepository {
    let handle: DatabaseHandle

    func history() async throws -> IndicatorSetHistory {
        IndicatorSetHistory(try await RuleSetTable(kind: "service_index", handle: handle).versions())
    }

    func add(_ added: IndicatorSetVersion, closing closed: IndicatorSetVersion?) async throws {
        try await RuleSetTable(kind: "service_index", handle: handle).add(added, closing: closed)
    }

    func acceptedDossiers(units: Set<UUID>, acceptedBefore: Date, afterCode: String?, limit: Int) async throws -> [Dossier] {
        guard !units.isEmpty else { return [] }
        let select = FluentDossierRepository(handle: handle).selectDocuments()
            .where("competent_unit_id", .in, units.sorted { $0.uuidString < $1.uuidString })
            .where("accepted_at", .isNot, SQLLiteral.null).where("accepted_at", .lessThan, acceptedBefore)
        if let afterCode { select.where("code", .greaterThan, afterCode) }
        return try await select.orderBy("code").limit(limit).all().map(FluentDossierRepository.decode)
    }
}

/// The `rule_sets` table, one kind of rule set at a time.
struct RuleSetTable<Rules: Codable & Equatable & Sendable> {
    static var table: String { "rule_sets" }
    let kind: String
    let handle: DatabaseHandle

    func versions() async throws -> [RuleSetVersion<Rules>] {
        let rows = try await handle.sql.select().column("*").from(Self.table).where("kind", .equal, kind).orderBy("version").all()
        return try rows.map { row in
            let version = try row.decode(column: "version", as: Int.self)
            guard let from = LocalDate(try row.decode(column: "effective_from", as: String.self)) else {
                throw StoreError.unreadable(table: Self.table, id: nil, reason: "\(kind) version \(version): effective_from")
            }
            let rules: Rules
            do {
                rules = try JSONCoding.decode(Rules.self, try row.decode(column: "rules", as: String.self))
            } catch {
                throw StoreError.unreadable(table: Self.table, id: nil, reason: "\(kind) version \(version): \(error)")
            }
            return RuleSetVersion(
                version: version, effectiveFrom: from, effectiveTo: try row.decode(column: "effective_to", as: String?.self).flatMap { LocalDate($0) },
                rules: rules, setBy: try row.decode(column: "set_by", as: String.self), reason: try row.decode(column: "reason", as: String.self),
                setAt: try row.decode(column: "set_at", as: Date.self))
        }
    }

    func add(_ added: RuleSetVersion<Rules>, closing closed: RuleSetVersion<Rules>?) async throws {
        let rules = try JSONCoding.string(added.rules)
        try await handle.writeSQL { sql in
            let latest =
                try await sql.select().column(SQLFunction("MAX", args: SQLIdentifier("version")), as: "v").from(Self.table)
                .where("kind", .equal, kind).first()?.decode(column: "v", as: Int?.self) ?? nil
            guard latest == closed?.version else { throw DomainError.staleVersion(current: latest ?? 0) }
            if let closed {
                try await sql.update(Self.table).set("effective_to", to: closed.effectiveTo?.description)
                    .where("kind", .equal, kind).where("version", .equal, closed.version).run()
            }
            do {
                try await sql.insert(into: Self.table).columns("kind", "version", "effective_from", "effective_to", "rules", "set_by", "reason", "set_at")
                    .values(
                        SQLBind(kind), SQLBind(added.version), SQLBind(added.effectiveFrom.description), SQLBind(added.effectiveTo?.description),
                        SQLBind(rules), SQLBind(added.setBy), SQLBind(added.reason), SQLBind(added.setAt)
                    )
                    .run()
            } catch  where error.isConstraintViolation {
                throw DomainError.staleVersion(current: added.version)
            }
        }
    }
}
