import Foundation

/// Which dossiers a user may read, and which list is theirs by default. Both come from the `view` rows of
/// `DossierPolicy.table`, so that what a user may open and what their lists show are the same dossiers.
public enum DossierAccess {
    public static func canView(_ user: User, _ dossier: Dossier, tree: UnitTree) -> Bool {
        user.can(.viewDossiers) || user.can(.fileOwnDossiers)
            ? DossierPolicy.allows(.view, by: .person(user), on: dossier, procedure: nil, tree: tree) : false
    }

    /// Everything the user may view: for each role, the dossiers its `view` rows reach (every one, the
    /// ones its unit has been involved in, or the citizen's own).
    public static func viewScope(for user: User, tree: UnitTree) -> DossierQuery.Scope {
        scope(user, tree: tree) { grant in
            let relations = DossierPolicy.table.relations(for: .view, role: .role(grant.role))
            if relations.contains(.anyone) { return .province }
            if relations.contains(.owner) { return .citizen(user.id) }
            if relations.contains(.involvedUnit), let unit = grant.unitID { return .involving(tree.subtreeIDs(of: unit)) }
            return nil
        }
    }

    /// The officer's own work queues: a desk sees what its units received, a department what it holds now,
    /// province-wide roles everything, a citizen what they filed. An account with several roles sees the
    /// queues of each.
    public static func workScope(for user: User, tree: UnitTree) -> DossierQuery.Scope {
        scope(user, tree: tree) { grant in
            switch grant.role {
            case .citizen: .citizen(user.id)
            case .reformStaff, .steeringCommittee, .admin: .province
            case .deskOfficer: grant.unitID.map { .receivedBy(tree.subtreeIDs(of: $0)) }
            case .specialist, .unitLeader: grant.unitID.map { .heldBy(tree.subtreeIDs(of: $0)) }
            }
        }
    }

    /// The scope of one queue: the work queues show what is to be done; the finished and "all" lists show
    /// everything the user may view.
    public static func scope(for user: User, queue: DossierQuery.Queue, tree: UnitTree) -> DossierQuery.Scope {
        queue == .finished || queue == .all ? viewScope(for: user, tree: tree) : workScope(for: user, tree: tree)
    }

    /// The dossiers of `unit` and the units below it, within what `user` may see: forbidden when the unit
    /// is outside the user's reach.
    public static func scope(for user: User, unit: OrgUnit, tree: UnitTree) throws -> DossierQuery.Scope {
        .involving(try tree.reachable(unit, by: user, for: .viewDossiers))
    }

    /// The union of each role's scope; the province's alone when one role reaches it.
    private static func scope(_ user: User, tree: UnitTree, _ each: (RoleGrant) -> DossierQuery.Scope?) -> DossierQuery.Scope {
        var scopes: [DossierQuery.Scope] = []
        for grant in user.grants {
            guard let scope = each(grant) else { continue }
            if case .province = scope { return .province }
            scopes.append(scope)
        }
        return scopes.count == 1 ? scopes[0] : .union(scopes)
    }
}
