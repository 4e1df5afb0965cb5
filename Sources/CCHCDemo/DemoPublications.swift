import CCHCCore
import Foundation
import WorkCalendar

/// How the demo province published its procedures (indicators 1.1–1.3, 3.4, 4.5a): every version of 1/7/2025
/// was published in time and posted within days, with who may file it and online payment where the fee can
/// be paid online. A new fee resolution of the provincial council takes effect in a month's time for a fifth
/// of them: their new versions were published in the last weeks, most in time, two too late (the decision
/// came days before the resolution takes effect), one posted late and one not posted yet. Civil-status
/// procedures do not state their applicants yet, so 1.3 is short of full.
enum DemoPublications {
    /// `codes`: the procedures just created (a store that had some keeps their records).
    static func record(store: any Store, codes: Set<String>, now: Date) async throws {
        let catalog = ProcedureCatalog(store: store)
        let calendar = try await store.calendarOverrides.workingCalendar()
        guard let admin = try await store.users.find(username: "admin") else { return }
        let today = VietnamTime.localDate(of: now)
        let basis = DemoProcedures.effectiveFrom
        for (index, spec) in DemoProcedures.specs.enumerated() where codes.contains(spec.code) {
            // Version 1: decided four weeks before its legal basis, posted three working days later.
            let decided = calendar.workingDay(-20, from: basis)
            let first = ProcedurePublication(
                decisionNumber: "\(1_100 + index / 8)/QĐ-UBND", decisionDate: decided, legalBasisEffectiveFrom: basis,
                postedOn: calendar.workingDay(3, from: decided), applicants: applicants(spec),
                onlinePayment: spec.fee > 0 && spec.online != .none && index % 6 != 5)
            _ = try await catalog.recordPublication(code: spec.code, version: 1, first, expectedRevision: 0, by: admin, now: now)

            // A fifth get a new version under next month's fee resolution.
            guard index % 5 == 0, let draft = DemoProcedures.drafts.first(where: { $0.code == spec.code }) else { continue }
            let resolution = today.adding(days: 30)
            var next = draft
            next.effectiveFrom = resolution
            next.fee = spec.fee + spec.fee / 5
            next.changeReason = "Nghị quyết HĐND tỉnh về mức thu phí, lệ phí (hiệu lực \(resolution.vietnameseFormat))"
            let version = try await catalog.newVersion(code: spec.code, next, expectedLatestVersion: 1, by: "admin", now: now)
            // Late: the decision came three working days before its legal basis took effect, not five.
            let late = index % 20 == 10
            let decision = calendar.workingDay(late ? -4 : -12 - index % 7, from: today)
            let posted: LocalDate? =
                switch index {
                case 5: nil
                case 15: calendar.workingDay(8, from: decision)
                default: calendar.workingDay(2, from: decision)
                }
            var publication = version.publication
            publication.decisionNumber = "\(2_400 + index)/QĐ-UBND"
            publication.decisionDate = decision
            publication.legalBasisEffectiveFrom = late ? calendar.workingDay(3, from: decision) : resolution
            publication.postedOn = posted.map { min($0, today) }
            _ = try await catalog.recordPublication(
                code: spec.code, version: version.version, publication, expectedRevision: version.publication.revision, by: admin, now: now)
        }
    }

    static func applicants(_ spec: DemoProcedures.Spec) -> [ApplicantKind] {
        switch spec.field {
        case DemoProcedures.civil: []
        case DemoProcedures.land, DemoProcedures.building, DemoProcedures.business, DemoProcedures.certification: [.citizens, .organisations]
        default: [.citizens]
        }
    }
}
