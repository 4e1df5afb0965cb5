import CCHCCore
import FluentKit

/// The live `Store`: every repository over one Fluent database (SQLite or PostgreSQL).
public struct FluentStore: Store {
    let handle: DatabaseHandle

    /// With a `cache`, the unit tree and the procedure catalogue are read once and reused until their tables change.
    public init(database: any Database, cache: StoreCache? = nil) {
        self.handle = DatabaseHandle(db: database, inTransaction: false, cache: cache)
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

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any Store) async throws -> T) async throws -> T {
        try await handle.write { db in
            try await body(FluentStore(handle: DatabaseHandle(db: db, inTransaction: true, cache: handle.cache)))
        }
    }
}
