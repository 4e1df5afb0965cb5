/// Every repository over one database handle. `transaction` runs its body on a store whose repositories
/// all write in one database transaction.
public protocol Store: Sendable {
    var units: any UnitRepository { get }
    var users: any UserRepository { get }
    var sessions: any SessionRepository { get }
    var apiTokens: any APITokenRepository { get }
    var securityEvents: any SecurityEventRepository { get }
    var calendarOverrides: any CalendarOverrideRepository { get }
    var procedures: any ProcedureRepository { get }
    var dossiers: any DossierRepository { get }
    var dossierFiles: any DossierFileRepository { get }
    var throttle: any ThrottleRepository { get }
    var idempotency: any IdempotencyRepository { get }
    var provinceSettings: any ProvinceSettingsRepository { get }
    var projections: any ProjectionRepository { get }
    var indicatorSets: any IndicatorSetRepository { get }
    var feedback: any FeedbackRepository { get }
    var feedbackRules: any FeedbackRulesRepository { get }
    var surveys: any SurveyRepository { get }
    var dialogues: any DialogueRepository { get }
    var tasks: any TaskRepository { get }
    var par: any ParRepository { get }
    var plans: any ReformPlanRepository { get }
    var compliance: any ComplianceRepository { get }
    var reports: any PeriodicReportRepository { get }
    var steeringCommittees: any YearlyRecordRepository<SteeringCommittee> { get }
    var steeringMeetings: any YearlyRecordRepository<SteeringMeeting> { get }
    var inspections: any YearlyRecordRepository<Inspection> { get }
    var initiatives: any YearlyRecordRepository<Initiative> { get }
    var notifications: any NotificationRepository { get }
    var personalDataAccess: any PersonalDataAccessRepository { get }
    var twoFactor: any TwoFactorRepository { get }
    var atRiskForecasts: any AtRiskForecastRepository { get }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any Store) async throws -> T) async throws -> T
}
