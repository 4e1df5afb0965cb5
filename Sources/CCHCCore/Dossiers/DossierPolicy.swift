import Foundation

/// Who may take each action, and in which statuses. One table, read by the state machine, the pages (to
/// show only the actions a user may take) and the documentation.
public enum DossierPolicy {
    public enum Decision: Equatable, Sendable {
        case allowed
        /// This user may not take the action on this dossier (403).
        case forbidden(String)
        /// Nobody may take it in the dossier's present status (422).
        case notNow(String)
    }

    /// Who, in terms of role and place, may take an action.
    public enum Holder: Sendable {
        /// A desk officer of the receiving unit (or a unit above it).
        case desk
        /// Staff of the unit holding the current step, in the step's role (a unit leader may act for any role).
        case stepHolder
        /// A unit leader of the unit holding the dossier or of the unit it is late at.
        case unitHead
        /// The citizen account that filed the dossier.
        case owner
        /// Whoever proved to be the applicant with the code and PIN.
        case applicant
        case system
    }

    public struct Rule: Sendable {
        public var statuses: Set<DossierStatus>
        public var holders: [Holder]
    }

    public static let rules: [DossierAction.Kind: Rule] = [
        .accept: Rule(statuses: [.submitted], holders: [.desk]),
        .refuse: Rule(statuses: [.submitted, .accepted], holders: [.desk]),
        .requestSupplement: Rule(statuses: [.submitted, .accepted, .processing], holders: [.desk, .stepHolder]),
        .receiveSupplement: Rule(statuses: [.supplementRequested], holders: [.desk, .owner]),
        .forward: Rule(statuses: [.accepted, .processing], holders: [.stepHolder]),
        .returnToStep: Rule(statuses: [.processing], holders: [.stepHolder]),
        .requestPayment: Rule(statuses: [.accepted, .processing], holders: [.stepHolder]),
        .recordPayment: Rule(statuses: [.paymentRequested], holders: [.desk, .stepHolder]),
        .markResultReady: Rule(statuses: [.accepted, .processing], holders: [.stepHolder]),
        .returnResult: Rule(statuses: [.resultReady], holders: [.desk]),
        .withdraw: Rule(statuses: [.submitted, .accepted, .processing, .supplementRequested, .paymentRequested], holders: [.desk, .owner]),
        .stop: Rule(statuses: [.accepted, .processing, .supplementRequested, .paymentRequested], holders: [.desk, .unitHead]),
        .apologize: Rule(statuses: [.accepted, .processing, .supplementRequested, .paymentRequested], holders: [.unitHead]),
        .rate: Rule(statuses: [.returned], holders: [.owner, .applicant]),
        .flagNearingDue: Rule(statuses: [.accepted, .processing], holders: [.system]),
        .flagOverdue: Rule(statuses: [.accepted, .processing], holders: [.system]),
    ]

    /// Whether `actor` may take `kind` on `dossier` now: first who (403), then when (422).
    public static func decide(_ kind: DossierAction.Kind, by actor: DossierActor, on dossier: Dossier, procedure: Procedure, tree: UnitTree) -> Decision {
        guard let rule = rules[kind] else { return .forbidden("auth.forbidden") }
        guard rule.holders.contains(where: { qualifies(actor, as: $0, for: dossier, procedure: procedure, tree: tree) }) else {
            return .forbidden("dossier.action.forbidden")
        }
        guard rule.statuses.contains(dossier.status) else { return .notNow("dossier.action.not_in_status") }
        return .allowed
    }

    /// The actions a user could take now, for the dossier page: those the table allows, less the ones a
    /// dossier gets a set number of times that it has had (`usedUp`), which would only be refused.
    public static func available(
        to actor: DossierActor, on dossier: Dossier, procedure: Procedure, tree: UnitTree, settings: DossierSettings
    ) -> [DossierAction.Kind] {
        DossierAction.Kind.allCases.filter {
            !$0.isSystem && !usedUp($0, on: dossier, settings: settings) && decide($0, by: actor, on: dossier, procedure: procedure, tree: tree) == .allowed
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

    public static func qualifies(_ actor: DossierActor, as holder: Holder, for dossier: Dossier, procedure: Procedure, tree: UnitTree) -> Bool {
        switch (holder, actor) {
        case (.desk, .staff(let user)):
            return user.isActive && user.role == .deskOfficer && reaches(user, dossier.receivingUnitID, tree)
        case (.stepHolder, .staff(let user)):
            guard user.isActive, [.deskOfficer, .specialist, .unitLeader].contains(user.role) else { return false }
            let step = dossier.currentStep.map { procedure.steps[$0] }
            let roleFits = user.role == .unitLeader || step?.role == user.role
            return roleFits && reaches(user, dossier.currentUnitID, tree)
        case (.unitHead, .staff(let user)):
            guard user.isActive, user.role == .unitLeader else { return false }
            return reaches(user, dossier.currentUnitID, tree) || dossier.lateAttribution.map { reaches(user, $0.unitID, tree) } ?? false
        case (.owner, .citizen(let user)):
            return user.isActive && dossier.citizenUserID == user.id
        case (.applicant, .applicant), (.system, .system):
            return true
        default:
            return false
        }
    }

    /// Staff reach a unit when it is their own or below it.
    static func reaches(_ user: User, _ unitID: UUID, _ tree: UnitTree) -> Bool {
        guard let own = user.unitID else { return false }
        return tree.isInSubtree(unitID, of: own)
    }
}
