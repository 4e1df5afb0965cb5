import CCHCCore
import Foundation

/// The demo citizen's dossiers as the officers who handled them opened them, so that "Ai đã xem hồ sơ của
/// tôi" and the data export show something: the centre's desk viewed and printed each, the land department's
/// specialist viewed it the next day.
struct DemoPersonalData {
    let store: any Store

    func record() async throws {
        guard let citizen = try await store.users.find(username: "congdan"),
            let desk = try await store.users.find(username: "motcua"),
            let specialist = try await store.users.find(username: "chuyenvien")
        else { return }
        let service = PersonalDataService(store: store)
        for dossier in try await store.dossiers.list(DossierQuery(scope: .citizen(citizen.id), limit: 20)).items {
            let opened = dossier.submittedAt.addingTimeInterval(3600)
            try await service.recordAccess(by: desk, to: dossier, purpose: .view, now: opened)
            try await service.recordAccess(by: desk, to: dossier, purpose: .print, now: opened.addingTimeInterval(300))
            try await service.recordAccess(by: specialist, to: dossier, purpose: .view, now: opened.addingTimeInterval(86400))
        }
    }
}
