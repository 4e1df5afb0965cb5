import Foundation

/// Who may do what to an assessment in which state (the workflow table; ParPolicyTests walks it).
public enum ParAction: String, CaseIterable, Sendable {
    /// Score a self-assessed leaf, attach evidence, explain.
    case score
    /// The unit head submits the whole assessment (then it is locked).
    case submit
    /// The unit head answers a leaf that was sent back.
    case answer
    /// Accept or adjust a leaf, or send it back asking for evidence.
    case appraise
    /// Enter a figure for a statistic or a survey run elsewhere.
    case fill
    /// Close the appraisal once every leaf is decided.
    case finishAppraisal
    /// The review council confirms the appraised result.
    case confirm
}

public enum ParPolicy {
    /// The permission each action needs, on top of reaching the unit.
    public static func permission(_ action: ParAction) -> Permission {
        switch action {
        case .score: .assessPar
        case .submit, .answer: .submitPar
        case .appraise, .fill, .finishAppraisal: .appraisePar
        case .confirm: .managePar
        }
    }

    /// Whether `action` is open in this state of the campaign and the assessment; `leafSentBack` says whether
    /// the leaf acted on is waiting for the unit (only then may a submitted assessment's leaf be scored again).
    public static func isOpen(_ action: ParAction, campaign: ParCampaign.State, assessment: ParAssessment.State, leafSentBack: Bool = false) -> Bool {
        switch action {
        case .score:
            (assessment == .draft && campaign == .open) || (assessment == .submitted && leafSentBack && campaign != .published)
        case .submit: assessment == .draft && campaign == .open
        case .answer: assessment == .submitted && leafSentBack && campaign != .published
        case .appraise: assessment == .submitted && !leafSentBack && (campaign == .open || campaign == .appraisal)
        case .fill: (assessment == .draft || assessment == .submitted) && campaign != .published
        case .finishAppraisal: assessment == .submitted && (campaign == .open || campaign == .appraisal)
        case .confirm: assessment == .appraised && campaign == .review
        }
    }

    /// Refuses `action` for `user` on `assessment` of `unit` with the error a caller shows: 403 without the
    /// permission or the unit, 409 when the state does not allow it now.
    public static func check(
        _ action: ParAction, by user: User, unit: OrgUnit, tree: UnitTree, campaign: ParCampaign, assessment: ParAssessment, leaf: String? = nil
    ) throws {
        let permission = permission(action)
        guard user.can(permission), (try? tree.reachable(unit, by: user, for: permission)) != nil else {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        let sentBack = leaf.map { assessment.entry($0).sentBack != nil } ?? false
        guard isOpen(action, campaign: campaign.state, assessment: assessment.state, leafSentBack: sentBack) else {
            throw DomainError(.conflict, "par.action.closed", arguments: ["state": assessment.state.rawValue])
        }
    }
}
