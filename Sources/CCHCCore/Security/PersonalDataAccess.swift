import Foundation
import WorkCalendar

/// An officer opening a citizen's personal data (a dossier's applicant, documents and history), recorded
/// under Decree 13/2023/NĐ-CP on personal data protection so that the citizen can see who looked, when and
/// why. Recorded once per officer, dossier, day and purpose; the citizen's own reads are not recorded.
public struct PersonalDataAccess: Equatable, Sendable {
    public enum Purpose: String, Codable, CaseIterable, Sendable {
        /// Opened the dossier's page or read it through the API.
        case view
        /// Acted on it (received, forwarded, decided...).
        case act
        /// Printed one of its forms.
        case print

        public var messageKey: String { "access_log.purpose.\(rawValue)" }
    }

    public var dossierID: UUID
    public var dossierCode: String
    public var userID: UUID
    public var username: String
    public var fullName: String
    /// The unit the officer belongs to (by name, as it was then).
    public var unitName: String
    public var purpose: Purpose
    public var at: Date

    public init(
        dossierID: UUID, dossierCode: String, userID: UUID, username: String, fullName: String, unitName: String, purpose: Purpose, at: Date
    ) {
        self.dossierID = dossierID
        self.dossierCode = dossierCode
        self.userID = userID
        self.username = username
        self.fullName = fullName
        self.unitName = unitName
        self.purpose = purpose
        self.at = at
    }

    /// Whether `user` reading `dossier` is recorded: anyone but the citizen who filed it.
    public static func isRecorded(_ user: User, reading dossier: Dossier) -> Bool {
        dossier.citizenUserID != user.id
    }
}

public protocol PersonalDataAccessRepository: Sendable {
    /// Records the access unless the same officer already opened the same dossier for the same purpose that day.
    func record(_ access: PersonalDataAccess) async throws
    /// Who opened these dossiers, newest first.
    func list(dossierIDs: [UUID], limit: Int) async throws -> [PersonalDataAccess]
    /// Forgets records older than `cutoff`; returns how many.
    func purge(before cutoff: Date) async throws -> Int
}
