import CCHCCore
import CCHCStore
import Fluent
import Leaf
import NIOCore
import OpenAPIRuntime
import Vapor

/// Sets up an application: database, templates, translations, middleware and routes. Migrations are not
/// run here; `serve`, `migrate` and the tests decide when.
public func configure(_ app: Application, config: AppConfig, clock: any WallClock = SystemWallClock()) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: config.workingDirectory)
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port

    let poolTimeout = TimeAmount.seconds(Int64(config.databasePoolTimeout))
    app.databases.use(
        try config.database.configurationFactory(maxConnectionsPerEventLoop: config.databasePoolSize, poolTimeout: poolTimeout),
        as: DatabaseTarget.databaseID, isDefault: true)
    if !config.database.isSQLite {
        // The leading instance holds one connection per background job for its lock (`JobLeadership`): those
        // connections come from a pool of their own, so that requests never wait behind them.
        app.databases.use(
            try config.database.configurationFactory(maxConnectionsPerEventLoop: JobLeadership.jobCount, poolTimeout: poolTimeout),
            as: JobLeadership.databaseID)
    }
    SchemaMigrations.register(in: app.migrations)

    app.routes.defaultMaxBodySize = ByteCount(value: BodyLimit.form)
    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()

    let localizer = try Localizer.load(directory: app.directory.resourcesDirectory + "Localization")
    let hasher = BcryptPasswordHasher(cost: config.bcryptCost)
    let poolSize = config.database.isSQLite ? System.coreCount : config.databasePoolSize * System.coreCount
    app.services = AppServices(
        config: config, localizer: localizer, clock: clock, hasher: hasher,
        metrics: AppMetrics(poolSize: poolSize, databaseKind: config.database.isSQLite ? "sqlite" : "postgresql"),
        timingDummyHash: try await hasher.hash(SecretToken.generate()),
        calendars: CalendarCache(),
        sharedStoreState: SharedStoreState(
            database: config.database, writePatience: .seconds(config.databasePoolTimeout)))
    app.lifecycle.use(app.services.atRisk)

    // First added is outermost: observation sees every response, error pages get the security headers.
    app.middleware = Middlewares()
    app.middleware.use(RequestObservationMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorMiddleware())
    app.middleware.use(RequestSanityMiddleware())
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(CSRFProtection())

    try routes(app)
}

func routes(_ app: Application) throws {
    HomeController().register(app)
    LoginController().register(app)
    AccountController().register(app)
    UnitsController().register(app)
    UnitTransferController().register(app)
    UsersController().register(app)
    RolesController().register(app)
    SecurityEventsController().register(app)
    CalendarController().register(app)
    ProvinceSettingsController().register(app)
    NotificationsController().register(app)
    ServiceIndexController().register(app)
    IndicatorSetsController().register(app)
    ProceduresController().register(app)
    ProcedurePublicationController().register(app)
    ProcedureTransferController().register(app)
    CounterIntakeController().register(app)
    DossiersController().register(app)
    FormsController().register(app)
    LookupController().register(app)
    PublicFeedbackController(uploadMaximumBytes: app.config.uploadMaximumBytes).register(app)
    FeedbackController().register(app)
    FeedbackRulesController().register(app)
    MyFeedbackController().register(app)
    DialoguesController().register(app)
    TasksController().register(app)
    ParIndexController().register(app)
    ParAssessmentController(uploadMaximumBytes: app.config.uploadMaximumBytes).register(app)
    ParResultsController().register(app)
    PlansController().register(app)
    ComplianceController().register(app)
    ReportsController().register(app)
    SteeringController().register(app)
    InspectionsController().register(app)
    InitiativesController().register(app)
    PublicSurveyController().register(app)
    SurveysController().register(app)
    QuestionnairesController().register(app)
    OnlineFilingController(uploadMaximumBytes: app.config.uploadMaximumBytes).register(app)
    MyDossiersController(uploadMaximumBytes: app.config.uploadMaximumBytes).register(app)
    OperationsController().register(app)

    let api = app.access(.api)
    PublicLookupRoute().register(on: api)
    let transport = BufferedVaporTransport(
        routes: api, servedElsewhere: [BufferedVaporTransport.operation(PublicLookupRoute.method, PublicLookupRoute.path)])
    try APIHandler().registerHandlers(
        on: transport, serverURL: try Servers.Server1.url(), configuration: APIHandler.configuration, middlewares: [APIAccessMiddleware()])
    app.methodTable = MethodTable(app.routes)
}
