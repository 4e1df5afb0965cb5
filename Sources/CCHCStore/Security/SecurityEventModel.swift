import CCHCCore
import FluentKit
import Foundation
import SQLKit

final class SecurityEventModel: Model, @unchecked Sendable {
    static let schema = "security_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "username") var username: String?
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    @OptionalField(key: "actor_username") var actorUsername: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "detail") var detail: String

    init() {}

    init(_ event: SecurityEvent) {
        id = event.id
        kind = event.kind.rawValue
        occurredAt = event.occurredAt
        username = event.username.map { String($0.prefix(64)) }
        userID = event.userID
        actorID = event.actorID
        actorUsername = event.actorUsername
        address = event.address
        detail = event.detail
    }

    func domain() throws -> SecurityEvent {
        guard let kind = SecurityEventKind(rawValue: kind) else { throw StoreError.corruptRow(table: Self.schema, id: id) }
        return SecurityEvent(
            id: try requireID(), kind: kind, occurredAt: occurredAt, username: username, userID: userID, actorID: actorID,
            actorUsername: actorUsername, address: address, detail: detail)
    }
}

struct FluentSecurityEventRepository: SecurityEventRepository {
    let handle: DatabaseHandle

    func record(_ event: SecurityEvent) async throws {
        let model = SecurityEventModel(event)
        try await handle.writeModels { db in try await model.create(on: db) }
    }

    func purge(before cutoff: Date) async throws -> Int {
        try await handle.writeSQL { sql in
            try await sql.delete(from: SecurityEventModel.schema).where("occurred_at", .lessThan, cutoff).returning("id").all().count
        }
    }

    /// Newest first; the cursor is the last event's time and id.
    func list(_ query: SecurityEventQuery) async throws -> ResultPage<SecurityEvent> {
        let builder = SecurityEventModel.query(on: handle.db).sort(\.$occurredAt, .descending).sort(\.$id, .descending)
        if let kind = query.kind { builder.filter(\.$kind == kind.rawValue) }
        if let username = query.username.map(AccountRules.normalizeUsername), !username.isEmpty {
            builder.group(.or) { $0.filter(\.$username == username).filter(\.$actorUsername == username) }
        }
        if let cursor = query.cursor {
            let parts = try Cursor.decode(cursor).split(separator: "|")
            guard parts.count == 2, let seconds = Double(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
                throw DomainError.validation([FieldError("cursor", "error.cursor_invalid")])
            }
            let at = Date(timeIntervalSince1970: seconds)
            builder.group(.or) { or in
                or.filter(\.$occurredAt < at).group(.and) { $0.filter(\.$occurredAt == at).filter(\.$id < id) }
            }
        }
        let rows = try await builder.limit(query.limit + 1).all()
        let events = try rows.prefix(query.limit).map { try $0.domain() }
        let next = rows.count > query.limit ? events.last.map { Cursor.encode("\($0.occurredAt.timeIntervalSince1970)|\($0.id.uuidString)") } : nil
        return ResultPage(items: events, nextCursor: next)
    }

    func lastLoginSuccess(username: String) async throws -> Date? {
        try await SecurityEventModel.query(on: handle.db)
            .filter(\.$username == username).filter(\.$kind == SecurityEventKind.loginSucceeded.rawValue)
            .sort(\.$occurredAt, .descending).first()?.occurredAt
    }

    func loginFailures(username: String, since: Date) async throws -> [Date] {
        try await SecurityEventModel.query(on: handle.db)
            .filter(\.$username == username).filter(\.$kind == SecurityEventKind.loginFailed.rawValue)
            .filter(\.$occurredAt > since).all(\.$occurredAt)
    }

    func loginFailures(address: String, since: Date) async throws -> [Date] {
        try await SecurityEventModel.query(on: handle.db)
            .filter(\.$address == address).filter(\.$kind == SecurityEventKind.loginFailed.rawValue)
            .filter(\.$occurredAt > since).all(\.$occurredAt)
    }
}
