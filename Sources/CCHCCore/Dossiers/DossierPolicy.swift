import Foundation

/// Who may do what to a dossier, in which statuses: one `PolicyTable`, read by the state machine (403
/// before 422), intake, the lists and the dossier page (what may be seen), the pages and the API (which
/// actions to offer), and docs/policies.md, which a test keeps equal to it.
public enum DossierPolicy {
    /// What can be done with a dossier: take it in, see it, print a new PIN for it, or take an action.
    public enum Operation: Hashable, Sendable {
        /// At the counter or by post (a desk officer).
        case receive
        /// Online (a citizen, or anyone who then holds the PIN).
        case fileOnline
        /// Open it and find it in lists.
        case view
        case reissuePIN
        /// What the service index asks beyond the desk's work (`DossierServiceData`).
        case recordServiceData
        case act(DossierAction.Kind)

        public static var all: [Operation] {
            [.receive, .fileOnline, .view, .reissuePIN, .recordServiceData] + DossierAction.Kind.allCases.map(Operation.act)
        }

        public var name: String {
            switch self {
            case .receive: "receive"
            case .fileOnline: "file_online"
            case .view: "view"
            case .reissuePIN: "reissue_pin"
            case .recordServiceData: "record_service_data"
            case .act(let kind): kind.rawValue
            }
        }
    }

    /// Who acts: an account in one of its roles, whoever holds the receipt's code and PIN, or the deadline job.
    public enum Player: Hashable, Sendable {
        case role(Role)
        case applicant
        case system

        public static var all: [Player] { Role.allCases.map(Player.role) + [.applicant, .system] }

        public var name: String {
            switch self {
            case .role(let role): role.rawValue
            case .applicant: "applicant (code + PIN)"
            case .system: "system (deadline job)"
            }
        }
    }

    /// How a player stands to a dossier. One role may stand in several relations at once.
    public enum Relation: String, CaseIterable, Hashable, Sendable {
        /// The role's unit is the receiving unit or above it.
        case receivingDesk = "receiving_desk"
        /// The role's unit holds the current step (or is above it), and the role is the step's (a unit
        /// leader may act for any role of the unit).
        case currentStep = "current_step"
        /// The role's unit holds the dossier now (or is above it).
        case holdingUnit = "holding_unit"
        /// The dossier went late at the role's unit (or below it).
        case lateUnit = "late_unit"
        /// The role's unit is one the dossier has been with (`Dossier.involvedUnitIDs`), or above it.
        case involvedUnit = "involved_unit"
        /// The citizen account that filed it.
        case owner
        /// Any dossier at all.
        case anyone
    }

    /// A dossier's status, or `new` for one being taken in.
    public enum State: Hashable, Sendable {
        case new
        case status(DossierStatus)

        public static var all: [State] { [.new] + DossierStatus.allCases.map(State.status) }

        public var name: String {
            switch self {
            case .new: "new"
            case .status(let status): String(status.rawValue)
            }
        }
    }

    public typealias Table = PolicyTable<Player, Relation, State, Operation>

    static let stepRoles: Set<Player> = [.role(.deskOfficer), .role(.specialist), .role(.unitLeader)]
    static let desk: Set<Player> = [.role(.deskOfficer)]
    static let citizen: Set<Player> = [.role(.citizen)]
    static let leader: Set<Player> = [.role(.unitLeader)]

    static func statuses(_ statuses: DossierStatus...) -> Set<State> { Set(statuses.map(State.status)) }

