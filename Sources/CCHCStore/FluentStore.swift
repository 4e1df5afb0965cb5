import CCHCCore
import FluentKit

/// The live `Store`: every repository over one Fluent database (SQLite or PostgreSQL).
public struct FluentStore: Store {
    let handle: DatabaseHandle

    /// `shared`: what the stores of one process share (caches, the intake queue); every request of an app
    /// passes the same one. Without it every read goes to the database and every intake commits alone.
    /// `inBackground`: for work that reads for minutes beside the requests (the at-risk forecast); on SQLite
    /// its long reads then run on a thread of their own (`DatabaseHandle.all`).
    public init(database: any Database, shared: SharedStoreState? = nil, inBackground: Bool = false) {
        self.handle = DatabaseHandle(db: database, inTransaction: false, shared: shared, inBackground: inBackground)
    }

    init(handle: DatabaseHandle) {
        self.handle = handle
    }

    public var units: any UnitRepository { FluentUnitRepository(handle: handle) }
    public var users: any UserRepository { FluentUserRepository(handle: handle) }
    public var sessions: any SessionRepository { FluentSessionRepository(handle: handle) }
    public var apiTokens: any APITokenRepository { FluentAPITokenRepository(handle: handle) }
    public var securityEvents: any SecurityEventRepository { FluentSecurityEventRepository(handle: handle) }
    public var calendarOverrides: any CalendarOverrideRepository { FluentCalendarOverrideRepository(handle: handle) }
    public var procedures: any ProcedureRepository { FluentProcedureRepository(handle: handle) }
    public var dossiers: any DossierRepository { FluentDossierRepository(handle: handle) }
    public var dossierFiles: any DossierFileRepository { FluentDossierFileRepository(handle: handle) }
    public var throttle: any ThrottleRepository { FluentThrottleRepository(handle: handle) }
    public var idempotency: any IdempotencyRepository { FluentIdempotencyRepository(handle: handle) }
    public var provinceSettings: any ProvinceSettingsRepository { FluentProvinceSettingsRepository(handle: handle) }
    public var projections: any ProjectionRepository { FluentProjectionRepository(handle: handle) }
    public var indicatorSets: any IndicatorSetRepository { FluentIndicatorSetRepository(handle: handle) }
    public var feedback: any FeedbackRepository { FluentFeedbackRepository(handle: handle) }
    public var feedbackRules: any FeedbackRulesRepository { FluentFeedbackRulesRepository(handle: handle) }
    public var surveys: any SurveyRepository { FluentSurveyRepository(handle: handle) }
    public var dialogues: any DialogueRepository { FluentDialogueRepository(handle: handle) }
    public var tasks: any TaskRepository { FluentTaskRepository(handle: handle) }
    public var par: any ParRepository { FluentParRepository(handle: handle) }
    public var plans: any ReformPlanRepository { FluentReformPlanRepository(handle: handle) }
    public var compliance: any ComplianceRepository { FluentComplianceRepository(handle: handle) }
    public var reports: any PeriodicReportRepository { FluentPeriodicReportRepository(handle: handle) }
    public var steeringCommittees: any YearlyRecordRepository<SteeringCommittee> { FluentYearlyRecordRepository(handle: handle) }
    public var steeringMeetings: any YearlyRecordRepository<SteeringMeeting> { FluentYearlyRecordRepository(handle: handle) }
    public var inspections: any YearlyRecordRepository<Inspection> { FluentYearlyRecordRepository(handle: handle) }
    public var initiatives: any YearlyRecordRepository<Initiative> { FluentYearlyRecordRepository(handle: handle) }
    public var notifications: any NotificationRepository { FluentNotificationRepository(handle: handle) }
    public var personalDataAccess: any PersonalDataAccessRepository { FluentPersonalDataAccessRepository(handle: handle) }
    public var twoFactor: any TwoFactorRepository { FluentTwoFactorRepository(handle: handle) }
    public var atRiskForecasts: any AtRiskForecastRepository { FluentAtRiskForecastRepository(handle: handle) }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any Store) async throws -> T) async throws -> T {
        try await handle.write { db in
            try await body(FluentStore(handle: DatabaseHandle(db: db, inTransaction: true, shared: handle.shared)))
        }
    }
}
