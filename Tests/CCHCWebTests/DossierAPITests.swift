import CCHCCore
import CCHCTestSupport
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

@Suite("Dossier API")
struct DossierAPITests {
    static let counterBody = """
        {"procedureCode":"1.000001","channel":"counter","receivingUnitCode":"\(Fixtures.centreCode)",
         "applicant":{"fullName":"Nguyễn Văn An","idNumber":"001203004567","phone":"0912 345 678","email":"an@example.vn","address":"Phường Đông Hòa"},
         "components":[{"index":0,"originals":1},{"index":1,"photocopies":2},{"index":2,"certifiedCopies":1}]}
        """

    static func prepare(_ app: Application) async throws {
        try await TestAccounts.seed(app)
        try await Fixtures.loadProcedure(into: app.store)
    }

    static func act(_ api: APIClient, _ code: String, _ body: String) async throws -> TestingHTTPResponse {
        try await api.send(.POST, "/api/v1/dossiers/\(code)/actions", json: body)
    }

    /// Forwards a dossier just taken in at the counter past the desk and the specialist, so that it waits
    /// at the unit leader's step with version 4.
    static func forwardToLeader(_ app: Application, _ desk: APIClient, _ code: String) async throws {
        #expect(try await act(desk, code, #"{"action":"forward","version":2}"#).status == .ok)
        #expect(try await act(try await APIClient.login(app, "chuyenvien"), code, #"{"action":"forward","version":3}"#).status == .ok)
    }

    @Test("From intake to return to rating, through HTTP", arguments: TestDatabases.kinds)
    func lifecycle(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await Self.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            let created = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody, headers: [("Idempotency-Key", "k-1")])
            #expect(created.status == .created)
            let receipt = try created.json()
            let code = try #require(receipt["code"] as? String)
            #expect(code == "\(Fixtures.centreCode)-261123-0001")
            #expect((receipt["status"] as? [String: Any])?["code"] as? Int == 2)
            #expect((receipt["status"] as? [String: Any])?["name"] as? String == "Được tiếp nhận")
            // Monday 09:00 plus three working days: Thursday 09:00 would be the 26th, but 24/11 is a holiday.
            #expect(receipt["dueAt"] as? String == "2026-11-27T02:00:00Z")
            #expect((receipt["appointment"] as? [String: Any])?["session"] as? String == "sang")
            let pin = try #require(receipt["lookupPin"] as? String)
            #expect(pin.count == 6 && pin.allSatisfy(\.isNumber))

            let detail = try await desk.send(.GET, "/api/v1/dossiers/\(code)")
            let body = try detail.json()
            #expect((body["events"] as? [[String: Any]])?.map { $0["action"] as? String } == ["receive", "accept"])
            #expect((body["availableActions"] as? [String])?.contains("forward") == true)
            #expect((body["applicant"] as? [String: Any])?["phone"] as? String == "0912345678")

