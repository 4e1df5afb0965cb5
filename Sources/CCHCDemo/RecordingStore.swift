import CCHCCore

/// A store whose dossiers are those of a `HistoryRecorder`; everything else is the store underneath.
struct RecordingStore: Store {
    let base: any Store
    let recorder: HistoryRecorder

    var units: any UnitRepository { base.units }
    var users: any UserRepository { base.users }
    var sessions: any SessionRepository { base.sessions }
    var apiTokens: any APITokenRepository { base.apiTokens }
    var securityEvents: any SecurityEventRepository { base.securityEvents }
    var calendarOverrides: any CalendarOverrideRepository { base.calendarOverrides }
    var procedures: any ProcedureRepository { base.procedures }
    var dossiers: any DossierRepository { recorder }
    var dossierFiles: any DossierFileRepository { base.dossierFiles }
    var throttle: any ThrottleRepository { base.throttle }
    var idempotency: any IdempotencyRepository { base.idempotency }
    var provinceSettings: any ProvinceSettingsRepository { base.provinceSettings }
    var projections: any ProjectionRepository { base.projections }
    var indicatorSets: any IndicatorSetRepository { base.indicatorSets }
    var feedback: any FeedbackRepository { base.feedback }
    var dialogues: any DialogueRepository { base.dialogues }
    var tasks: any TaskRepository { base.tasks }
    var par: any ParRepository { base.par }
    var plans: any ReformPlanRepository { base.plans }
    var compliance: any ComplianceRepository { base.compliance }
    var reports: any PeriodicReportRepository { base.reports }
    var steeringCommittees: any YearlyRecordRepository<SteeringCommittee> { base.steeringCommittees }
    var steeringMeetings: any YearlyRecordRepository<SteeringMeeting> { base.steeringMeetings }
    var inspections: any YearlyRecordRepository<Inspection> { base.inspections }
    var initiatives: any YearlyRecordRepository<Initiative> { base.initiatives }
    var feedbackRules: any FeedbackRulesRepository { base.feedbackRules }
    var surveys: any SurveyRepository { base.surveys }
    var notifications: any NotificationRepository { base.notifications }
    var personalDataAccess: any PersonalDataAccessRepository { base.personalDataAccess }
    var twoFactor: any TwoFactorRepository { base.twoFactor }
    var atRiskForecasts: any AtRiskForecastRepository { base.atRiskForecasts }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any Store) async throws -> T) async throws -> T {
        try await base.transaction { tx in try await body(RecordingStore(base: tx, recorder: recorder)) }
    }
}
