import CCHCCore
import Vapor

/// What every page's layout shows: who is logged in, the navigation their role allows, the language switch.
struct LayoutContext: Encodable {
    struct UserBadge: Encodable {
        var username: String
        var fullName: String
        var roleName: String
        var unitName: String?
    }

    struct NavLink: Encodable {
        var href: String
        var label: String
        var current: Bool
    }

    struct Flash: Encodable {
        var message: String
    }

    var lang: String
    var title: String
    var csrf: String
    var user: UserBadge?
    var nav: [NavLink]
    var flash: Flash?
    var demo: Bool
    var switchLanguageHref: String
    var switchLanguageLabel: String
}

/// A page: the layout's data and the page's own.
struct PageContext<Page: Encodable>: Encodable {
    var layout: LayoutContext
    var page: Page
}

enum Navigation {
    /// The main menu, in order; a user sees the entries their role may open.
    static let entries: [(href: String, labelKey: String, access: Access)] = [
        ("/", "nav.home", .everyone),
        ("/dossiers", "nav.dossiers", .permission(.viewDossiers)),
        ("/my/dossiers", "nav.my_dossiers", .permission(.fileOwnDossiers)),
        ("/my/feedback", "nav.my_feedback", .permission(.fileOwnDossiers)),
        ("/procedures", "nav.procedures", .everyone),
        ("/lookup", "nav.lookup", .everyone),
        ("/feedback/published", "nav.feedback_public", .everyone),
        ("/feedback", "nav.feedback", .permission(.viewDossiers)),
        ("/service-index", "nav.service_index", .permission(.viewDossiers)),
        ("/public/service-index", "nav.public_index", .everyone),
        ("/surveys", "nav.surveys", .permission(.viewSurveys)),
        ("/par", "nav.par", .permission(.viewPar)),
        ("/dialogues", "nav.dialogues", .permission(.viewDialogues)),
        ("/plans", "nav.plans", .permission(.viewPlans)),
        ("/reports", "nav.reports", .permission(.viewReports)),
        ("/steering", "nav.steering", .permission(.viewPlans)),
        ("/inspections", "nav.inspections", .permission(.viewPlans)),
        ("/initiatives", "nav.initiatives", .permission(.viewPlans)),
        ("/tasks", "nav.tasks", .permission(.viewDialogues)),
        ("/units", "nav.units", .permission(.viewUnits)),
        ("/users", "nav.users", .permission(.viewUsers)),
        ("/calendar", "nav.calendar", .permission(.manageCalendar)),
        ("/admin/settings", "nav.settings", .permission(.viewSettings)),
        ("/admin/notifications", "nav.notifications", .permission(.viewSettings)),
        ("/admin/indicator-sets", "nav.indicator_sets", .permission(.viewSettings)),
        ("/admin/feedback-rules", "nav.feedback_rules", .permission(.viewSettings)),
        ("/roles", "nav.roles", .permission(.manageUsers)),
        ("/security-events", "nav.security_events", .permission(.viewSecurityEvents)),
        ("/account", "nav.account", .signedIn),
    ]
}

extension Request {
    /// Renders `template` (a path under Resources/Views) inside the layout.
    func render<Page: Encodable>(_ template: String, title: String, _ page: Page, status: HTTPStatus = .ok) async throws -> Response {
        let layout = try await layoutContext(title: title)
        let view = try await self.view.render(template, PageContext(layout: layout, page: page))
        let response = try await view.encodeResponse(status: status, for: self)
        // Pages show personal data: never keep them in shared caches or the back-forward cache of a desk PC.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        if flashMessage != nil {
            response.cookies[Flash.cookieName] = Flash.clearedCookie(self)
        }
        return response
    }

    func layoutContext(title: String) async throws -> LayoutContext {
        let user = currentUser
        var badge: LayoutContext.UserBadge?
        if let user {
            let unitName = try await user.unitID.asyncMap { try await store.units.find(id: $0)?.name } ?? nil
            badge = .init(username: user.username, fullName: user.fullName, roleName: t(user.role.messageKey), unitName: unitName)
        }
        let nav = Navigation.entries.filter { $0.access.allows(user) }.map { entry in
            LayoutContext.NavLink(
                href: entry.href, label: t(entry.labelKey),
                current: entry.href == "/" ? path == "/" : path == entry.href || path.hasPrefix(entry.href + "/"))
        }
        let other: Language = language == .vi ? .en : .vi
        return LayoutContext(
            lang: language.rawValue, title: title, csrf: csrfToken, user: badge, nav: nav,
            flash: flashMessage.map { .init(message: $0) }, demo: config.demoMode,
            switchLanguageHref: "/language/\(other.rawValue)?next=\(Self.percentEncoded(url.string))",
            switchLanguageLabel: localizer.text("language.switch_to", other))
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
    }
}

/// A one-line confirmation shown on the next page after a redirect ("Đã lưu đơn vị ...").
enum Flash {
    static let cookieName = "cchc_flash"

    /// Stores a message key and its arguments; the next page shows it in the reader's language.
    static func set(_ key: String, _ arguments: [String: String] = [:], on response: Response, for request: Request) {
        var components = URLComponents()
        components.queryItems =
            [URLQueryItem(name: "key", value: key)]
            + arguments.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
        let value = components.percentEncodedQuery ?? ""
        response.cookies[cookieName] = HTTPCookies.Value(
            string: value, maxAge: 60, path: "/", isSecure: request.cookiesAreSecure, isHTTPOnly: true, sameSite: .lax)
    }

    static func clearedCookie(_ request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", maxAge: 0, path: "/", isSecure: request.cookiesAreSecure, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    var flashMessage: String? {
        guard let raw = cookies[Flash.cookieName]?.string, !raw.isEmpty else { return nil }
        var components = URLComponents()
        components.percentEncodedQuery = raw
        let items = components.queryItems ?? []
        guard let key = items.first(where: { $0.name == "key" })?.value, key.hasPrefix("flash.") else { return nil }
        var arguments: [String: String] = [:]
        for item in items where item.name != "key" { arguments[item.name] = item.value ?? "" }
        return t(key, arguments)
    }

    /// Redirects after a successful form (POST, redirect, GET) with a confirmation for the next page.
    func redirect(to path: String, flash key: String, _ arguments: [String: String] = [:]) -> Response {
        let response = redirect(to: path)
        Flash.set(key, arguments, on: response, for: self)
        return response
    }
}