            // The desk forwards; a stale version is refused before anything else, even for an impossible action.
            #expect(try await Self.act(desk, code, #"{"action":"forward","version":2}"#).status == .ok)
            let stale = try await Self.act(desk, code, #"{"action":"accept","version":2}"#)
            #expect(stale.status == .conflict && stale.headers.contentType?.description.hasPrefix("application/problem+json") == true)

            let specialist = try await APIClient.login(app, "chuyenvien")
            clock.advance(by: 3600)
            let forwarded = try await Self.act(specialist, code, #"{"action":"forward","version":3,"note":"Đủ điều kiện"}"#)
            #expect(try forwarded.status == .ok && (try forwarded.json()["currentStep"] as? Int) == 3)
            // The last step is the leader's: a specialist may not sign (403); the desk may not accept now (422).
            #expect(try await Self.act(specialist, code, #"{"action":"mark_result_ready","version":4}"#).status == .forbidden)
            let notNow = try await Self.act(desk, code, #"{"action":"accept","version":4}"#)
            #expect(try notNow.status == .unprocessableEntity && (try notNow.json()["code"] as? String) == "dossier.action.not_in_status")
            let leader = try await APIClient.login(app, "lanhdao")
            let ready = try await Self.act(leader, code, #"{"action":"mark_result_ready","version":4}"#)
            #expect(try ready.status == .ok && (try ready.json()["timeliness"] as? String) == "early")
            let returned = try await Self.act(desk, code, #"{"action":"return_result","version":5,"returnedTo":"Nguyễn Văn An","method":"counter"}"#)
            #expect(try returned.status == .ok && ((try returned.json()["status"] as? [String: Any])?["code"] as? Int) == 10)

            // Anyone with the receipt follows it and rates it, once.
            let anyone = APIClient(app: app)
            let lookup = try await anyone.send(.GET, "/api/v1/public/dossiers/\(code)?pin=\(pin)")
            #expect(lookup.status == .ok)
            #expect(try lookup.json()["applicantName"] as? String == "N*** V*** A***")
            #expect(try lookup.json()["progress"] as? Int == 100)
            let scores = Array(repeating: "2", count: 9).joined(separator: ",")
            let rated = try await anyone.send(
                .POST, "/api/v1/public/dossiers/\(code)/rating", json: #"{"pin":"\#(pin)","scores":[\#(scores)],"satisfaction":"very_satisfied"}"#)
            #expect(try rated.status == .ok && (try rated.json()["rated"] as? Bool) == true)
            let again = try await anyone.send(
                .POST, "/api/v1/public/dossiers/\(code)/rating", json: #"{"pin":"\#(pin)","scores":[\#(scores)],"satisfaction":"satisfied"}"#)
            #expect(again.status == .conflict)
            #expect(try await app.store.dossiers.find(code: code)?.rating?.total == 18)
            #expect(try await app.store.dossiers.verifyAuditChain().isIntact)
        }
    }

    @Test("An apology through the API: a bad new date is named in the answer, a good one moves the return date", arguments: TestDatabases.kinds)
    func apology(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await Self.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            let code = try #require(try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody).json()["code"] as? String)
            try await Self.forwardToLeader(app, desk, code)

            let leader = try await APIClient.login(app, "lanhdao")
            for bad in ["2026-13-40T17:00:00Z", "ngày mai", "2026-12-04T17:00:00+0700"] {
                let refused = try await Self.act(leader, code, #"{"action":"apologize","version":4,"reason":"Chờ ý kiến phối hợp","newDueAt":"\#(bad)"}"#)
                #expect(refused.status == .unprocessableEntity, "\(bad)")
                let errors = try refused.json()["errors"] as? [[String: Any]] ?? []
                #expect(errors.map { $0["field"] as? String } == ["newDueAt"], "\(bad)")
                #expect(errors.first?["message"] as? String == "Ngày không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd).", "\(bad)")
            }
            let apologised = try await Self.act(
                leader, code, #"{"action":"apologize","version":4,"reason":"Chờ ý kiến phối hợp","newDueAt":"2026-12-04T17:00:00+07:00"}"#)
            #expect(apologised.status == .ok)
            #expect(try apologised.json()["dueAt"] as? String == "2026-12-04T10:00:00Z")
            #expect(try await app.store.dossiers.find(code: code)?.apology?.reason == "Chờ ý kiến phối hợp")
        }
    }

    @Test("The same Idempotency-Key returns the first answer; reused with another body it is refused", arguments: TestDatabases.kinds)
    func idempotency(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await Self.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            let first = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody, headers: [("Idempotency-Key", "retry-me")])
            // The same fields in another order and layout are the same request.
            let reordered = try JSONSerialization.data(
                withJSONObject: try JSONSerialization.jsonObject(with: Data(Self.counterBody.utf8)), options: [.sortedKeys])
            let retried = try await desk.send(
                .POST, "/api/v1/dossiers", json: String(decoding: reordered, as: UTF8.self), headers: [("Idempotency-Key", "retry-me")])
            #expect(first.status == .created && retried.status == .created)
            #expect(try retried.json()["code"] as? String == first.json()["code"] as? String)
            #expect(try retried.json()["lookupPin"] as? String == first.json()["lookupPin"] as? String)
            #expect(try await app.store.dossiers.count() == 1)

            let changed = Self.counterBody.replacingOccurrences(of: "Nguyễn Văn An", with: "Trần Văn Bình")
            let reused = try await desk.send(.POST, "/api/v1/dossiers", json: changed, headers: [("Idempotency-Key", "retry-me")])
            #expect(try reused.status == .unprocessableEntity && (try reused.json()["code"] as? String) == "idempotency.key_reused")
            #expect(try await app.store.dossiers.count() == 1)

            // Retries racing each other still take the dossier in once.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        Int(try await desk.send(.POST, "/api/v1/dossiers", json: changed, headers: [("Idempotency-Key", "race")]).status.code)
                    }
                }
                for try await status in group { #expect(status == 201) }
            }
            #expect(try await app.store.dossiers.count() == 2)
        }
    }

    @Test("Concurrent intake through the API: every dossier stored once, with its own code and events", arguments: TestDatabases.kinds)
    func concurrentIntake(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await Self.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            let count = 24
            let codes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        let response = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody)
                        #expect(response.status == .created)
                        return try response.json()["code"] as? String ?? ""
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(codes).count == count && !codes.contains(""))
            #expect(try await app.store.dossiers.count() == count)
            let verification = try await app.store.dossiers.verifyAuditChain()
            #expect(verification.isIntact && verification.eventsChecked == 2 * count)
        }
    }

    @Test("Bad intake names each bad field, in Vietnamese or in English", arguments: TestDatabases.kinds)
    func badInput(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await Self.prepare(app)
            var desk = try await APIClient.login(app, "motcua")
            let bad = """
                {"procedureCode":"1.000001","channel":"counter","receivingUnitCode":"\(Fixtures.centreCode)",
                 "applicant":{"fullName":" ","idNumber":"12345","phone":"12","email":"an@"},"components":[{"index":1,"photocopies":2},{"index":9}]}
                """
            let response = try await desk.send(.POST, "/api/v1/dossiers", json: bad)
            #expect(response.status == .unprocessableEntity)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let errors = try response.json()["errors"] as? [[String: Any]] ?? []
            let fields = Set(errors.compactMap { $0["field"] as? String })
            #expect(
                fields == ["applicant.fullName", "applicant.idNumber", "applicant.phone", "applicant.email", "components.9", "components.0", "components.2"])
            #expect(errors.contains { $0["message"] as? String == "Số định danh cá nhân phải gồm đúng 12 chữ số." })

            desk.language = "en"
            let english = try await desk.send(.POST, "/api/v1/dossiers", json: bad)
            #expect(
                try (english.json()["errors"] as? [[String: Any]] ?? []).contains {
                    $0["message"] as? String == "The personal ID number must be exactly 12 digits."
                })

            let unknown = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody.replacingOccurrences(of: "1.000001", with: "9.999999"))
            #expect(try (unknown.json()["errors"] as? [[String: Any]] ?? []).contains { $0["field"] as? String == "procedureCode" })
            let otherUnit = try await desk.send(
                .POST, "/api/v1/dossiers", json: Self.counterBody.replacingOccurrences(of: Fixtures.centreCode, with: "000.00.99.H01"))
            #expect(try (otherUnit.json()["errors"] as? [[String: Any]] ?? []).contains { $0["field"] as? String == "receivingUnitCode" })
            let malformed = try await desk.send(.POST, "/api/v1/dossiers", json: #"{"procedureCode": "#)
            #expect(malformed.status == .badRequest && malformed.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            // A body past the API's limit is refused before anything reads it.
            let padding = String(repeating: " ", count: BufferedVaporTransport.maximumBodyBytes)
            let oversized = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody + padding)
            #expect(oversized.status == .payloadTooLarge && oversized.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(try await app.store.dossiers.count() == 0)

            // Online filing is for citizens: it waits for the desk's acceptance.
            let citizen = try await APIClient.login(app, "congdan")
            let online = try await citizen.send(.POST, "/api/v1/dossiers", json: Self.counterBody.replacingOccurrences(of: "\"counter\"", with: "\"online\""))
            #expect(try online.status == .created && ((try online.json()["status"] as? [String: Any])?["code"] as? Int) == 1)
            #expect(try await citizen.send(.POST, "/api/v1/dossiers", json: Self.counterBody).status == .forbidden)
        }
    }

    @Test("Lists follow the caller's reach and filters", arguments: TestDatabases.kinds)
    func lists(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, clock in
            try await Self.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            for _ in 0..<3 { _ = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody) }
            clock.advance(by: 5 * 86400)
            try await DeadlineJob.run(app)
            let overdue = try await desk.send(.GET, "/api/v1/dossiers?overdue=true")
            #expect((try overdue.json()["items"] as? [[String: Any]])?.count == 3)
            let page = try await desk.send(.GET, "/api/v1/dossiers?limit=2")
            #expect(try (try page.json()["items"] as? [[String: Any]])?.count == 2 && (try page.json()["nextCursor"] as? String) != nil)
            let searched = try await desk.send(.GET, "/api/v1/dossiers?q=nguyen%20van%20an&status=2").json()["items"] as? [[String: Any]]
            #expect(searched?.count == 3)
            // A department specialist sees what its unit holds or decides; another unit is out of reach.
            let specialist = try await APIClient.login(app, "chuyenvien")
            #expect(try await specialist.send(.GET, "/api/v1/dossiers?unit=\(Fixtures.landCode)").status == .ok)
            #expect(try await specialist.send(.GET, "/api/v1/dossiers?unit=\(Fixtures.homeAffairsCode)").status == .forbidden)
            let citizen = try await APIClient.login(app, "congdan")
            #expect((try await citizen.send(.GET, "/api/v1/dossiers").json()["items"] as? [[String: Any]])?.isEmpty == true)
            let code = try #require((try overdue.json()["items"] as? [[String: Any]])?.first?["code"] as? String)
            #expect(try await citizen.send(.GET, "/api/v1/dossiers/\(code)").status == .notFound)
            #expect(try await APIClient(app: app).send(.GET, "/api/v1/dossiers").status == .unauthorized)
            let procedures = try await APIClient(app: app).send(.GET, "/api/v1/procedures?q=giay%20phep%20xay%20dung")
            #expect((try procedures.json()["items"] as? [[String: Any]])?.first?["code"] as? String == Fixtures.procedureCode)
            let procedure = try await APIClient(app: app).send(.GET, "/api/v1/procedures/\(Fixtures.procedureCode)")
            #expect((try procedure.json()["steps"] as? [[String: Any]])?.map { $0["allowance"] as? Int } == [4, 16, 4])
        }
    }

    @Test("The public lookup's own route answers as the generated server would, and refuses what it refuses", arguments: TestDatabases.kinds)
    func publicLookupRoute(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await Self.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            let receipt = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody).json()
            let code = try #require(receipt["code"] as? String), pin = try #require(receipt["lookupPin"] as? String)
            let path = "/api/v1/public/dossiers/\(code)?pin=\(pin)"
            let anyone = APIClient(app: app)
            // The same request through the generated server, which the app does not route to for this operation.
            let transport = RecordingTransport()
            try APIHandler().registerHandlers(
                on: transport, serverURL: try Servers.Server1.url(), configuration: APIHandler.configuration, middlewares: [APIAccessMiddleware()])
            let handler = try #require(transport.handlers[BufferedVaporTransport.operation(PublicLookupRoute.method, PublicLookupRoute.path)])
            func compare() async throws -> NSDictionary? {
                let direct = try await anyone.send(.GET, path)
                #expect(direct.status == .ok && direct.headers.contentType?.description == "application/json; charset=utf-8")
                let request = Request(application: app, method: .GET, url: URI(string: path), on: app.eventLoopGroup.any())
                let (response, body) = try await APIRequestContext.$request.withValue(request) {
                    try await handler(
                        HTTPTypes.HTTPRequest(method: .get, scheme: nil, authority: nil, path: path), nil,
                        ServerRequestMetadata(pathParameters: ["code": Substring(code)]))
                }
                #expect(response.status.code == 200 && response.headerFields[.contentType] == "application/json; charset=utf-8")
                let generated = try JSONSerialization.jsonObject(with: try await Data(collecting: try #require(body), upTo: .max)) as? NSDictionary
                #expect(try JSONSerialization.jsonObject(with: Data(direct.body.readableBytesView)) as? NSDictionary == generated)
                return generated
            }
            let fresh = try await compare()
            #expect(fresh?["code"] as? String == code && fresh?["returnedAt"] == nil && fresh?["rated"] as? Bool == false)

            // Again once apologised, returned and rated: every optional member present, every step done.
            try await Self.forwardToLeader(app, desk, code)
            let leader = try await APIClient.login(app, "lanhdao")
            #expect(
                try await Self.act(leader, code, #"{"action":"apologize","version":4,"reason":"Chờ \"ý kiến\" phối hợp","newDueAt":"2026-12-04"}"#).status
                    == .ok)
            #expect(try await Self.act(leader, code, #"{"action":"mark_result_ready","version":5}"#).status == .ok)
            #expect(try await Self.act(desk, code, #"{"action":"return_result","version":6,"returnedTo":"Nguyễn Văn An","method":"counter"}"#).status == .ok)
            let scores = Array(repeating: "2", count: 9).joined(separator: ",")
            #expect(
                try await anyone.send(
                    .POST, "/api/v1/public/dossiers/\(code)/rating", json: #"{"pin":"\#(pin)","scores":[\#(scores)],"satisfaction":"satisfied"}"#
                ).status == .ok)
            let finished = try await compare()
            #expect(finished?["returnedAt"] is String && finished?["apologized"] as? Bool == true && finished?["rated"] as? Bool == true)
            #expect((finished?["steps"] as? [NSDictionary])?.allSatisfy { $0["state"] as? String == "done" } == true)

            // The route checks no token: the operation must stay open to everyone.
            #expect(APIAccessPolicy.operations[Operations.LookUpDossier.id]?.description == Access.everyone.description)
            // Refusals: problem+json as from any other operation; a missing PIN is named.
            let html = try await anyone.send(.GET, path, headers: [("Accept", "text/html")])
            #expect(html.status == .badRequest && html.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let noPIN = try await anyone.send(.GET, "/api/v1/public/dossiers/\(code)")
            #expect(try noPIN.status == .badRequest && (try noPIN.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "pin")
            #expect(try await anyone.send(.GET, path, headers: [("Accept", "application/*")]).status == .ok)
        }
    }

    @Test("Public lookup leaks no personal data and gives one answer for every wrong guess, then locks", arguments: TestDatabases.kinds)
    func publicLookup(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            try await Self.prepare(app)
            let desk = try await APIClient.login(app, "motcua")
            let receipt = try await desk.send(.POST, "/api/v1/dossiers", json: Self.counterBody).json()
            let code = try #require(receipt["code"] as? String), pin = try #require(receipt["lookupPin"] as? String)
            let anyone = APIClient(app: app)
            let found = try await anyone.send(.GET, "/api/v1/public/dossiers/\(code)?pin=\(pin)")
            #expect(found.status == .ok)
            for personal in ["Nguyễn Văn An", "001203004567", "0912345678", "an@example.vn", "Phường Đông Hòa"] {
                #expect(!found.body.string.contains(personal), "\(personal)")
            }
            let wrongPIN = try await anyone.send(.GET, "/api/v1/public/dossiers/\(code)?pin=000000")
            let missing = try await anyone.send(.GET, "/api/v1/public/dossiers/\(Fixtures.centreCode)-261123-9999?pin=\(pin)")
            #expect(wrongPIN.status == .notFound && missing.status == .notFound)
            #expect(try wrongPIN.json()["detail"] as? String == missing.json()["detail"] as? String)
            for _ in 2..<app.config.lookupMaximumFailures {
                _ = try await anyone.send(.GET, "/api/v1/public/dossiers/\(code)?pin=000000")
            }
            let locked = try await anyone.send(.GET, "/api/v1/public/dossiers/\(code)?pin=\(pin)")
            #expect(locked.status == .tooManyRequests)
        }
    }
}
