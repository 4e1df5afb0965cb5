import Foundation
import WorkCalendar

/// How far a set of key tasks has come: done (confirmed) of all, reported and awaiting confirmation, overdue
/// and nearing; and the same per lead unit and per field of reform.
public struct PlanProgress: Equatable, Sendable {
    public struct Count: Equatable, Sendable {
        public var total = 0
        public var done = 0
        public var awaiting = 0
        public var overdue = 0
        public var nearing = 0

        public init() {}

        /// "17/40".
        public var text: String { "\(done)/\(total)" }
        public var share: Double { total > 0 ? Double(done) / Double(total) : 0 }
    }

    public var all: Count
    public var byUnit: [UUID: Count]
    /// Keyed by field number; 0 for tasks without one.
    public var byField: [Int: Count]

    public init(_ tasks: [AssignedTask], today: LocalDate, calendar: WorkingCalendar) {
        var all = Count()
        var byUnit: [UUID: Count] = [:]
        var byField: [Int: Count] = [:]
        for task in tasks {
            func add(_ count: inout Count) {
                count.total += 1
                if task.isCompleted { count.done += 1 } else if task.state == .done { count.awaiting += 1 }
                if task.isOverdue(today: today) { count.overdue += 1 }
                if task.isNearingDue(today: today, calendar: calendar) { count.nearing += 1 }
            }
            add(&all)
            add(&byUnit[task.unitID, default: Count()])
            add(&byField[task.plan?.field ?? 0, default: Count()])
        }
        self.all = all
        self.byUnit = byUnit
        self.byField = byField
    }
}
