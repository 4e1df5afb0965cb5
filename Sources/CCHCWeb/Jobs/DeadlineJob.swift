import CCHCCore
import Synchronization
import Vapor

/// Every `interval`, flags dossiers nearing their deadline and overdue (drafting the apology for the late
/// unit's head), and forgets old rate-limit counters. Each flag is a versioned transition, so several
/// app instances can run the job against one database at once without flagging anything twice.
final class DeadlineJob: LifecycleHandler, Sendable {
    let interval: Duration
    private let task = TaskBox()

    init(interval: Duration) {
        self.interval = interval
    }

    func didBootAsync(_ application: Application) async throws {
        let interval = self.interval
        task.set(Task {
            while !Task.isCancelled {
                do {
                    try await Self.run(application)
                } catch {
                    application.logger.error("Deadline job failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        })
    }

    func shutdownAsync(_ application: Application) async {
        task.cancel()
    }

    /// One run; `cchc dossiers flag-deadlines` and the tests call it directly.
    @discardableResult
    static func run(_ application: Application) async throws -> (nearing: Int, overdue: Int) {
        let now = application.clock.now
        let flagged = try await application.dossierService().flagDeadlines(now: now)
        if flagged.nearing + flagged.overdue > 0 {
            application.logger.notice("Deadlines flagged", metadata: ["nearing": "\(flagged.nearing)", "overdue": "\(flagged.overdue)"])
        }
        _ = try await application.store.throttle.purge(before: now.addingTimeInterval(-86400))
        return flagged
    }
}

/// The running job's task, behind a lock so the handler can be Sendable.
final class TaskBox: Sendable {
    private let storage = Mutex<Task<Void, Never>?>(nil)

    func set(_ task: Task<Void, Never>) {
        storage.withLock { $0 = task }
    }

    func cancel() {
        storage.withLock { $0?.cancel() }
    }
}
