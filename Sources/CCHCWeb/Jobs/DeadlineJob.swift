import CCHCCore
import CCHCStore
import Synchronization
import Vapor

/// Every `interval`, flags dossiers nearing their deadline and overdue (drafting the apology for the late
/// unit's head), marks tasks nearing and past their day, reminds units of reports coming due, forgets old
/// rate-limit counters, idempotent answers and personal-data access records, and cleans the upload staging
/// area. Among instances sharing a PostgreSQL database one leads it at a time (`JobLeadership`); each flag
/// is also a versioned transition, so even two runs at once would flag nothing twice. Shutdown waits for a
/// run in progress to finish.
final class DeadlineJob: LifecycleHandler, Sendable {
    /// A file left in staging by a form that came back with errors is kept this long for the user to send again.
    static let stagedFileLifetime: TimeInterval = 24 * 3600
    /// An idempotency key's answer is kept this long for a client to retry with.
    static let idempotencyLifetime: TimeInterval = 24 * 3600

    let interval: Duration
    private let task = TaskBox()

    init(interval: Duration) {
        self.interval = interval
    }

    func didBootAsync(_ application: Application) async throws {
        let interval = self.interval
        // Files whose dossier committed just before a crash are moved into place before anything is served.
        try await Self.recoverFiles(application)
        task.repeating(every: interval, application, job: "deadline-job", failure: "Deadline job failed") { _ in try await Self.run(application) }
    }

    func shutdownAsync(_ application: Application) async {
        await task.cancelAndWait(application.logger, job: "deadline job")
    }

    /// One run; `cchc dossiers flag-deadlines` and the tests call it directly.
    @discardableResult
    static func run(_ application: Application) async throws -> (nearing: Int, overdue: Int) {
        let now = application.clock.now
        let flagged = try await application.dossierService().flagDeadlines(now: now)
        if flagged.nearing + flagged.overdue > 0 {
            application.logger.notice("Deadlines flagged", metadata: ["nearing": "\(flagged.nearing)", "overdue": "\(flagged.overdue)"])
        }
        let store = application.store
        let tasks = try await TaskService(store: store).markDeadlines(now: now, calendar: try await store.calendarOverrides.workingCalendar())
        if tasks.nearing + tasks.overdue > 0 {
            application.logger.notice("Task deadlines marked", metadata: ["nearing": "\(tasks.nearing)", "overdue": "\(tasks.overdue)"])
        }
        try await ReportService(store: store).remindDueReports(now: now)
        _ = try await store.throttle.purge(before: now.addingTimeInterval(-86400))
        _ = try await store.idempotency.purge(before: now.addingTimeInterval(-idempotencyLifetime))
        _ = try await store.personalDataAccess.purge(before: now.addingTimeInterval(-Double(application.config.accessLogRetentionDays) * 86400))
        _ = try await store.securityEvents.purge(before: now.addingTimeInterval(-Double(application.config.securityLogRetentionDays) * 86400))
        try await recoverFiles(application)
        if application.services.atRisk.isStale(now: now) { try await application.services.atRisk.refresh(application) }
        return flagged
    }

    /// Finishes moving staged files whose rows committed; removes staged files nothing claimed in a day.
    static func recoverFiles(_ application: Application) async throws {
        let store = application.store
        let (moved, removed) = try await application.services.files.recover(
            olderThan: application.clock.now.addingTimeInterval(-stagedFileLifetime),
            isRecorded: { id in
                if try await store.dossierFiles.exists(id: id) { return true }
                if try await store.feedback.attachmentExists(id: id) { return true }
                return try await store.par.evidenceExists(id: id)
            })
        if moved + removed > 0 {
            application.logger.notice("Upload staging cleaned", metadata: ["moved": "\(moved)", "removed": "\(removed)"])
        }
    }
}

/// The running job's task, behind a lock so the handler can be Sendable.
final class TaskBox: Sendable {
    private let storage = Mutex<Task<Void, Never>?>(nil)

    func set(_ task: Task<Void, Never>) {
        storage.withLock { $0 = task }
    }

    /// Runs `body` (told how many runs this instance made) every `interval` until cancelled, on one instance
    /// at a time among those sharing the database (`JobLeadership`, named `job`); a failed run is logged with
    /// `failure` and the next one comes as usual.
    func repeating(
        every interval: Duration, _ application: Application, job: String, failure: String,
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) {
        let database = application.config.database.isSQLite ? application.db : application.db(JobLeadership.databaseID)
        let leadership = JobLeadership(database: database, name: "cchc.\(job)", logger: application.logger)
        set(Task { await leadership.lead(every: interval, failure: failure, body) })
    }

    /// Cancels the task and waits until it has stopped (a run in progress ends its current statement), or
    /// `limit` has passed: a statement the database driver never answers must not keep the server from
    /// stopping. Logs when the server stops without it.
    func cancelAndWait(_ logger: Logger, job: String, limit: Duration = .seconds(30)) async {
        guard await !cancelAndWait(limit: limit) else { return }
        logger.warning("The \(job) did not stop within \(limit); stopping without it")
    }

    private func cancelAndWait(limit: Duration) async -> Bool {
        let task = storage.withLock { task in
            defer { task = nil }
            return task
        }
        guard let task else { return true }
        task.cancel()
        let first = FirstOf()
        return await withCheckedContinuation { continuation in
            Task {
                await task.value
                first.resume(continuation, with: true)
            }
            Task {
                try? await Task.sleep(for: limit)
                first.resume(continuation, with: false)
            }
        }
    }
}

/// Resumes a continuation once, with the first of several answers.
private final class FirstOf: Sendable {
    private let done = Mutex(false)

    func resume(_ continuation: CheckedContinuation<Bool, Never>, with value: Bool) {
        guard
            done.withLock({ done in
                defer { done = true }; return !done
            })
        else { return }
        continuation.resume(returning: value)
    }
}