    /// The table. Adding a row here is the only way to let someone do something to a dossier.
    public static let table = Table([
        .init(.receive, roles: desk, relations: [.receivingDesk], states: [.new]),
        .init(.fileOnline, roles: citizen.union([.applicant]), relations: [.anyone], states: [.new]),
        .init(.view, roles: stepRoles, relations: [.involvedUnit], states: Set(State.all)),
        .init(.view, roles: [.role(.reformStaff), .role(.steeringCommittee), .role(.admin)], relations: [.anyone], states: Set(State.all)),
        .init(.view, roles: citizen, relations: [.owner], states: Set(State.all)),
        .init(.reissuePIN, roles: desk, relations: [.receivingDesk], states: Set(State.all)),
        // Once accepted, until the end: the portal sync and an e-result come late in a dossier's life.
        .init(
            .recordServiceData, roles: desk, relations: [.receivingDesk],
            states: statuses(.accepted, .processing, .supplementRequested, .paymentRequested, .resultReady, .returned, .stopped, .withdrawn)),
        .init(.recordServiceData, roles: stepRoles, relations: [.currentStep], states: statuses(.accepted, .processing)),
        .init(.act(.accept), roles: desk, relations: [.receivingDesk], states: statuses(.submitted)),
        .init(.act(.refuse), roles: desk, relations: [.receivingDesk], states: statuses(.submitted, .accepted)),
        .init(.act(.requestSupplement), roles: desk, relations: [.receivingDesk], states: statuses(.submitted, .accepted, .processing)),
        .init(.act(.requestSupplement), roles: stepRoles, relations: [.currentStep], states: statuses(.submitted, .accepted, .processing)),
        .init(.act(.receiveSupplement), roles: desk, relations: [.receivingDesk], states: statuses(.supplementRequested)),
        .init(.act(.receiveSupplement), roles: citizen, relations: [.owner], states: statuses(.supplementRequested)),
        .init(.act(.forward), roles: stepRoles, relations: [.currentStep], states: statuses(.accepted, .processing)),
        .init(.act(.returnToStep), roles: stepRoles, relations: [.currentStep], states: statuses(.processing)),
        .init(.act(.requestPayment), roles: stepRoles, relations: [.currentStep], states: statuses(.accepted, .processing)),
        .init(.act(.recordPayment), roles: desk, relations: [.receivingDesk], states: statuses(.paymentRequested)),
        .init(.act(.recordPayment), roles: stepRoles, relations: [.currentStep], states: statuses(.paymentRequested)),
        .init(.act(.markResultReady), roles: stepRoles, relations: [.currentStep], states: statuses(.accepted, .processing)),
        .init(.act(.returnResult), roles: desk, relations: [.receivingDesk], states: statuses(.resultReady)),
        .init(
            .act(.withdraw), roles: desk, relations: [.receivingDesk],
            states: statuses(.submitted, .accepted, .processing, .supplementRequested, .paymentRequested)),
        .init(
            .act(.withdraw), roles: citizen, relations: [.owner],
            states: statuses(.submitted, .accepted, .processing, .supplementRequested, .paymentRequested)),
        .init(.act(.stop), roles: desk, relations: [.receivingDesk], states: statuses(.accepted, .processing, .supplementRequested, .paymentRequested)),
        .init(
            .act(.stop), roles: leader, relations: [.holdingUnit, .lateUnit],
            states: statuses(.accepted, .processing, .supplementRequested, .paymentRequested)),
        .init(
            .act(.apologize), roles: leader, relations: [.holdingUnit, .lateUnit],
            states: statuses(.accepted, .processing, .supplementRequested, .paymentRequested)),
        .init(.act(.rate), roles: citizen, relations: [.owner], states: statuses(.returned)),
        .init(.act(.rate), roles: [.applicant], relations: [.anyone], states: statuses(.returned)),
        .init(.act(.flagNearingDue), roles: [.system], relations: [.anyone], states: statuses(.accepted, .processing)),
        .init(.act(.flagOverdue), roles: [.system], relations: [.anyone], states: statuses(.accepted, .processing)),
    ])

    /// The table in Markdown, one line per operation, player and relation, with the statuses (`new` for a
    /// dossier being taken in): docs/policies.md holds it, and a test keeps the two equal.
    public static var markdown: String {
        table.markdown(
            actions: Operation.all, roles: Player.all, relations: Relation.allCases, states: State.all, name: \.name, roleName: \.name,
            relationName: \.rawValue, stateName: \.name)
    }

    public enum Decision: Equatable, Sendable {
        /// Allowed, acting in this player's capacity (the role the event records).
        case allowed(Player)
        /// This actor may not do it to this dossier (403).
        case forbidden(String)
        /// Nobody may do it in the dossier's present status (422).
        case notNow(String)
    }

    /// Whether `actor` may take `kind` on `dossier` now: first who (403), then when (422).
    public static func decide(_ kind: DossierAction.Kind, by actor: DossierActor, on dossier: Dossier, procedure: Procedure, tree: UnitTree) -> Decision {
        decide(.act(kind), by: actor, on: dossier, procedure: procedure, tree: tree)
    }

    /// `procedure` may be left out where the operation does not depend on the current step (`view`).
    public static func decide(_ operation: Operation, by actor: DossierActor, on dossier: Dossier, procedure: Procedure?, tree: UnitTree) -> Decision {
        let standings = standings(of: actor, toward: dossier, procedure: procedure, tree: tree)
        return switch table.decide(operation, standings: standings, state: .status(dossier.status)) {
        case .allowed(let standing): .allowed(standing.role)
        case .forbidden: .forbidden(operation == .view ? "dossier.not_found" : "dossier.action.forbidden")
        case .notNow: .notNow("dossier.action.not_in_status")
        }
    }

