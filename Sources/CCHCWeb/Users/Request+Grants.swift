import CCHCCore
import Vapor

extension Request {
    /// The roles an account holds beyond its main one, each as "role, unit" in the request's language.
    func otherRoles(of user: User, tree: UnitTree) -> [String] {
        user.additionalGrants.map { grant in
            ([t(grant.role.messageKey)] + [grant.unitID.flatMap { tree.unit(id: $0)?.name }].compactMap { $0 }).joined(separator: ", ")
        }
    }
}
