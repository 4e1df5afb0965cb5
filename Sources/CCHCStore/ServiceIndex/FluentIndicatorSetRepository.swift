import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

struct FluentIndicatorSetRepository: IndicatorSetRepository {
    let handle: DatabaseHandle

    func history() async throws -> IndicatorSetHistory {
        IndicatorSetHistory(try await RuleSetTable(table: "rule_sets", kind: "service_index", handle: handle).versions())
    }

    func add(_ added: IndicatorSetVersion, closing closed: IndicatorSetVersion?) async throws {
        try await RuleSetTable(table: "rule_sets", kind: "service_index", handle: handle).add(added, closing: closed)
    }

    func acceptedDossiers(units: Set<UUID>, acceptedBefore: Date, touchedSince: Date?, afterCode: String?, limit: Int) async throws -> [Dossier] {
        guard !units.isEmpty else { return [] }
        let select = FluentDossierRepository(handle: handle).selectDocuments()
            .where("competent_unit_id", .in, units.sorted { $0.uuidString < $1.uuidString })
            .where("accepted_at", .isNot, SQLLiteral.null).where("accepted_at", .lessThan, acceptedBefore)
        if let since = touchedSince {
            // Columns only: the years of dossiers finished before the period are passed over without their documents.
            let open = DossierStatus.allCases.filter(\.isOpen).map(\.rawValue)
            select.where { $0.where("accepted_at", .greaterThanOrEqual, since).orWhere("updated_at", .greaterThanOrEqual, since).orWhere("status", .in, open) }
        }
        if let afterCode { select.where("code", .greaterThan, afterCode) }
        return try await select.orderBy("code").limit(limit).all().map(FluentDossierRepository.decode)
    }
}
