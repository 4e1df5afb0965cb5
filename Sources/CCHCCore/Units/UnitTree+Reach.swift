import Foundation

extension UnitTree {
    /// `unit` and the units below it, when `user` reaches `unit` through a role that grants `permission`:
    /// the one rule for every list narrowed to a unit (dossiers, users). A unit outside the user's reach is
    /// forbidden, never an empty list.
    public func reachable(_ unit: OrgUnit, by user: User, for permission: Permission) throws -> Set<UUID> {
        guard user.can(permission) else { throw DomainError(.forbidden, "scope.forbidden") }
        if let reached = user.reachedUnits(for: permission, in: self), !reached.contains(unit.id) {
            throw DomainError(.forbidden, "scope.forbidden")
        }
        return subtreeIDs(of: unit.id)
    }
}
