/// What a user does in cchc; an account holds one or more (`User.grants`). Identifiers are used by the CLI and the API.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// Người dân, doanh nghiệp.
    case citizen
    /// Công chức Bộ phận Một cửa / Trung tâm Phục vụ hành chính công.
    case deskOfficer = "desk_officer"
    /// Chuyên viên xử lý hồ sơ.
    case specialist
    /// Lãnh đạo đơn vị: accountable for the unit's late dossiers, signs apologies.
    case unitLeader = "unit_leader"
    /// Công chức CCHC of Home Affairs (Sở Nội vụ): runs the PAR Index, surveys, plans and reports.
    case reformStaff = "reform_staff"
    /// Ban Chỉ đạo CCHC: reads everything in the province, changes nothing.
    case steeringCommittee = "steering_committee"
    /// Quản trị hệ thống.
    case admin

    public var messageKey: String { "role.\(rawValue)" }

    /// Staff roles belong to a unit; a citizen does not, and an administrator may not yet when the first
    /// account is created on an empty database.
    public var requiresUnit: Bool {
        switch self {
        case .citizen, .admin, .steeringCommittee: false
        case .deskOfficer, .specialist, .unitLeader, .reformStaff: true
        }
    }

    /// Whose data the role reaches.
    public var reach: Reach {
        switch self {
        case .citizen: .own
        case .deskOfficer, .specialist, .unitLeader: .unitSubtree
        case .reformStaff, .steeringCommittee, .admin: .province
        }
    }

    public enum Reach: String, Sendable {
        /// Only what the user filed or owns.
        case own
        /// The user's unit and the units below it.
        case unitSubtree = "unit_subtree"
        /// The whole province.
        case province
    }

    public var permissions: Set<Permission> {
        switch self {
        case .citizen: [.fileOwnDossiers]
        case .deskOfficer: [.viewUnits, .viewDossiers, .handleDossiers, .viewSurveys, .viewDialogues, .viewPlans]
        case .specialist: [.viewUnits, .viewDossiers, .handleDossiers, .viewDialogues, .viewPar, .assessPar, .viewPlans]
        case .unitLeader:
            [
                .viewUnits, .viewUsers, .viewDossiers, .handleDossiers, .viewSurveys, .viewDialogues, .recordDialogues, .viewPar, .assessPar, .submitPar,
                .viewPlans, .viewReports, .prepareReports, .approveReports,
            ]
        case .reformStaff:
            [
                .viewUnits, .viewUsers, .manageCalendar, .manageProcedures, .viewDossiers, .viewSettings, .viewSurveys, .manageSurveys, .viewDialogues,
                .recordDialogues, .viewPar, .appraisePar, .managePar, .viewPlans, .managePlans, .viewReports, .prepareReports, .viewDiscipline,
            ]
        case .steeringCommittee:
            [.viewUnits, .viewUsers, .viewDossiers, .viewSettings, .viewSurveys, .viewDialogues, .viewPar, .viewPlans, .viewReports, .viewDiscipline]
        case .admin: Set(Permission.allCases).subtracting([.handleDossiers, .fileOwnDossiers])
        }
    }
}

/// One thing a route lets a user do. Routes name the permission they need; a role has a fixed set.
public enum Permission: String, CaseIterable, Codable, Sendable {
    case viewUnits = "units.view"
    case manageUnits = "units.manage"
    case viewUsers = "users.view"
    case manageUsers = "users.manage"
    case viewSecurityEvents = "security_events.view"
    /// The working calendar: holidays, swapped days, overrides with their legal basis.
    case manageCalendar = "calendar.manage"
    /// The procedure catalogue.
    case manageProcedures = "procedures.manage"
    /// Reading dossiers within the role's reach.
    case viewDossiers = "dossiers.view"
    /// Taking dossiers in and acting on them (the state machine decides which actions, where).
    case handleDossiers = "dossiers.handle"
    /// A citizen's own dossiers: follow them, send supplements, withdraw, rate.
    case fileOwnDossiers = "dossiers.own"
    /// Reading the province's settings and their history.
    case viewSettings = "settings.view"
    /// Setting a new version of the province's settings.
    case manageSettings = "settings.manage"
    /// Reading survey campaigns and their results (not the invitations' tokens); desk officers also key in
    /// paper ballots and run the counter's tablet for their units.
    case viewSurveys = "surveys.view"
    /// Building questionnaires, opening and closing campaigns, printing invitations.
    case manageSurveys = "surveys.manage"
    /// Reading dialogue records and the tasks put to units, within the role's reach.
    case viewDialogues = "dialogues.view"
    /// Recording a unit's dialogue sessions and reporting its tasks done.
    case recordDialogues = "dialogues.record"
    /// Reading PAR Index assessments: a unit its own (and its subtree's), Home Affairs and the steering
    /// committee every one; published results are everyone's.
    case viewPar = "par.view"
    /// Scoring the unit's own assessment and attaching evidence.
    case assessPar = "par.assess"
    /// Submitting the unit's assessment and answering leaves sent back (the unit head).
    case submitPar = "par.submit"
    /// Appraising (thẩm định) every unit's assessment: Home Affairs.
    case appraisePar = "par.appraise"
    /// Criteria sets, campaigns, the review council's confirmation, publication, the national table.
    case managePar = "par.manage"
    /// Reading reform plans and their key tasks' progress.
    case viewPlans = "plans.view"
    /// Recording plans and their key tasks, confirming a task reported done or sending it back.
    case managePlans = "plans.manage"
    /// Reading periodic reports: a unit its own, Home Affairs and the steering committee every one.
    case viewReports = "reports.view"
    /// Drafting the unit's periodic report, writing it, sending it once approved.
    case prepareReports = "reports.prepare"
    /// The head approving the unit's report (or taking it back to draft).
    case approveReports = "reports.approve"
    /// Reading who was disciplined after an inspection (names, posts, decisions): personal data kept to
    /// reform staff and the steering committee.
    case viewDiscipline = "discipline.view"

    public var messageKey: String { "permission.\(rawValue)" }
}
