import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCWeb

@Suite("Operations")
struct OperationsTests {
    @Test("Health, readiness, the OpenAPI document", arguments: TestDatabases.kinds)
    func probes(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .ok && health.body.string.contains("\"ok\""))
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body.string.contains(kind == .sqlite ? "sqlite" : "postgresql"))
            let document = try await app.testing().sendRequest(.GET, "/openapi.yaml")
            #expect(document.status == .ok)
            #expect(document.body.string.hasPrefix("openapi: 3.1.0"))
        }
    }

    @Test("Password hashing runs on threads of its own, not on the pool every SQLite statement runs on")
    func hashingThreads() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            let hasher = try #require(app.services.hasher as? BcryptPasswordHasher)
            #expect(hasher.threadPool === BcryptPasswordHasher.hashingPool && hasher.threadPool !== app.threadPool)
            #expect(try await hasher.verify("mật khẩu", against: try await hasher.hash("mật khẩu")))
        }
    }

    @Test("Metrics count requests by route pattern and status, with latency and pool figures; only loopback or the token reads them")
    func metrics() async throws {
        try await TestApp.with(.sqlite, environment: ["CCHC_METRICS_TOKEN": "scraper-secret"]) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("admin")
            try await browser.get("/units/\(Fixtures.landCode)")
            try await browser.get("/units/\(Fixtures.homeAffairsCode)")
            try await browser.get("/khong-co")
            // The in-memory test client has no peer address: like a request from another machine.
            #expect(try await app.testing().sendRequest(.GET, "/metrics").status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer wrong"]).status == .forbidden)
            let text = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer scraper-secret"]).body.string
            #expect(text.contains(#"http_requests_total{method="GET",route="/units/:code",status="200"} 2"#))
            #expect(text.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
            #expect(text.contains(#"http_requests_total{method="POST",route="/login",status="303"} 1"#))
            #expect(text.contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/units/:code\""))
            #expect(text.contains("cchc_db_pool_max_connections{database=\"sqlite\"}"))
            #expect(text.contains("cchc_db_pool_probe_seconds{database=\"sqlite\"}"))
            #expect(text.contains("cchc_db_pool_timeouts_total 0"))
        }
    }

    @Test("Security headers on pages, errors and API answers; a request id on each")
    func securityHeaders() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            for path in ["/", "/login", "/khong-co", "/api/v1/units", "/css/app.css"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                #expect(response.headers.first(name: "X-Request-Id")?.isEmpty == false, "\(path)")
            }
            let echoed = try await app.testing().sendRequest(.GET, "/healthz", headers: ["X-Request-Id": "abc-123"])
            #expect(echoed.headers.first(name: "X-Request-Id") == "abc-123")
        }
    }

    @Test("Error pages use the layout and say what happened without internals")
    func errorPages() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            let page = try await Browser(app).get("/khong-co")
            #expect(page.status == .notFound)
            #expect(page.headers.contentType?.description.hasPrefix("text/html") == true)
            #expect(page.text.contains("Không tìm thấy trang hoặc dữ liệu yêu cầu."))
            #expect(page.body.string.contains("<nav class=\"main-nav\""))
            #expect(page.text.contains("Mã lỗi 404"))
            let json = try await app.testing().sendRequest(.GET, "/khong-co", headers: ["Accept": "application/json"])
            #expect(json.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    @Test("Pages have a label for every field and work without script")
    func accessibleForms() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            try await TestAccounts.seed(app)
            let browser = Browser(app)
            try await browser.login("admin")
            for path in [
                "/login", "/units", "/units/new", "/units/\(Fixtures.landCode)/close", "/units/import", "/users", "/users/new", "/account", "/account/tokens",
                "/security-events",
            ] {
                let html = try await browser.get(path).body.string
                #expect(!html.contains("<script"), "\(path)")
                #expect(!html.contains("style=\""), "\(path): inline styles break the CSP")
                let ids = Self.matches(#"<(?:input|select|textarea) [^>]*id="([^"]+)""#, in: html)
                    .filter { !html.contains("type=\"hidden\" name=\"\($0)\"") }
                for id in ids {
                    #expect(html.contains("<label for=\"\(id)\""), "\(path): the field \(id) has no label")
                }
            }
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

@Suite("Languages")
struct LanguageTests {
    @Test("Vietnamese and English have the same keys, none empty; every key a template uses exists")
    func translations() throws {
        let localizer = try Localizer.load(directory: TestApp.packageRoot + "/Resources/Localization")
        let vi = Set(localizer.tables[.vi]!.keys), en = Set(localizer.tables[.en]!.keys)
        #expect(vi == en, "Only in vi: \(vi.subtracting(en)); only in en: \(en.subtracting(vi))")
        #expect(localizer.tables.values.allSatisfy { $0.values.allSatisfy { !$0.isEmpty } })

        let views = FileManager.default.enumerator(atPath: TestApp.packageRoot + "/Resources/Views")!
        for case let file as String in views where file.hasSuffix(".leaf") {
            let text = try String(contentsOfFile: TestApp.packageRoot + "/Resources/Views/" + file, encoding: .utf8)
            for key in OperationsTests.matches(#"#t\("([a-z0-9_.]+)""#, in: text) {
                #expect(vi.contains(key), "\(file) uses the missing key \(key)")
            }
        }
        // Keys made from values: every role, kind, permission and event has its names.
        let dynamic =
            Role.allCases.flatMap { [$0.messageKey, $0.messageKey + ".description", "role.reach.\($0.reach.rawValue)"] }
            + UnitKind.allCases.map(\.messageKey) + Permission.allCases.map(\.messageKey) + SecurityEventKind.allCases.map(\.messageKey)
            + (DomainError.Kind.allCases.map { Problem(DomainError($0, "x")).slug } + ["malformed-request", "internal-error", "unavailable"])
            .map { "problem.\($0)" }
        for key in dynamic { #expect(vi.contains(key), "\(key)") }

        // Keys the code names literally: messages, field errors, flashes.
        let sources = FileManager.default.enumerator(atPath: TestApp.packageRoot + "/Sources")!
        for case let file as String in sources where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: TestApp.packageRoot + "/Sources/" + file, encoding: .utf8)
            let patterns = [
                #"\bt\("([a-z0-9_]+\.[a-z0-9_.]+)""#, #"FieldError\([^,()]+, "([a-z0-9_]+\.[a-z0-9_.]+)""#,
                #"DomainError\(\.[a-zA-Z]+, "([a-z0-9_]+\.[a-z0-9_.]+)""#, #"notFound\("([a-z0-9_]+\.[a-z0-9_.]+)""#, #""(flash\.[a-z0-9_]+)""#,
            ]
            let missing = patterns.flatMap { OperationsTests.matches($0, in: text) }.filter { !$0.hasSuffix(".") && !vi.contains($0) }
            #expect(missing.isEmpty, "\(file) uses missing keys \(missing)")
        }
        // Keys made from dossier values.
        var dossierKeys = DossierStatus.allCases.map(\.messageKey) + IntakeChannel.allCases.map(\.messageKey)
        dossierKeys += DossierQuery.Queue.allCases.map(\.messageKey)
        dossierKeys += DossierAction.Kind.allCases.flatMap { [$0.messageKey, "dossier.action_help.\($0.rawValue)", "dossier.event.\($0.rawValue)"] }
        dossierKeys += Timeliness.allCases.map { "timeliness.\($0.rawValue)" } + ResultDelivery.Method.allCases.map { "result.method.\($0.rawValue)" }
        dossierKeys += Appointment.Session.allCases.flatMap { ["appointment.\($0.rawValue)", "appointment.session.\($0.rawValue)"] }
        dossierKeys += OnlineLevel.allCases.map(\.messageKey) + SupplementRule.allCases.map { "procedure.supplement.\($0.rawValue)" }
        dossierKeys += ProcedureDraft.TimeUnit.allCases.map { "procedure.time_unit.\($0.rawValue)" } + Rating.indicators.map { "rating.indicator.\($0)" }
        dossierKeys += Rating.Satisfaction.allCases.map(\.messageKey) + (0...2).map { "rating.score.\($0)" }
        dossierKeys +=
            ["done", "current", "pending"].map { "lookup.step.\($0)" } + ["province", "received", "held", "citizen", "roles"].map { "dossiers.scope.\($0)" }
        dossierKeys += ["submit", "receive", "reissue_pin"].map { "dossier.event.\($0)" }
        dossierKeys += FormsController.Form.allCases.map { "forms.\($0.rawValue)" } + ["forms.06"]
        dossierKeys += DeadlinePolicy.WorkingDayCounting.allCases.map { "settings.counting.\($0.rawValue)" }
        dossierKeys += Permission.allCases.map(\.messageKey)
        #expect(dossierKeys.filter { !vi.contains($0) }.isEmpty, "missing: \(dossierKeys.filter { !vi.contains($0) })")
    }

    @Test("Arguments fill their placeholders once; other braces stay; English falls back to Vietnamese")
    func placeholders() {
        let localizer = Localizer(tables: [
            .vi: ["a": "Hồ sơ {code} hẹn {date}, {code}.", "b": "{unknown} {code", "c": "Chỉ tiếng Việt {x}"],
            .en: ["a": "Dossier {code} due {date}, {code}."],
        ])
        #expect(localizer.text("a", .vi, ["code": "H12-0001", "date": "27/11"]) == "Hồ sơ H12-0001 hẹn 27/11, H12-0001.")
        #expect(localizer.text("a", .en, ["code": "{date}", "date": "27/11"]) == "Dossier {date} due 27/11, {date}.")
        #expect(localizer.text("b", .vi, ["code": "X"]) == "{unknown} {code")
        #expect(localizer.text("c", .en, ["x": "1"]) == "Chỉ tiếng Việt 1")
        #expect(localizer.text("missing.key", .en) == "missing.key")
    }

    @Test("The language switch turns the pages English and back")
    func languageSwitch() async throws {
        try await TestApp.with(.sqlite) { app, _ in
            let browser = Browser(app)
            #expect(try await browser.get("/login").text.contains("Tên đăng nhập"))
            let switched = try await browser.get("/language/en?next=/login")
            #expect(switched.status == .seeOther && switched.location == "/login")
            let english = try await browser.get("/login")
            #expect(english.text.contains("Username") && english.body.string.contains("<html lang=\"en\">"))
            #expect(try await browser.get("/language/en?next=https://evil.example/").location == "/")
            try await browser.get("/language/vi?next=/")
            #expect(try await browser.get("/").body.string.contains("<html lang=\"vi\">"))
        }
    }

    @Test(arguments: [("en-US,en;q=0.9", Language.en), ("vi-VN,vi;q=0.9,en;q=0.8", .vi), ("fr, en;q=0.5", .en), ("en;q=0, vi", .vi), ("de", nil)])
    func acceptLanguage(header: String, expected: Language?) {
        #expect(Request.preferredLanguage(acceptLanguage: header) == expected)
    }
}
