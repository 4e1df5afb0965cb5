import CCHCCore
import Foundation
import WorkCalendar

extension DemoFeedback {
    /// Complaints about returned dossiers of the land department, sent by their applicants with the PIN of a
    /// receipt the centre printed again: each one costs the department a dossier in indicator 5.4, and the
    /// indicator's page leads from the dossier to the complaint.
    func complaints(count: Int, dossiers service: DossierService) async throws -> Int {
        let users = try await DemoStaffDirectory(store: store)
        let feedback = FeedbackService(store: store, maximumLookupFailures: 1000)
        let tree = try await store.units.tree()
        guard let land = tree.unit(code: DemoUnits.agricultureEnvironmentCode)?.id, let centre = tree.unit(code: DemoUnits.provincialCentreCode)?.id
        else { return 0 }
        let returned = try await store.dossiers.list(DossierQuery(scope: .province, status: .returned, limit: 500)).items
            .filter { $0.competentUnitID == land && $0.receivingUnitID == centre && ($0.finishedAt.map { $0 < now.addingTimeInterval(-5 * 86_400) } ?? false) }
        var made = 0
        for dossier in returned.prefix(count) {
            let at = (dossier.finishedAt ?? now).addingTimeInterval(3 * 86_400)
            let pin = try await service.reissuePIN(for: dossier, by: .staff(users.officer(of: DemoUnits.provincialCentreCode)), now: at)
            _ = try await feedback.submit(
                FeedbackSubmission(
                    name: dossier.applicant.fullName, phone: dossier.applicant.phone, topic: .dossier, dossierCode: dossier.code, dossierPIN: pin,
                    title: "Kết quả giải quyết hồ sơ \(dossier.code)", content: "Tôi phải đi lại nhiều lần và kết quả trả chậm so với giấy hẹn."),
                account: nil, address: "demo", now: at.addingTimeInterval(3600))
            made += 1
        }
        return made
    }
}
