import Foundation
import WorkCalendar

/// A citizen's rights over their personal data (Decree 13/2023/NĐ-CP): who opened their dossiers, and a copy
/// of everything cchc holds about them.
public struct PersonalDataService: Sendable {
    public var store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Records that `user` opened `dossier` for `purpose`, unless it is the citizen's own.
    public func recordAccess(by user: User, to dossier: Dossier, purpose: PersonalDataAccess.Purpose, now: Date) async throws {
        guard PersonalDataAccess.isRecorded(user, reading: dossier) else { return }
        let unitName = try await user.unitID.asyncMap { try await store.units.tree().unit(id: $0)?.name } ?? nil
        try await store.personalDataAccess.record(
            PersonalDataAccess(
                dossierID: dossier.id, dossierCode: dossier.code, userID: user.id, username: user.username, fullName: user.fullName,
                unitName: unitName ?? "", purpose: purpose, at: now))
    }

    /// Who opened this dossier, newest first (for its citizen).
    public func accessLog(of dossier: Dossier) async throws -> [PersonalDataAccess] {
        try await store.personalDataAccess.list(dossierIDs: [dossier.id], limit: 200)
    }

    /// Everything about `user`: the account, the channels chosen, and for a citizen the dossiers filed (with
    /// their applicant details), the feedback sent and who opened those dossiers.
    public func export(of user: User, now: Date) async throws -> PersonalDataExport {
        var dossiers: [Dossier] = []
        var feedback: [Feedback] = []
        if user.role == .citizen {
            var cursor: String?
            repeat {
                let page = try await store.dossiers.list(DossierQuery(scope: .citizen(user.id), cursor: cursor, limit: 200))
                dossiers += page.items
                cursor = page.nextCursor
            } while cursor != nil
            var query = FeedbackQuery(limit: 200)
            query.senderAccountID = user.id
            repeat {
                let page = try await store.feedback.list(query)
                feedback += page.items
                query.cursor = page.nextCursor
            } while query.cursor != nil
        }
        let preferences = try await store.notifications.preferences(userID: user.id)
        return PersonalDataExport(
            exportedAt: now, username: user.username, fullName: user.fullName, roles: user.grants.map(\.role.rawValue),
            notifications: preferences.map {
                .init(
                    email: $0.email, phone: $0.phone, channels: NotificationChannel.allCases.filter($0.channels.contains).map(\.rawValue), language: $0.language
                )
            },
            dossiers: dossiers.map {
                .init(
                    code: $0.code, procedureCode: $0.procedureCode, procedureName: $0.procedureName, status: String(describing: $0.status),
                    submittedAt: $0.submittedAt, fullName: $0.applicant.fullName, idNumber: $0.applicant.idNumber, phone: $0.applicant.phone,
                    email: $0.applicant.email, address: $0.applicant.address)
            },
            feedback: feedback.map {
                .init(code: $0.code, title: $0.title, content: $0.content, state: $0.state.rawValue, receivedAt: $0.receivedAt, answer: $0.answer)
            },
            accessLog: try await store.personalDataAccess.list(dossierIDs: dossiers.map(\.id), limit: 10_000).map {
                .init(dossierCode: $0.dossierCode, at: $0.at, officer: $0.fullName, unit: $0.unitName, purpose: $0.purpose.rawValue)
            })
    }
}

/// The copy of a person's data, as JSON (the page's download and the API's answer).
public struct PersonalDataExport: Codable, Equatable, Sendable {
    public struct Notifications: Codable, Equatable, Sendable {
        public var email: String
        public var phone: String
        public var channels: [String]
        public var language: String
    }

    public struct DossierData: Codable, Equatable, Sendable {
        public var code: String
        public var procedureCode: String
        public var procedureName: String
        public var status: String
        public var submittedAt: Date
        public var fullName: String
        public var idNumber: String
        public var phone: String
        public var email: String
        public var address: String
    }

    public struct FeedbackData: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
        public var content: String
        public var state: String
        public var receivedAt: Date
        public var answer: String?
    }

    public struct Access: Codable, Equatable, Sendable {
        public var dossierCode: String
        public var at: Date
        public var officer: String
        public var unit: String
        public var purpose: String
    }

    public var exportedAt: Date
    public var username: String
    public var fullName: String
    public var roles: [String]
    public var notifications: Notifications?
    public var dossiers: [DossierData]
    public var feedback: [FeedbackData]
    public var accessLog: [Access]
}
