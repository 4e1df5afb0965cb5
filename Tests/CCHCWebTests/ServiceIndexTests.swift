import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting
import WorkCalendar

@testable import CCHCCore
@testable import CCHCWeb

@Suite("Service index through the API and the pages")
struct ServiceIndexTests {
    static let day = "2026-11-23..2026-11-23"
    static let month = "2026-11"

    /// Three dossiers of the land department taken in on Monday 23/11/2026 (due Thursday): one finished that
    /// day, one taken in at the counter and one filed online, both left open. Returns the codes of the two open ones.
    @discardableResult
    static func scenario(_ app: Application) async throws -> [String] {
        try await TestAccounts.seed(app)
        try await Fixtures.loadProcedure(into: app.store)
        let service = try await Fixtures.service(app.store)
        let desk = try #require(try await app.store.users.find(username: "motcua"))
        let leader = try #require(try await app.store.users.find(username: "lanhdao"))
        let citizen = try #require(try await app.store.users.find(username: "congdan"))
        func hours(_ count: Double) -> Date { Fixtures.now.addingTimeInterval(count * 3600) }
        var finished = try await service.intake(Fixtures.intakeRequest(), by: .staff(desk), now: hours(0)).dossier
        for (actor, action, at) in [
            (desk, DossierAction.forward(toStep: nil, note: ""), 1.0), (leader, .forward(toStep: nil, note: ""), 2), (leader, .markResultReady(note: ""), 3),
        ] {
            finished = try await service.act(on: finished, action, expectedVersion: finished.version, by: .staff(actor), now: hours(at))
        }
        let open = try await service.intake(Fixtures.intakeRequest(), by: .staff(desk), now: hours(0.2)).dossier
        var online = try await service.intake(Fixtures.intakeRequest(channel: .online), by: .citizen(citizen), now: hours(0.3)).dossier
        online = try await service.act(on: online, .accept, expectedVersion: online.version, by: .staff(desk), now: hours(0.5))
        #expect(finished.status == .resultReady && open.acceptedAt != nil && online.acceptedAt != nil)
        return [open.code, online.code]
    }

