import Testing

@testable import CCHCCore

/// Walks a policy table cell by cell against the real decisions: for each scenario (an actor and an
/// object, with the relations the scenario says the actor holds to it, stated by the test rather than
/// computed), each state and each action, the decision the resource makes must be the one the table gives
/// for those relations: allowed, forbidden (no rule for the actor in any state) or not now. Every resource
/// with a policy table (dossiers now; feedback, assessments, tasks and reports next) walks its table this way.
struct PolicyWalk<Role: Hashable & Sendable, Relation: Hashable & Sendable, State: Hashable & Sendable, Action: Hashable & Sendable> {
    typealias Table = PolicyTable<Role, Relation, State, Action>

    enum Outcome: Equatable, CustomStringConvertible {
        case allowed, forbidden, notNow

        var description: String {
            switch self {
            case .allowed: "allowed"
            case .forbidden: "forbidden"
            case .notNow: "not now"
            }
        }
    }

    let table: Table

    /// What the table says for a player holding `relations`.
    func expected(_ action: Action, role: Role, relations: Set<Relation>, state: State) -> Outcome {
        switch table.decide(action, standings: relations.map { Table.Standing(role, $0) }, state: state) {
        case .allowed: .allowed
        case .forbidden: .forbidden
        case .notNow: .notNow
        }
    }

    /// Checks `decide` (the resource's real decision) for every scenario, state and action; returns the
    /// number of cells walked.
    @discardableResult
    func walk(
        scenarios: [(name: String, role: Role, relations: (State) -> Set<Relation>)], states: [State], actions: [Action],
        decide: (_ scenario: String, _ state: State, _ action: Action) throws -> Outcome
    ) throws -> Int {
        var cells = 0
        for scenario in scenarios {
            for state in states {
                for action in actions {
                    let want = expected(action, role: scenario.role, relations: scenario.relations(state), state: state)
                    let got = try decide(scenario.name, state, action)
                    #expect(got == want, "\(scenario.name), \(state), \(action): \(got), the table says \(want)")
                    cells += 1
                }
            }
        }
        return cells
    }
}