    public static func allows(_ operation: Operation, by actor: DossierActor, on dossier: Dossier, procedure: Procedure?, tree: UnitTree) -> Bool {
        if case .allowed = decide(operation, by: actor, on: dossier, procedure: procedure, tree: tree) { return true }
        return false
    }

    /// Whether `actor` may take a dossier in at `unit` (the receiving unit or reception point it names)
    /// through `channel`.
    public static func mayTakeIn(by actor: DossierActor, channel: IntakeChannel, at unit: OrgUnit?, tree: UnitTree) -> Bool {
        let operation: Operation = channel == .online ? .fileOnline : .receive
        var standings: [Table.Standing] = []
        for player in players(of: actor) {
            standings.append(.init(player.player, .anyone))
            if let unit, let unitID = player.unitID, tree.isInSubtree(unit.id, of: unitID) {
                standings.append(.init(player.player, .receivingDesk))
            }
        }
        if case .allowed = table.decide(operation, standings: standings, state: .new) { return true }
        return false
    }

    /// Whether `user` may take dossiers in at some desk: the counter page and its link are theirs.
    public static func mayReceive(_ user: User) -> Bool {
        user.isActive && user.grants.contains { $0.unitID != nil && !table.relations(for: .receive, role: .role($0.role)).isEmpty }
    }

    /// The actions a user could take now, for the dossier page: those the table allows, less the ones a
    /// dossier gets a set number of times that it has had (`usedUp`), which would only be refused.
    public static func available(
        to actor: DossierActor, on dossier: Dossier, procedure: Procedure, tree: UnitTree, settings: DossierSettings
    ) -> [DossierAction.Kind] {
        DossierAction.Kind.allCases.filter {
            !$0.isSystem && !usedUp($0, on: dossier, settings: settings) && allows(.act($0), by: actor, on: dossier, procedure: procedure, tree: tree)
        }
    }

    /// Whether `dossier` has had all it may of `kind`: one rating, one apology, and as many supplement
    /// requests as the province allows (one list of everything missing, by default).
    public static func usedUp(_ kind: DossierAction.Kind, on dossier: Dossier, settings: DossierSettings) -> Bool {
        switch kind {
        case .rate: dossier.rating != nil
        case .apologize: dossier.apology != nil
        case .requestSupplement: dossier.supplementRequests.count >= settings.maximumSupplementRequests
        default: false
        }
    }

    /// Each capacity an actor acts in, with the unit it reaches from.
    static func players(of actor: DossierActor) -> [(player: Player, unitID: UUID?, role: Role?)] {
        switch actor {
        case .staff(let user), .citizen(let user):
            guard user.isActive else { return [] }
            return user.grants.map { (Player.role($0.role), $0.unitID, $0.role) }
        case .applicant: return [(.applicant, nil, nil)]
        case .system: return [(.system, nil, nil)]
        }
    }

    /// Every (player, relation) the actor holds toward the dossier.
    public static func standings(of actor: DossierActor, toward dossier: Dossier, procedure: Procedure?, tree: UnitTree) -> [Table.Standing] {
        var standings: [Table.Standing] = []
        for (player, unitID, role) in players(of: actor) {
            standings.append(.init(player, .anyone))
            if case .citizen(let user) = actor, role == .citizen, dossier.citizenUserID == user.id {
                standings.append(.init(player, .owner))
            }
            guard let unitID, let role, role.reach == .unitSubtree else { continue }
            func reaches(_ id: UUID) -> Bool { tree.isInSubtree(id, of: unitID) }
            if reaches(dossier.receivingUnitID) { standings.append(.init(player, .receivingDesk)) }
            if reaches(dossier.currentUnitID) {
                standings.append(.init(player, .holdingUnit))
                let steps = procedure?.steps ?? []
                let stepRole = dossier.currentStep.flatMap { steps.indices.contains($0) ? steps[$0].role : nil }
                if role == .unitLeader || stepRole == role { standings.append(.init(player, .currentStep)) }
            }
            if let late = dossier.lateAttribution, reaches(late.unitID) { standings.append(.init(player, .lateUnit)) }
            if dossier.involvedUnitIDs.contains(where: reaches) { standings.append(.init(player, .involvedUnit)) }
        }
        return standings
    }
}
