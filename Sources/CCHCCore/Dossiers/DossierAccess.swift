import Foundation

/// Which dossiers a user may read, and which list is theirs by default.
public enum DossierAccess {
    public static func canView(_ user: User, _ dossier: Dossier, tree: UnitTree) -> Bool {
        guard user.isActive else { return false }
        switch user.role.reach {
        case .province:
            return user.can(.viewDossiers)
        case .own:
            return dossier.citizenUserID == user.id
        case .unitSubtree:
            guard let own = user.unitID else { return false }
            let units = [dossier.receivingUnitID, dossier.competentUnitID, dossier.currentUnitID] + [dossier.receivingPointID].compactMap { $0 }
                + dossier.visits.map(\.unitID)
            return units.contains { tree.isInSubtree($0, of: own) }
        }
    }

    /// The officer's own queues: a desk sees what its units received, a department what it holds now,
    /// province-wide roles everything, a citizen what they filed.
    public static func defaultScope(for user: User, tree: UnitTree) -> DossierQuery.Scope {
        switch user.role {
        case .citizen:
            return .citizen(user.id)
        case .reformStaff, .steeringCommittee, .admin:
            return .province
        case .deskOfficer:
            return .receivedBy(user.unitID.map { tree.subtreeIDs(of: $0) } ?? [])
        case .specialist, .unitLeader:
            return .heldBy(user.unitID.map { tree.subtreeIDs(of: $0) } ?? [])
        }
    }

    /// The scope of one queue: what a unit holds for the queues of work to do, and everything it received,
    /// holds or decides for the finished and "all" lists.
    public static func scope(for user: User, queue: DossierQuery.Queue, tree: UnitTree) -> DossierQuery.Scope {
        let scope = defaultScope(for: user, tree: tree)
        if case .heldBy(let units) = scope, queue == .finished || queue == .all { return .involving(units) }
        return scope
    }

    /// The dossiers of `unit` and the units below it, within what `user` may see: forbidden when the unit
    /// is outside the user's reach.
    public static func scope(for user: User, unit: OrgUnit, tree: UnitTree) throws -> DossierQuery.Scope {
        switch user.role.reach {
        case .province:
            return .involving(tree.subtreeIDs(of: unit.id))
        case .unitSubtree:
            guard let own = user.unitID, tree.isInSubtree(unit.id, of: own) else { throw DomainError(.forbidden, "dossier.scope.forbidden") }
            return .involving(tree.subtreeIDs(of: unit.id))
        case .own:
            throw DomainError(.forbidden, "dossier.scope.forbidden")
        }
    }
}
