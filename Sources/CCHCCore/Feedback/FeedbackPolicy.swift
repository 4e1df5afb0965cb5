import Foundation

/// Who may do what to a feedback item, in which states: one `PolicyTable`, read by the use cases (403
/// before 422), the queue (what an officer sees), the pages and the API (which actions to offer), and
/// docs/policies.md, which a test keeps equal to it.
public enum FeedbackPolicy {
    public enum Operation: Hashable, Sendable {
        case view
        case act(FeedbackAction.Kind)

        public static var all: [Operation] { [.view] + FeedbackAction.Kind.allCases.map(Operation.act) }

        public var name: String {
            switch self {
            case .view: "view"
            case .act(let kind): kind.rawValue
            }
        }
    }

    /// An account in one of its roles, or the sender (by code and PIN).
    public enum Player: Hashable, Sendable {
        case role(Role)
        case sender

        public static var all: [Player] { Role.allCases.map(Player.role) + [.sender] }

        public var name: String {
            switch self {
            case .role(let role): role.rawValue
            case .sender: "sender (code + PIN)"
            }
        }
    }

    public enum Relation: String, CaseIterable, Hashable, Sendable {
        /// The role's unit is the responsible unit or above it.
        case responsibleUnit = "responsible_unit"
        /// Any feedback at all.
        case anyone
    }

    public typealias Table = PolicyTable<Player, Relation, FeedbackState, Operation>

    static let unitStaff: Set<Player> = [.role(.deskOfficer), .role(.specialist), .role(.unitLeader)]
    static let coordinators: Set<Player> = [.role(.reformStaff)]
    static let all = Set(FeedbackState.allCases)

    /// The table. Reform staff coordinate: they accept, refuse, transfer and publish anywhere; the
    /// responsible unit does the same for its own and writes the answer; the sender replies, raises it again
    /// and rates the answer.
    public static let table = Table([
        .init(.view, roles: unitStaff, relations: [.responsibleUnit], states: all),
        .init(.view, roles: [.role(.reformStaff), .role(.steeringCommittee), .role(.admin), .sender], relations: [.anyone], states: all),
        .init(.act(.accept), roles: unitStaff, relations: [.responsibleUnit], states: [.received]),
        .init(.act(.accept), roles: coordinators, relations: [.anyone], states: [.received]),
        .init(.act(.refuse), roles: unitStaff, relations: [.responsibleUnit], states: [.received]),
        .init(.act(.refuse), roles: coordinators, relations: [.anyone], states: [.received]),
        .init(.act(.transfer), roles: unitStaff, relations: [.responsibleUnit], states: [.received, .accepted]),
        .init(.act(.transfer), roles: coordinators, relations: [.anyone], states: [.received, .accepted]),
        .init(.act(.askInfo), roles: unitStaff, relations: [.responsibleUnit], states: [.accepted]),
        .init(.act(.answer), roles: unitStaff, relations: [.responsibleUnit], states: [.accepted]),
        .init(.act(.publish), roles: [.role(.unitLeader)], relations: [.responsibleUnit], states: [.answered]),
        .init(.act(.publish), roles: coordinators, relations: [.anyone], states: [.answered]),
        .init(.act(.reply), roles: [.sender], relations: [.anyone], states: [.awaitingInfo]),
        .init(.act(.reopen), roles: [.sender], relations: [.anyone], states: [.answered, .published]),
        .init(.act(.rate), roles: [.sender], relations: [.anyone], states: [.answered, .published]),
    ])

    /// Who acts on a feedback item.
    public enum Actor: Sendable {
        case staff(User)
        /// Holds the code and PIN.
        case sender
    }

    public static func standings(of actor: Actor, toward feedback: Feedback, tree: UnitTree) -> [Table.Standing] {
        switch actor {
        case .sender:
            return [.init(.sender, .anyone)]
        case .staff(let user):
            guard user.isActive else { return [] }
            var standings: [Table.Standing] = []
            for grant in user.grants {
                let player = Player.role(grant.role)
                standings.append(.init(player, .anyone))
                if grant.role.reach == .unitSubtree, let unitID = grant.unitID, tree.isInSubtree(feedback.unitID, of: unitID) {
                    standings.append(.init(player, .responsibleUnit))
                }
            }
            return standings
        }
    }

    /// Allowed (with the role acted in), or the error: 404 for an item the actor may not see, 403 for an
    /// action not theirs, 422 for one not possible now.
    public static func check(_ operation: Operation, by actor: Actor, on feedback: Feedback, tree: UnitTree) throws -> Player {
        let standings = standings(of: actor, toward: feedback, tree: tree)
        switch table.decide(operation, standings: standings, state: feedback.state) {
        case .allowed(let standing): return standing.role
        case .forbidden:
            if operation != .view, case .allowed = table.decide(.view, standings: standings, state: feedback.state) {
                throw DomainError(.forbidden, "feedback.action.forbidden")
            }
            throw DomainError.notFound("feedback.not_found")
        case .notNow: throw DomainError(.invalidState, "feedback.action.not_in_state")
        }
    }

    /// The officer actions `user` could take on `feedback` now, for its page.
    public static func available(to actor: Actor, on feedback: Feedback, tree: UnitTree) -> [FeedbackAction.Kind] {
        FeedbackAction.Kind.allCases.filter { (try? check(.act($0), by: actor, on: feedback, tree: tree)) != nil }
    }

    /// The units whose feedback `user` sees in a queue: nil for the whole province.
    public static func visibleUnits(of user: User, tree: UnitTree) -> Set<UUID>? {
        var units: Set<UUID> = []
        for grant in user.grants where user.isActive {
            let player = Player.role(grant.role)
            if table.allows(.view, .init(player, .anyone), in: .received) { return nil }
            if table.allows(.view, .init(player, .responsibleUnit), in: .received), let unitID = grant.unitID {
                units.formUnion(tree.subtreeIDs(of: unitID))
            }
        }
        return units
    }

    public static var markdown: String {
        table.markdown(
            actions: Operation.all, roles: Player.all, relations: Relation.allCases, states: FeedbackState.allCases, name: \.name,
            roleName: \.name, relationName: \.rawValue, stateName: \.rawValue)
    }
}
