import CCHCCore
import Foundation
import SQLKit
import WorkCalendar

struct FluentProvinceSettingsRepository: ProvinceSettingsRepository {
    let handle: DatabaseHandle

    private var table: RuleSetTable<ProvinceSettings> { RuleSetTable(table: "province_settings", kind: nil, handle: handle) }

    func history() async throws -> ProvinceSettingsHistory {
        guard let shared = handle.shared, !handle.inTransaction else { return ProvinceSettingsHistory(try await table.versions()) }
        return try await shared.settings.get(
            checkInterval: shared.checkInterval,
            // A version is only ever added, the one before closed in the same transaction: the count moves with every change.
            fingerprint: { String(try await table.count()) }, load: { ProvinceSettingsHistory(try await table.versions()) })
    }

    func add(_ added: ProvinceSettingsVersion, closing closed: ProvinceSettingsVersion?) async throws {
        defer { handle.shared?.settings.invalidate() }
        try await table.add(added, closing: closed)
    }
}
