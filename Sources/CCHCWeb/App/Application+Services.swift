import CCHCCore
import CCHCStore
import Vapor

/// What the routes share, set once by `configure`. A class: requests read it many times, and a reference
/// is cheaper to hand out than a copy of every field.
final class AppServices: Sendable {
    let config: AppConfig
    let localizer: Localizer
    let clock: any WallClock
    let hasher: any CCHCCore.PasswordHasher
    let metrics: AppMetrics
    /// A Bcrypt hash of a random password, checked when a login names no account (same time either way).
    let timingDummyHash: String
    let calendars: CalendarCache
    let sharedStoreState: SharedStoreState
    /// Uploaded files, in the data folder.
    let files: DiskFileStorage
    /// The service index's at-risk list, refreshed by the background job.
    let atRisk = AtRiskCache()

    init(
        config: AppConfig, localizer: Localizer, clock: any WallClock, hasher: any CCHCCore.PasswordHasher, metrics: AppMetrics,
        timingDummyHash: String, calendars: CalendarCache, sharedStoreState: SharedStoreState
    ) {
        self.config = config
        self.localizer = localizer
        self.clock = clock
        self.hasher = hasher
        self.metrics = metrics
        self.timingDummyHash = timingDummyHash
        self.calendars = calendars
        self.sharedStoreState = sharedStoreState
        files = DiskFileStorage(dataDirectory: config.dataDirectory)
    }
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = AppServices
    }

    var services: AppServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:config:) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }

    /// The services, or nil before `configure` has run.
    var configuredServices: AppServices? { storage[ServicesKey.self] }

    var config: AppConfig { services.config }
    var localizer: Localizer { services.localizer }
    var clock: any WallClock { services.clock }

    /// The store on the application's database, for commands and background work.
    var store: any Store { FluentStore(database: db, shared: services.sharedStoreState) }
    /// The store for background work that reads for minutes beside the requests (the at-risk forecast).
    var backgroundStore: any Store { FluentStore(database: db, shared: services.sharedStoreState, inBackground: true) }
}

extension Request {
    private struct StoreKey: StorageKey {
        typealias Value = any Store
    }

    /// The store on the request's database, made once per request: each `db` asks Fluent for a new handle.
    var store: any Store {
        remembered(StoreKey.self) { FluentStore(database: db, shared: application.services.sharedStoreState) }
    }
    /// A store on another event loop's database, for a read the request runs beside one on `store`: Fluent's
    /// SQLite driver keeps one connection per event loop, so two reads on `store` would wait for each other
    /// (on PostgreSQL the pool would lend a second connection either way).
    var sideStore: any Store {
        let loop = application.eventLoopGroup.makeIterator().first { ObjectIdentifier($0) != ObjectIdentifier(eventLoop) } ?? eventLoop
        return FluentStore(database: application.databases.database(logger: logger, on: loop)!, shared: application.services.sharedStoreState)
    }
    var now: Date { application.clock.now }
    var config: AppConfig { application.config }

    var loginService: LoginService {
        let services = application.services
        return LoginService(
            store: store, hasher: services.hasher, throttle: services.config.loginThrottle,
            demoMode: services.config.demoMode, timingDummyHash: services.timingDummyHash, twoFactor: twoFactor)
    }

    var twoFactor: TwoFactorService {
        TwoFactorService(store: store, hmac: CryptoHMACSHA1(), requiredForAdmins: application.config.requireAdminTwoFactor)
    }

    var userAccounts: UserAccounts {
        UserAccounts(store: store, hasher: application.services.hasher, refusedPasswords: application.config.refusedPasswords)
    }
}

/// Bcrypt on a thread pool: hashing takes a quarter of a second at cost 12, too long for an event loop.
public struct BcryptPasswordHasher: CCHCCore.PasswordHasher {
    let cost: Int
    let threadPool: NIOThreadPool

    /// Hashing's own threads, for the life of the process. On the application's pool, which also runs every
    /// Fluent statement on SQLite, each hash held one of its few threads for a quarter of a second and every
    /// page's queries queued behind it (docs/benchmarks.md, "Logins alongside").
    public static let hashingPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        return pool
    }()

    public init(cost: Int, threadPool: NIOThreadPool = hashingPool) {
        self.cost = cost
        self.threadPool = threadPool
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}
