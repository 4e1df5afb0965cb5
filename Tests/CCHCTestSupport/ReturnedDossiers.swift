import CCHCCore
import Foundation
import WorkCalendar

extension Fixtures {
    /// `count` dossiers of the fixtures' procedure taken in at the centre and carried through to their
    /// returned result (status 10) by its officers, an hour apart from `start`: a survey's sampling frame.
    /// Expects the units and the procedure loaded. Returns their codes and lookup PINs.
    @discardableResult
    public static func returnedDossiers(_ count: Int, in store: any Store, from start: Date) async throws -> [(code: String, pin: String)] {
        let service = try await service(store)
        let tree = try await store.units.tree()
        guard let centre = tree.unit(code: centreCode)?.id, let land = tree.unit(code: landCode)?.id,
            let procedure = try await store.procedures.current(code: procedureCode, on: VietnamTime.localDate(of: start))
        else { throw DomainError.notFound("fixtures") }
        func user(_ name: String, _ role: Role, _ unit: UUID) -> User {
            User(username: name, fullName: name, role: role, unitID: unit, createdAt: start, updatedAt: start)
        }
        let actors: [DossierActor] = [
            .staff(user("desk", .deskOfficer, centre)), .staff(user("specialist", .specialist, land)), .staff(user("leader", .unitLeader, land)),
        ]
        // Forward along the steps, pay, then hand the result back: the first of these any officer may take.
        let preference: [DossierAction] = [
            .returnResult(to: "Người nộp", method: .counter), .recordPayment(reference: "BL"), .markResultReady(note: ""),
            .requestPayment(amount: 75_000, description: "Lệ phí"), .forward(toStep: nil, note: ""),
        ]
        var returned: [(code: String, pin: String)] = []
        var time = start
        for _ in 0..<count {
            let intake = try await service.intake(intakeRequest(), by: actors[0], now: time)
            var dossier = intake.dossier
            for _ in 0..<12 where dossier.status != .returned {
                time = time.addingTimeInterval(60)
                let moves = actors.flatMap { actor in
                    DossierPolicy.available(to: actor, on: dossier, procedure: procedure, tree: tree, settings: service.rules(now: time)).map { (actor, $0) }
                }
                guard let action = preference.first(where: { action in moves.contains { $0.1 == action.kind } }),
                    let actor = moves.first(where: { $0.1 == action.kind })?.0
                else { break }
                dossier = try await service.act(on: dossier, action, expectedVersion: dossier.version, by: actor, now: time)
            }
            guard dossier.status == .returned else { throw DomainError(.invalidState, "fixtures.not_returned") }
            returned.append((dossier.code, intake.pin))
            time = time.addingTimeInterval(3600)
        }
        return returned
    }
}
