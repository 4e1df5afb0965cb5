import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Dossier policy table")
struct DossierPolicyTests {
    typealias World = DossierWorld
    typealias Relation = DossierPolicy.Relation
    typealias Walk = PolicyWalk<DossierPolicy.Player, Relation, DossierPolicy.State, DossierPolicy.Operation>

    /// Where `DossierWorld.dossier(in:)` leaves each status: held at the desk C, or at the department D at
    /// step 1 (a specialist's); and the role of the step it is at, if any.
    static func place(_ status: DossierStatus) -> (atDesk: Bool, stepRole: Role?) {
        switch status {
        case .submitted, .refused: (true, nil)
        case .accepted, .supplementRequested, .withdrawn: (true, .deskOfficer)
        case .processing, .paymentRequested: (false, .specialist)
        case .stopped: (true, .specialist)
        case .resultReady, .returned: (true, .unitLeader)
        }
    }

    struct Scenario: Sendable {
        var name: String
        var actor: DossierActor
        var player: DossierPolicy.Player
        /// The relations the actor holds to a dossier in a status, as the scenario is set up.
        var relations: @Sendable (DossierStatus) -> Set<Relation>
    }

    /// Each actor and, stated from the scenario rather than computed, how they stand to the dossier.
    static let scenarios: [Scenario] = [
        Scenario(name: "desk officer of the receiving desk", actor: .staff(World.desk), player: .role(.deskOfficer)) { status in
            let place = place(status)
            var relations: Set<Relation> = [.anyone, .receivingDesk, .involvedUnit]
            if place.atDesk { relations.insert(.holdingUnit) }
            if place.atDesk, place.stepRole == .deskOfficer { relations.insert(.currentStep) }
            return relations
        },
        Scenario(name: "specialist of the deciding department", actor: .staff(World.specialist), player: .role(.specialist)) { status in
            place(status).atDesk ? [.anyone, .involvedUnit] : [.anyone, .involvedUnit, .holdingUnit, .currentStep]
        },
        Scenario(name: "leader of the deciding department", actor: .staff(World.leader), player: .role(.unitLeader)) { status in
            place(status).atDesk ? [.anyone, .involvedUnit] : [.anyone, .involvedUnit, .holdingUnit, .currentStep]
        },
        // A leader acts for any role of the units below, at whatever step (or none) the dossier is.
        Scenario(name: "leader of the province", actor: .staff(World.anyLeader), player: .role(.unitLeader)) { _ in
            [.anyone, .receivingDesk, .holdingUnit, .involvedUnit, .currentStep]
        },
        Scenario(name: "specialist of another department", actor: .staff(World.outsider), player: .role(.specialist)) { _ in [.anyone] },
        Scenario(name: "leader of another department", actor: .staff(World.outsideLeader), player: .role(.unitLeader)) { _ in [.anyone] },
        Scenario(name: "citizen who filed it", actor: .citizen(World.citizen), player: .role(.citizen)) { _ in [.anyone, .owner] },
        Scenario(name: "another citizen", actor: .citizen(World.stranger), player: .role(.citizen)) { _ in [.anyone] },
        Scenario(name: "administrator", actor: .staff(World.admin), player: .role(.admin)) { _ in [.anyone] },
        Scenario(name: "reform staff", actor: .staff(World.user("reform", .reformStaff, World.province)), player: .role(.reformStaff)) { _ in [.anyone] },
        Scenario(name: "steering committee", actor: .staff(World.user("bcd", .steeringCommittee, nil)), player: .role(.steeringCommittee)) { _ in [.anyone] },
        Scenario(name: "holder of the PIN", actor: .applicant, player: .applicant) { _ in [.anyone] },
        Scenario(name: "deadline job", actor: .system, player: .system) { _ in [.anyone] },
    ]

