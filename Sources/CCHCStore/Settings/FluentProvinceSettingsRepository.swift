import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

struct FluentProvinceSettingsRepository: ProvinceSettingsRepository {
    static let table = "province_settings"
    let handle: DatabaseHandle

    func history() async throws -> ProvinceSettingsHistory {
        guard let shared = handle.shared, !handle.inTransaction else { return try await read() }
        return try await shared.settings.get(
            checkInterval: shared.checkInterval,
            fingerprint: {
                // A version is only ever added, the one before closed in the same transaction: the count moves with every change.
                String(try await handle.sql.raw("SELECT COUNT(*) AS n FROM province_settings").first()?.decode(column: "n", as: Int.self) ?? 0)
            }, load: { try await read() })
    }

    private func read() async throws -> ProvinceSettingsHistory {
        let rows = try await handle.sql.select().column("*").from(Self.table).orderBy("version").all()
        return ProvinceSettingsHistory(
            try rows.map { row in
                let version = try row.decode(column: "version", as: Int.self)
                guard let from = LocalDate(try row.decode(column: "effective_from", as: String.self)) else {
                    throw StoreError.unreadable(table: Self.table, id: nil, reason: "version \(version): effective_from")
                }
                let to = try row.decode(column: "effective_to", as: String?.self)
                let rules: ProvinceSettings
                do {
                    rules = try JSONCoding.decode(ProvinceSettings.self, try row.decode(column: "rules", as: String.self))
                } catch {
                    throw StoreError.unreadable(table: Self.table, id: nil, reason: "version \(version): \(error)")
                }
                return ProvinceSettingsVersion(
                    version: version, effectiveFrom: from, effectiveTo: to.flatMap { LocalDate($0) }, rules: rules,
                    setBy: try row.decode(column: "set_by", as: String.self), reason: try row.decode(column: "reason", as: String.self),
                    setAt: try row.decode(column: "set_at", as: Date.self))
            })
    }

    func add(_ added: ProvinceSettingsVersion, closing closed: ProvinceSettingsVersion?) async throws {
        defer { handle.shared?.settings.invalidate() }
        let rules = try JSONCoding.string(added.rules)
        try await handle.writeSQL { sql in
            let latest = try await sql.raw("SELECT MAX(version) AS v FROM province_settings").first()?.decode(column: "v", as: Int?.self) ?? nil
            guard latest == closed?.version else { throw DomainError.staleVersion(current: latest ?? 0) }
            if let closed {
                try await sql.update(Self.table).set("effective_to", to: closed.effectiveTo?.description).where("version", .equal, closed.version).run()
            }
            do {
                try await sql.insert(into: Self.table).columns("version", "effective_from", "effective_to", "rules", "set_by", "reason", "set_at")
                    .values(
                        SQLBind(added.version), SQLBind(added.effectiveFrom.description), SQLBind(added.effectiveTo?.description), SQLBind(rules),
                        SQLBind(added.setBy), SQLBind(added.reason), SQLBind(added.setAt)
                    )
                    .run()
            } catch  where error.isConstraintViolation {
                throw DomainError.staleVersion(current: added.version)
            }
        }
    }
}
