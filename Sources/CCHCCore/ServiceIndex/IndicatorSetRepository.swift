import Foundation
import WorkCalendar

public protocol IndicatorSetRepository: Sendable {
    /// Every version, oldest first.
    func history() async throws -> IndicatorSetHistory
    /// Stores `added`, and `closed` (the latest version with its new end) in one transaction, if the
    /// latest version is still the one `closed` was made from; a conflict otherwise.
    func add(_ added: IndicatorSetVersion, closing closed: IndicatorSetVersion?) async throws
    /// Dossiers whose competent unit is one of `units`, accepted before `acceptedBefore`: those a period
    /// ending then can count, read from their stored documents (drill-downs, and the check of the
    /// counters). With `touchedSince`, only those a period starting then can count as well: accepted since,
    /// written since (a dossier is last written no earlier than it finished) or not finished. Ordered by
    /// code, after `afterCode`, at most `limit`.
    func acceptedDossiers(units: Set<UUID>, acceptedBefore: Date, touchedSince: Date?, afterCode: String?, limit: Int) async throws -> [Dossier]
}
