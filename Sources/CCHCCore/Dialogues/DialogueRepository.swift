import Foundation
import WorkCalendar

public protocol DialogueRepository: Sendable {
    /// Stores a new session under the next code of the day it was held.
    func create(_ session: DialogueSession) async throws -> DialogueSession
    /// Writes the session if it is still at `expectedVersion` (a conflict otherwise).
    func update(_ session: DialogueSession, expectedVersion: Int) async throws
    func find(code: String) async throws -> DialogueSession?
    /// Sessions held from `from` through `to`, of `units` (nil: every unit), newest first.
    func list(units: Set<UUID>?, from: LocalDate, to: LocalDate) async throws -> [DialogueSession]
}
