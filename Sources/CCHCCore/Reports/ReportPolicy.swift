import Foundation

/// What may be done to a periodic report in which state, and with which permission (ReportPolicyTests walks it).
public enum ReportAction: String, CaseIterable, Sendable {
    /// Read the figures again from the modules (tables staff edited stay as they are).
    case refresh
    /// Write the narrative sections, edit an appendix table.
    case edit
    /// The head approves the draft (every section written).
    case approve
    /// The head takes an approved report back to draft.
    case reopen
    /// Send the approved report to Home Affairs (the province's to the Ministry).
    case submit
}

public enum ReportPolicy {
    public static func permission(_ action: ReportAction) -> Permission {
        switch action {
        case .refresh, .edit, .submit: .prepareReports
        case .approve, .reopen: .approveReports
        }
    }

    public static func isOpen(_ action: ReportAction, in state: PeriodicReport.State) -> Bool {
        switch action {
        case .refresh, .edit, .approve: state == .draft
        case .reopen, .submit: state == .approved
        }
    }

    /// The state an action leaves the report in.
    public static func next(_ action: ReportAction, from state: PeriodicReport.State) -> PeriodicReport.State {
        switch action {
        case .refresh, .edit: state
        case .approve, .submit: state == .draft ? .approved : .submitted
        case .reopen: .draft
        }
    }

    /// 403 without the permission over the unit answerable for the report, 409 when its state does not allow
    /// the action now.
    public static func check(_ action: ReportAction, by user: User, report: PeriodicReport, tree: UnitTree) throws {
        let permission = permission(action)
        guard let unit = tree.unitsByID[report.preparingUnitID], user.can(permission), (try? tree.reachable(unit, by: user, for: permission)) != nil else {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        guard isOpen(action, in: report.state) else {
            throw DomainError(.conflict, "report.action.closed", arguments: ["state": report.state.rawValue])
        }
    }
}
