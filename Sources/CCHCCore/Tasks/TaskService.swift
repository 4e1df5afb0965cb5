import Foundation
import WorkCalendar

/// The tasks put to units: who may read them (the unit's reach), and the unit reporting one done.
public struct TaskService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// The tasks of the units `user` reaches, narrowed by `query`.
    public func list(_ query: TaskQuery, by user: User) async throws -> [AssignedTask] {
        guard user.can(.viewDialogues) else { throw DomainError(.forbidden, "auth.forbidden") }
        var query = query
        if let reached = user.reachedUnits(for: .viewDialogues, in: try await store.units.tree()) {
            query.units = query.units.map { $0.intersection(reached) } ?? reached
        }
        return try await store.tasks.list(query)
    }

    public func view(code: String, by user: User) async throws -> AssignedTask {
        guard user.can(.viewDialogues), let task = try await store.tasks.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("task.not_found")
        }
        if let reached = user.reachedUnits(for: .viewDialogues, in: try await store.units.tree()), !reached.contains(task.unitID) {
            throw DomainError.notFound("task.not_found")
        }
        return task
    }

    /// The unit reports the task done, with what it did; a stale version is a conflict.
    public func complete(code: String, note: String, expectedVersion: Int, by user: User, now: Date) async throws -> AssignedTask {
        var task = try await view(code: code, by: user)
        let tree = try await store.units.tree()
        guard user.can(.recordDialogues), user.reachedUnits(for: .recordDialogues, in: tree)?.contains(task.unitID) ?? true else {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        guard task.version == expectedVersion else { throw DomainError.staleVersion(current: task.version) }
        guard task.state == .open else { throw DomainError(.invalidState, "task.already_done") }
        let note = note.trimmed
        if note.isEmpty { throw DomainError.validation([FieldError("note", "error.required")]) }
        if note.count > 4000 { throw DomainError.validation([FieldError("note", "error.too_long", ["max": "4000"])]) }
        task.state = .done
        task.doneNote = note
        task.doneOn = VietnamTime.localDate(of: now)
        task.doneBy = user.fullName
        task.updatedAt = now
        task.version += 1
        try await store.tasks.update(task, expectedVersion: expectedVersion)
        return task
    }

    /// Every task that came from records of `kind` (directives, recommendations), by code.
    public func tasks(from kind: TaskSource.Kind) async throws -> [String: AssignedTask] {
        let tasks = try await store.tasks.list(TaskQuery(limit: 1_000_000)).filter { $0.source.kind == kind }
        return Dictionary(tasks.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Marks the open tasks that came near their day or went past it since the last run, each once; a task
    /// changed meanwhile is left for the next run (a versioned write, so several instances may run it).
    public func markDeadlines(now: Date, calendar: WorkingCalendar) async throws -> (nearing: Int, overdue: Int) {
        let today = VietnamTime.localDate(of: now)
        var marked = (nearing: 0, overdue: 0)
        for var task in try await store.tasks.list(TaskQuery(state: .open, limit: 1_000_000)) {
            let overdue = task.isOverdue(today: today) && task.overdueMarkedAt == nil
            let nearing = task.isNearingDue(today: today, calendar: calendar) && task.nearingMarkedAt == nil
            guard overdue || nearing else { continue }
            let version = task.version
            if overdue { task.overdueMarkedAt = now }
            if nearing { task.nearingMarkedAt = now }
            task.version += 1
            do {
                let flagged = task
                try await store.transaction { tx in
                    try await tx.tasks.update(flagged, expectedVersion: version)
                    try await tx.notifications.enqueue(GovernanceNotifications.requests(forTask: flagged, nearing: nearing, overdue: overdue), at: now)
                }
                if overdue { marked.overdue += 1 }
                if nearing { marked.nearing += 1 }
            } catch let error as DomainError where error.kind == .conflict {}
        }
        return marked
    }
}