    static func indicator(_ index: Components.Schemas.ServiceIndex, _ code: String) throws -> Components.Schemas.ServiceIndexIndicator {
        try #require(index.indicators.first { $0.code == code })
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(response.body.string.utf8))
    }

    @Test(
        "The API, without a token: the figures of a day and of the month, each naming its version; answers read as the document's types",
        arguments: TestDatabases.kinds)
    func scores(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await Self.scenario(app)
            let client = APIClient(app: app)
            let day = try Self.decode(Components.Schemas.ServiceIndex.self, try await client.send(.GET, "/api/v1/service-index?period=\(Self.day)"))
            #expect(day.unit == Fixtures.provinceCode && day.version == 1 && day.from == "2026-11-23" && day.to == "2026-11-23")
            let onTime = try Self.indicator(day, "2.1")
            #expect(onTime.numerator == 3 && onTime.denominator == 3 && onTime.score == 20)
            let online = try Self.indicator(day, "3.3")
            #expect(online.numerator == 1 && online.denominator == 3 && abs((online.score ?? 0) - 4) < 1e-9)
            let published = try Self.indicator(day, "1.1")
            #expect(!published.hasData && published.numerator == nil && published.score == nil)
            #expect(day.measuredMaximum < 100 && day.measuredMaximum == day.groups.reduce(0) { $0 + $1.measuredMaximum })

            // By the month's end the two open dossiers are past Thursday's deadline.
            clock.set(VietnamTime.instant(on: Fixtures.day("2026-12-03"), secondsOfDay: 9 * 3600))
            let month = try Self.decode(
                Components.Schemas.ServiceIndex.self, try await client.send(.GET, "/api/v1/service-index?unit=\(Fixtures.landCode)&period=\(Self.month)"))
            let late = try Self.indicator(month, "2.1")
            #expect(late.numerator == 1 && late.denominator == 3 && abs((late.score ?? 0) - 20.0 / 3) < 1e-9)
            // Its parent, the province, counts the same dossiers; a unit without any earns nothing on them.
            let province = try Self.decode(Components.Schemas.ServiceIndex.self, try await client.send(.GET, "/api/v1/service-index?period=\(Self.month)"))
            #expect(try Self.indicator(province, "2.1").numerator == 1 && Self.indicator(province, "2.1").denominator == 3)
            let empty = try Self.decode(
                Components.Schemas.ServiceIndex.self, try await client.send(.GET, "/api/v1/service-index?unit=\(Fixtures.homeAffairsCode)&period=2030"))
            #expect(try Self.indicator(empty, "2.1").denominator == 0 && Self.indicator(empty, "2.1").score == 0)

            let unknown = try await client.send(.GET, "/api/v1/service-index?unit=000.00.99.H01")
            #expect(unknown.status == .notFound && unknown.headers.contentType?.subType == "problem+json")
            let bad = try await client.send(.GET, "/api/v1/service-index?period=2026-Q5")
            #expect(bad.status == .badRequest)
            #expect((try bad.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "period")
            let unknownWindow = try await client.send(.GET, "/api/v1/service-index?period=2026-report-Z")
            #expect(unknownWindow.status == .unprocessableEntity)
            #expect((try unknownWindow.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "period")
        }
    }

    @Test(
        "Rankings by level with the change since the previous period, units with nothing to count left out; the level is required",
        arguments: TestDatabases.kinds)
    func rankings(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await Self.scenario(app)
            clock.set(VietnamTime.instant(on: Fixtures.day("2026-12-03"), secondsOfDay: 9 * 3600))
            let client = APIClient(app: app)
            let ranking = try Self.decode(
                Components.Schemas.ServiceIndexRanking.self, try await client.send(.GET, "/api/v1/service-index/rankings?level=department&period=\(Self.month)")
            )
            #expect(ranking.previousPeriod == "2026-10" && ranking.version == 1)
            let land = try #require(ranking.items.first { $0.unit == Fixtures.landCode })
            #expect(land.rank == 1 && ranking.items.count == 1, "home affairs has nothing to count: not ranked")
            #expect(land.previousRank != nil && land.rankChange == (land.previousRank ?? 0) - land.rank)
            #expect(ranking.items.allSatisfy { $0.unit != Fixtures.communeCode })
            #expect(try await client.send(.GET, "/api/v1/service-index/rankings?period=2026").status == .badRequest)
            #expect(try await client.send(.GET, "/api/v1/service-index/rankings?level=district").status == .badRequest)
        }
    }

    @Test("The dossiers behind 2.1: only for staff who reach the unit, with why each lost points, paged without repeats", arguments: TestDatabases.kinds)
    func drillDown(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            let open = try await Self.scenario(app)
            clock.set(VietnamTime.instant(on: Fixtures.day("2026-12-03"), secondsOfDay: 9 * 3600))
            let path = "/api/v1/service-index/indicators/2.1/dossiers?unit=\(Fixtures.landCode)&period=\(Self.month)"
            #expect(try await APIClient(app: app).send(.GET, path).status == .unauthorized)
            #expect(try await (try await APIClient.login(app, "motcua")).send(.GET, path).status == .forbidden)
            #expect(try await (try await APIClient.login(app, "congdan")).send(.GET, path).status == .forbidden)
            var specialist = try await APIClient.login(app, "chuyenvien")
            let lost = try Self.decode(Components.Schemas.IndicatorDossierList.self, try await specialist.send(.GET, path))
            #expect(Set(lost.items.map(\.code)) == Set(open) && lost.version == 1 && lost.nextCursor == nil)
            #expect(lost.items.allSatisfy { $0.reasons == ["Đang xử lý, đã quá hạn"] })
            let denominator = try Self.decode(Components.Schemas.IndicatorDossierList.self, try await specialist.send(.GET, path + "&part=denominator"))
            #expect(denominator.items.count == 3)
            // One at a time: three pages, no dossier twice.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try Self.decode(
                    Components.Schemas.IndicatorDossierList.self,
                    try await specialist.send(.GET, path + "&part=denominator&limit=1" + (cursor.map { "&cursor=\($0)" } ?? "")))
                seen += page.items.map(\.code)
                cursor = page.nextCursor
            } while cursor != nil && seen.count < 10
            #expect(seen.count == 3 && Set(seen).count == 3)
            specialist.language = "en"
            let english = try Self.decode(Components.Schemas.IndicatorDossierList.self, try await specialist.send(.GET, path))
            #expect(english.items.first?.reasons == ["Open and past its due date"])
            let atRisk = try Self.decode(
                Components.Schemas.AtRiskList.self, try await specialist.send(.GET, "/api/v1/service-index/at-risk?unit=\(Fixtures.landCode)"))
            // Both open dossiers are past Thursday's due date: late already, not "at risk".
            #expect(atRisk.unit == Fixtures.landCode && atRisk.atRisk == 0 && atRisk.items.isEmpty && atRisk.pointsAtStake == 0)
            #expect(try await specialist.send(.GET, "/api/v1/service-index/indicators/9.9/dossiers?unit=\(Fixtures.landCode)").status == .notFound)
            #expect(try await specialist.send(.GET, "/api/v1/service-index/indicators/1.1/dossiers?unit=\(Fixtures.landCode)").status == .notFound)
        }
    }

    @Test(
        "Pages: the steering committee's home and dashboard with their figures in Vietnamese and English, a bad period beside its field, the indicator's dossiers, CSV for Excel",
        arguments: TestDatabases.kinds)
    func pages(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            let open = try await Self.scenario(app)
            clock.set(VietnamTime.instant(on: Fixtures.day("2026-12-03"), secondsOfDay: 9 * 3600))
            let committee = Browser(app)
            try await committee.login("bcd")
            let home = try await committee.get("/")
            #expect(home.text.contains("Chỉ số phục vụ của") && home.body.string.contains("<svg"))
            let dashboard = try await committee.get("/service-index?unit=\(Fixtures.landCode)&period=\(Self.month)")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("6,67"), "2.1 scored 20 × 1/3 in Vietnamese format")
            #expect(dashboard.text.contains("33,33 %") && dashboard.text.contains("Chưa có dữ liệu"))
            #expect(dashboard.body.string.contains("/service-index/indicators/2.1?unit=\(Fixtures.landCode)&amp;period=2026-11"))
            let bad = try await committee.get("/service-index?period=2026-13")
            #expect(bad.status == .badRequest && bad.text.contains("Không đọc được kỳ") && bad.body.string.contains("value=\"2026\""))
            let indicator = try await committee.get("/service-index/indicators/2.1?unit=\(Fixtures.landCode)&period=\(Self.month)")
            #expect(open.allSatisfy { indicator.text.contains($0) } && indicator.text.contains("Đang xử lý, đã quá hạn"))
            let drill = try await committee.get("/service-index/indicators/2.1/export.csv?unit=\(Fixtures.landCode)&period=\(Self.month)&part=lost")
            #expect(drill.body.string.hasPrefix("\u{FEFF}") && open.allSatisfy { drill.body.string.contains($0) })
            #expect(drill.body.string.split(whereSeparator: \.isNewline).count == 3, "a header and the two lost dossiers")
            let csv = try await committee.get("/service-index/export/indicators.csv?unit=\(Fixtures.landCode)&period=\(Self.month)")
            #expect(csv.headers.contentType?.subType == "csv" && csv.body.string.hasPrefix("\u{FEFF}") && csv.body.string.contains("6,67"))
            try await committee.get("/language/en?next=/")
            #expect(try await committee.get("/service-index?unit=\(Fixtures.landCode)&period=\(Self.month)").text.contains("6.67"))

            let specialist = Browser(app)
            try await specialist.login("motcua")
            #expect(try await specialist.get("/service-index?unit=\(Fixtures.landCode)").status == .forbidden)
        }
    }

    @Test("The public page needs no login and shows no personal data, no dossier codes, no drill-down", arguments: TestDatabases.kinds)
    func publicPage(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            let open = try await Self.scenario(app)
            clock.set(VietnamTime.instant(on: Fixtures.day("2026-12-03"), secondsOfDay: 9 * 3600))
            let page = try await Browser(app).get("/public/service-index?period=\(Self.month)")
            #expect(page.status == .ok && page.text.contains("6,67"))
            #expect(!page.text.contains(Fixtures.applicant.fullName) && !page.text.contains(Fixtures.applicant.phone))
            #expect(open.allSatisfy { !page.body.string.contains($0) } && !page.body.string.contains("/service-index/indicators/"))
            #expect(try await Browser(app).get("/service-index").location?.hasPrefix("/login") == true)
            let csv = try await Browser(app).get("/public/service-index/export/fields.csv?period=\(Self.month)")
            #expect(csv.status == .ok && csv.body.string.contains("Xây dựng"))
        }
    }

    @Test(
        "Service data recorded through the API and on the dossier page counts in 1.4, 4.2 and 4.5b; the dossier without it is listed as lost, with why",
        arguments: TestDatabases.kinds)
    func serviceData(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let open = try await Self.scenario(app)
            let desk = try await APIClient.login(app, "motcua")
            let counter = try await desk.send(.GET, "/api/v1/dossiers/\(open[0])").json()
            let version = try #require(counter["version"] as? Int)
            func body(_ version: Int) -> String {
                #"{"version":\#(version),"syncedToPortal":true,"scannedAtDesk":true,"reusedData":false,"fromDataStore":false,"populationVerified":true,"paidOnline":false,"electronicResult":false}"#
            }
            let recorded = try await desk.send(.PUT, "/api/v1/dossiers/\(open[0])/service-data", json: body(version))
            #expect(recorded.status == .ok)
            #expect((try recorded.json()["serviceData"] as? [String: Any])?["populationVerified"] as? Bool == true)
            #expect(try await desk.send(.PUT, "/api/v1/dossiers/\(open[0])/service-data", json: body(version)).status == .conflict)
            let citizen = try await APIClient.login(app, "congdan")
            let online = try await citizen.send(.GET, "/api/v1/dossiers/\(open[1])").json()
            #expect(
                try await citizen.send(.PUT, "/api/v1/dossiers/\(open[1])/service-data", json: body(online["version"] as? Int ?? 0)).status == .forbidden)

            let page = Browser(app)
            try await page.login("motcua")
            let shown = try await page.get("/dossiers/\(open[1])")
            #expect(shown.text.contains("Dữ liệu phục vụ chỉ số"))
            let saved = try await page.post(
                "/dossiers/\(open[1])/service-data", [("version", String(online["version"] as? Int ?? 0)), ("syncedToPortal", "on")])
            #expect(saved.status == .seeOther)
            #expect(try await page.get("/dossiers/\(open[1])").text.contains("Ghi dữ liệu phục vụ chỉ số"))

            let index = try Self.decode(
                Components.Schemas.ServiceIndex.self, try await APIClient(app: app).send(.GET, "/api/v1/service-index?period=\(Self.day)"))
            #expect(try Self.indicator(index, "1.4").numerator == 2 && Self.indicator(index, "1.4").denominator == 3)
            #expect(try Self.indicator(index, "4.2").numerator == 1 && Self.indicator(index, "4.5b").numerator == 1)
            #expect(try Self.indicator(index, "4.5a").numerator == 1 && Self.indicator(index, "4.5a").hasData)
            let specialist = try await APIClient.login(app, "chuyenvien")
            let lost = try Self.decode(
                Components.Schemas.IndicatorDossierList.self,
                try await specialist.send(.GET, "/api/v1/service-index/indicators/1.4/dossiers?unit=\(Fixtures.landCode)&period=\(Self.day)"))
            #expect(lost.items.count == 1 && !open.contains(lost.items[0].code) && lost.items[0].reasons == ["Chưa đồng bộ lên Cổng DVCQG"])
        }
    }

    @Test(
        "The first at-risk list is computed once, detached: a reader who cannot wait gets none (a 503 in the API), then the list",
        arguments: TestDatabases.kinds)
    func atRiskFirstComputation(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await Self.scenario(app)
            let cache = app.services.atRisk
            // Nothing computed yet: a reader with no patience starts the computation and gets nothing.
            #expect(try await cache.current(app, patience: .zero) == nil)
            let refreshed = try await cache.refresh(app)
            let current = try #require(try await cache.current(app, patience: .zero))
            #expect(current.computedAt == refreshed.computedAt && current.learntFrom == refreshed.learntFrom)
            let problem = Problem(DomainError(.notReady, "index.at_risk.pending"))
            // An answer to come back later, not a failure: neither logged as one nor counted as a busy database.
            #expect(problem.status == .serviceUnavailable && problem.headers.first(name: .retryAfter) == "30" && !problem.isServerFault)
            #expect(app.localizer.text("problem.\(problem.slug)", .vi, [:]) == "Đang tính, thử lại sau")
        }
    }

    @Test(
        "An instance reads the at-risk list another one stored (the deadline job's leader) instead of computing its own, until that list is too old",
        arguments: TestDatabases.kinds)
    func atRiskShared(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await Self.scenario(app)
            let unit = try #require(try await app.store.units.tree().unit(code: Fixtures.landCode))
            // As another instance would have stored it: a list this one could not have made (no such dossier).
            let elsewhere = AtRiskReport(
                forecasts: [
                    AtRiskForecast(
                        dossierID: UUID(), code: "DA-KHAC-0001", procedureCode: "1.000001", competentUnitID: unit.id, holderID: unit.id, step: 1,
                        dueAt: clock.now.addingTimeInterval(86400), expectedFinish: clock.now.addingTimeInterval(2 * 86400), overdue: false,
                        stepsFromHistory: 0, remainingSteps: 1)
                ], computedAt: clock.now.addingTimeInterval(-60), learntFrom: 7)
            try await app.store.atRiskForecasts.save(elsewhere)
            let cache = app.services.atRisk
            #expect(try await cache.current(app, patience: .zero) == elsewhere)
            // Past the shared lifetime it is this instance's to compute, and the stored list becomes its own.
            clock.advance(by: AtRiskCache.sharedLifetime + 60)
            #expect(try await cache.current(app, patience: .zero) == elsewhere)
            let own = try await cache.refresh(app)
            #expect(own.forecasts.allSatisfy { $0.code != "DA-KHAC-0001" })
            #expect(try await app.store.atRiskForecasts.latest(computedAfter: .distantPast) == own)
        }
    }
}
