import CCHCCore
import Foundation
import WorkCalendar

extension Story {
    /// The commune whose land and construction dossiers run late, like the two departments that decide them.
    static let slowCommune = "Xã Sông Xanh"
    /// The commune that was often late until this quarter and is on time since: it climbs the ranking.
    static let improvingCommune = "Phường Hòa Bình"

    /// How likely a dossier is to run late at a specialist's step: the service index's story (DOMAIN.md §4,
    /// the seeds: land, construction and household businesses are late most often). Land and construction
    /// dossiers run late at the departments that decide them (Nông nghiệp và Môi trường, Xây dựng) and at
    /// Xã Sông Xanh; Phường Hòa Bình was late a third of the time before this quarter and almost never since.
    func lateChance(of procedure: Procedure, at desk: OrgUnit, receivedAt: Date) -> Double {
        let competent = procedure.competentUnitID.flatMap { tree.unit(id: $0) } ?? tree.localGovernment(of: desk.id)
        let slowField = procedure.field == DemoProcedures.land || procedure.field == DemoProcedures.building
        switch competent?.name {
        case Self.slowCommune?: return slowField ? 0.45 : 0.08
        case Self.improvingCommune?:
            let today = VietnamTime.localDate(of: now)
            let quarterStart = LocalDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!
            return VietnamTime.localDate(of: receivedAt) < quarterStart ? 0.35 : 0.01
        default:
            return [DemoProcedures.land: 0.22, DemoProcedures.building: 0.18, DemoProcedures.business: 0.08][procedure.field] ?? 0.03
        }
    }

    /// What the desk records for the service index once a dossier is accepted: most reach the national
    /// portal and are checked against the population database; papers handed in at the counter are scanned
    /// about half the time; a few reuse digitised papers or the citizen's data store.
    static func serviceDataAtIntake(online: Bool, random: inout SeededRandom) -> DossierServiceData {
        DossierServiceData(
            syncedToPortal: random.chance(0.93), scannedAtDesk: !online && random.chance(0.55), reusedData: random.chance(0.2),
            fromDataStore: online && random.chance(0.25), populationVerified: random.chance(0.75))
    }
}
