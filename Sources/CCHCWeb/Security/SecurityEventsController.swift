import CCHCCore
import Vapor
import WorkCalendar

/// The security log for administrators: logins, locks, role changes, tokens.
struct SecurityEventsController {
    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.viewSecurityEvents)).get("security-events", use: index)
    }

    struct EventRow: Encodable {
        var occurredAt: String
        var kind: String
        var kindName: String
        var username: String?
        var actorUsername: String?
        var address: String?
        var detail: String
        var isWarning: Bool
    }

    struct IndexPage: Encodable {
        var kinds: [SelectOption]
        var username: String
        var rows: [EventRow]
        var nextHref: String?
    }

    func index(_ request: Request) async throws -> Response {
        let kindText = request.query[String.self, at: "kind"] ?? ""
        let username = request.query[String.self, at: "username"] ?? ""
        let result = try await request.store.securityEvents.list(
            SecurityEventQuery(
                kind: SecurityEventKind(rawValue: kindText), username: username, cursor: request.query[String.self, at: "cursor"], limit: 100))
        let warnings: Set<SecurityEventKind> = [.loginFailed, .loginBlocked, .accountLocked]
        let page = IndexPage(
            kinds: [SelectOption(value: "", label: request.t("security_events.filter.all"), selected: kindText.isEmpty)]
                + SecurityEventKind.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == kindText) },
            username: username,
            rows: result.items.map { event in
                EventRow(
                    occurredAt: DisplayFormat.dateTime(event.occurredAt), kind: event.kind.rawValue, kindName: request.t(event.kind.messageKey),
                    username: event.username, actorUsername: event.actorUsername, address: event.address, detail: event.detail,
                    isWarning: warnings.contains(event.kind))
            },
            nextHref: result.nextCursor.map {
                "/security-events?kind=\(kindText)&username=\(Request.percentEncoded(username))&cursor=\($0)"
            })
        return try await request.render("security/events", title: request.t("security_events.title"), page)
    }
}
