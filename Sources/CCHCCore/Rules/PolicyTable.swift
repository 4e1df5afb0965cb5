/// Who may do what to an object, as one table: each rule allows an action to some roles that stand in some
/// relation to the object, while the object is in some states. Every resource that checks access (dossiers
/// now; feedback, assessments, tasks and reports next) states its rules as one of these, computes the
/// relations an actor holds to an object, and asks `decide`; its documentation and its test walk the same
/// table cell by cell (`cells`).
public struct PolicyTable<Role: Hashable & Sendable, Relation: Hashable & Sendable, State: Hashable & Sendable, Action: Hashable & Sendable>: Sendable {
    public struct Rule: Sendable {
        public var action: Action
        public var roles: Set<Role>
        public var relations: Set<Relation>
        public var states: Set<State>

        public init(_ action: Action, roles: Set<Role>, relations: Set<Relation>, states: Set<State>) {
            self.action = action
            self.roles = roles
            self.relations = relations
            self.states = states
        }
    }

    /// One role and one relation it holds to the object: what an actor brings to a decision. An account
    /// with several roles brings a pair for each role and each relation that role gives it.
    public struct Standing: Hashable, Sendable {
        public var role: Role
        public var relation: Relation

        public init(_ role: Role, _ relation: Relation) {
            self.role = role
            self.relation = relation
        }
    }

    public enum Decision: Equatable, Sendable {
        /// Allowed, by the first standing that a rule allows (the role the actor acts in).
        case allowed(Standing)
        /// No rule gives this actor the action, whatever the object's state (403).
        case forbidden
        /// A rule gives the actor the action, but not in the object's present state (422).
        case notNow
    }

    public let rules: [Rule]

    public init(_ rules: [Rule]) {
        self.rules = rules
    }

    public func allows(_ action: Action, _ standing: Standing, in state: State) -> Bool {
        rules.contains { $0.action == action && $0.roles.contains(standing.role) && $0.relations.contains(standing.relation) && $0.states.contains(state) }
    }

    /// First who (403), then when (422).
    public func decide(_ action: Action, standings: [Standing], state: State) -> Decision {
        let applicable = rules.filter { $0.action == action }
        var someRuleFits = false
        for standing in standings {
            for rule in applicable where rule.roles.contains(standing.role) && rule.relations.contains(standing.relation) {
                if rule.states.contains(state) { return .allowed(standing) }
                someRuleFits = true
            }
        }
        return someRuleFits ? .notNow : .forbidden
    }

    /// The relations through which `role` may take `action` in any state: what a list of objects a role may
    /// act on is built from.
    public func relations(for action: Action, role: Role) -> Set<Relation> {
        rules.filter { $0.action == action && $0.roles.contains(role) }.reduce(into: []) { $0.formUnion($1.relations) }
    }

    public struct Cell: Equatable, Sendable {
        public var action: Action
        public var standing: Standing
        public var state: State
        public var allowed: Bool
    }

    /// Every combination of the given values, in their order, and whether the table allows it.
    public func cells(actions: [Action], roles: [Role], relations: [Relation], states: [State]) -> [Cell] {
        actions.flatMap { action in
            roles.flatMap { role in
                relations.flatMap { relation in
                    states.map { state in
                        Cell(action: action, standing: Standing(role, relation), state: state, allowed: allows(action, Standing(role, relation), in: state))
                    }
                }
            }
        }
    }

    /// The table as Markdown, one line per action and standing that is allowed in some state, with the
    /// states listed: the form docs/policies.md shows and its test compares.
    public func markdown(
        actions: [Action], roles: [Role], relations: [Relation], states: [State],
        name: (Action) -> String, roleName: (Role) -> String, relationName: (Relation) -> String, stateName: (State) -> String
    ) -> String {
        var lines = ["| Action | Role | Relation | States |", "|---|---|---|---|"]
        for action in actions {
            for role in roles {
                for relation in relations {
                    let allowed = states.filter { allows(action, Standing(role, relation), in: $0) }
                    guard !allowed.isEmpty else { continue }
                    let statesText = allowed.count == states.count ? "any" : allowed.map(stateName).joined(separator: ", ")
                    lines.append("| \(name(action)) | \(roleName(role)) | \(relationName(relation)) | \(statesText) |")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