    @Test("Every cell of the table: each actor, status and operation decided as the table says for the relations the actor holds")
    func walk() throws {
        let walk = Walk(table: DossierPolicy.table)
        let dossiers = try Dictionary(uniqueKeysWithValues: DossierStatus.allCases.map { ($0, try World.dossier(in: $0)) })
        let byName = Dictionary(uniqueKeysWithValues: Self.scenarios.map { ($0.name, $0) })
        let cells = try walk.walk(
            scenarios: Self.scenarios.map { scenario in
                (
                    scenario.name, scenario.player,
                    { state in
                        guard case .status(let status) = state else { return [] }
                        return scenario.relations(status)
                    }
                )
            },
            states: DossierStatus.allCases.map(DossierPolicy.State.status), actions: DossierPolicy.Operation.all
        ) { name, state, operation in
            guard case .status(let status) = state, let scenario = byName[name] else { return .forbidden }
            return switch DossierPolicy.decide(operation, by: scenario.actor, on: dossiers[status]!, procedure: World.procedure, tree: World.tree) {
            case .allowed: .allowed
            case .forbidden: .forbidden
            case .notNow: .notNow
            }
        }
        #expect(cells == Self.scenarios.count * DossierStatus.allCases.count * DossierPolicy.Operation.all.count)
    }

    @Test("Taking in: the desk of the receiving unit (or above it) at the counter, citizens and anyone online; no one else")
    func takingIn() {
        let walk = Walk(table: DossierPolicy.table)
        for scenario in Self.scenarios {
            let atDesk = [World.desk.id, World.anyLeader.id].contains(scenario.actor.user?.id ?? UUID())
            let relations: Set<Relation> = atDesk ? [.anyone, .receivingDesk] : [.anyone]
            for (operation, channel) in [(DossierPolicy.Operation.receive, IntakeChannel.counter), (.fileOnline, .online)] {
                let expected = walk.expected(operation, role: scenario.player, relations: relations, state: .new) == .allowed
                #expect(
                    DossierPolicy.mayTakeIn(by: scenario.actor, channel: channel, at: World.centre, tree: World.tree) == expected,
                    "\(scenario.name) \(operation)")
            }
        }
        #expect(!DossierPolicy.mayTakeIn(by: .staff(World.desk), channel: .counter, at: World.other, tree: World.tree))
    }

    @Test("An account with two roles may do what either may: a desk officer who is also the department's specialist")
    func severalRoles() throws {
        var both = World.desk
        both.grants.append(RoleGrant(.specialist, unitID: World.department.id))
        let processing = try World.dossier(in: .processing)
        #expect(
            DossierPolicy.available(to: .staff(World.desk), on: processing, procedure: World.procedure, tree: World.tree, settings: .init()).isEmpty == false)
        let available = DossierPolicy.available(to: .staff(both), on: processing, procedure: World.procedure, tree: World.tree, settings: .init())
        #expect(available.contains(.forward) && available.contains(.withdraw))
        let forwarded = try DossierMachine.apply(.forward(toStep: nil, note: ""), to: processing, by: .staff(both), context: World.context("2026-03-03 10:00"))
        #expect(forwarded.event.actorRole == Role.specialist.rawValue && forwarded.event.unitID == World.department.id)
        #expect(DossierPolicy.mayReceive(both) && !DossierPolicy.mayReceive(World.specialist))
    }

    @Test("What a user may list is what they may view: one rule for both")
    func listingIsViewing() throws {
        let processing = try World.dossier(in: .processing)
        for scenario in Self.scenarios {
            guard let user = scenario.actor.user else { continue }
            let scope = DossierAccess.viewScope(for: user, tree: World.tree)
            let listed: Bool =
                switch scope {
                case .province: true
                case .citizen(let id): processing.citizenUserID == id
                case .involving(let units): !processing.involvedUnitIDs.isDisjoint(with: units)
                default: false
                }
            #expect(listed == DossierAccess.canView(user, processing, tree: World.tree), "\(scenario.name)")
        }
    }

    @Test("The table as docs/policies.md shows it")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/policies.md"), encoding: .utf8)
        let table = DossierPolicy.markdown
        #expect(document.contains(table), "docs/policies.md should hold:\n\(table)")
    }
}
