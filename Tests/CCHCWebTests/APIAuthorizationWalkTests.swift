import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CCHCWeb

/// Every operation of openapi.yaml, called by every role and by no one, on an object of the caller's own
/// unit and on one of another unit. The status each call must get is worked out from the policies
/// (`APIAccessPolicy`, `DossierPolicy`, `DossierAccess`, the unit reach rule), not written down per cell;
/// an operation added to the document without an entry here fails the test.
@Suite("Authorization walk over the API")
struct APIAuthorizationWalkTests {
    /// The commune's own procedure: received at the ward, decided by it.
    static let communeProcedure = "2.000002"

    /// What the walk's calls act on.
    struct World: Sendable {
        var tree: UnitTree
        var users: [String: User]
        /// A dossier of the provincial centre and the land department, one of the ward, one a citizen filed.
        var centreDossier: Dossier
        var wardDossier: Dossier
        var citizenDossier: Dossier
        var pin: String
        var tokens: [String: String]
        /// The dossiers' procedure versions, for the rules that depend on the step a dossier is at.
        var procedures: [UUID: Procedure] = [:]
    }

    /// Each caller: a role's account, or nobody.
    static let callers: [String?] = [nil] + TestAccounts.all.map(\.username)

    enum Expectation: Equatable, Sendable, CustomStringConvertible {
        case status(HTTPStatus)
        /// The call gets past authorization: neither 401 nor 403 (what it then makes of the body is not the walk's business).
        case authorized

        var description: String {
            switch self {
            case .status(let status): "\(status.code)"
            case .authorized: "neither 401 nor 403"
            }
        }
    }

    struct Call: Sendable {
        var method: HTTPMethod
        var path: String
        var body: String?
    }

    struct Entry: Sendable {
        /// The call for `caller` on an object of their own unit (`own`) or of another unit.
        var call: @Sendable (World, _ caller: User?, _ own: Bool) async throws -> Call
        /// What the object's own rule says, once the operation's access rule let the caller in.
        var object: @Sendable (World, _ caller: User?, _ own: Bool) -> Expectation
    }

    /// The units a caller's "own" and "other" objects belong to.
    static func unit(_ caller: User?, own: Bool, _ world: World) -> OrgUnit {
        let code = own ? caller?.unitID.flatMap { world.tree.unit(id: $0)?.code } ?? Fixtures.centreCode : Fixtures.communeCode
        return world.tree.unit(code: code)!
    }

    static func dossier(_ caller: User?, own: Bool, _ world: World) -> Dossier {
        if caller?.has(.citizen) == true { return own ? world.citizenDossier : world.centreDossier }
        return own ? world.centreDossier : world.wardDossier
    }

    static func reach(_ caller: User?, _ unit: OrgUnit, _ permission: Permission, _ world: World) -> Expectation {
        guard let caller else { return .status(.unauthorized) }
        return (try? world.tree.reachable(unit, by: caller, for: permission)) == nil ? .status(.forbidden) : .status(.ok)
    }

    static let entries = coreEntries.merging(surveyEntries) { $1 }.merging(dialogueEntries) { $1 }.merging(parEntries) { $1 }.merging(planEntries) { $1 }
        .merging(reportEntries) { $1 }.merging(steeringEntries) { $1 }

    static let coreEntries: [String: Entry] = [
        "createToken": Entry(
            call: { _, caller, _ in
                Call(
                    method: .POST, path: "/api/v1/auth/token",
                    body: #"{"username":"\#(caller?.username ?? "nobody")","password":"\#(TestAccounts.password)","name":"walk"}"#)
            }, object: { _, caller, _ in .status(caller == nil ? .unauthorized : .created) }),
        "listTokens": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/auth/tokens") }, object: { _, _, _ in .status(.ok) }),
        "revokeToken": Entry(call: { _, _, _ in Call(method: .DELETE, path: "/api/v1/auth/tokens/\(UUID())") }, object: { _, _, _ in .status(.notFound) }),
        "getCurrentUser": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/users/me") }, object: { _, _, _ in .status(.ok) }),
        "getNotificationPreferences": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/users/me/notification-preferences") }, object: { _, _, _ in .status(.ok) }),
        "setNotificationPreferences": Entry(
            call: { _, _, _ in
                Call(method: .PUT, path: "/api/v1/users/me/notification-preferences", body: #"{"email":"","phone":"","channels":[],"language":"vi"}"#)
            }, object: { _, _, _ in .status(.ok) }),
        "listUsers": Entry(
            call: { world, caller, own in Call(method: .GET, path: "/api/v1/users?unit=\(unit(caller, own: own, world).code)") },
            object: { world, caller, own in reach(caller, unit(caller, own: own, world), .viewUsers, world) }),
        "createUser": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/users", body: #"{"username":"moi","password":"x","role":"specialist"}"#) },
            object: { _, _, _ in .authorized }),
        "listUnits": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/units") }, object: { _, _, _ in .status(.ok) }),
        "createUnit": Entry(
            call: { _, _, _ in
                Call(method: .POST, path: "/api/v1/units", body: #"{"code":"","name":"","shortName":"","kind":"department","effectiveFrom":"2026-01-01"}"#)
            },
            object: { _, _, _ in .authorized }),
        "getUnitTree": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/units/tree") }, object: { _, _, _ in .status(.ok) }),
        "getUnit": Entry(
            call: { world, caller, own in Call(method: .GET, path: "/api/v1/units/\(unit(caller, own: own, world).code)") },
            object: { _, _, _ in .status(.ok) }),
        "updateUnit": Entry(
            call: { world, caller, own in
                Call(method: .PATCH, path: "/api/v1/units/\(unit(caller, own: own, world).code)", body: #"{"version":999}"#)
            }, object: { _, _, _ in .status(.conflict) }),
        "closeUnit": Entry(
            call: { world, caller, own in
                Call(method: .POST, path: "/api/v1/units/\(unit(caller, own: own, world).code)/close", body: #"{"version":999,"closedOn":"2027-01-01"}"#)
            }, object: { _, _, _ in .authorized }),
        "getCalendarYear": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/calendar/2026") }, object: { _, _, _ in .status(.ok) }),
        "getDeadline": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/calendar/deadline?from=2026-11-23T09:00&workingDays=3") },
            object: { _, _, _ in .status(.ok) }),
        "listProcedures": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/procedures") }, object: { _, _, _ in .status(.ok) }),
        "getProcedure": Entry(
            call: { _, _, own in Call(method: .GET, path: "/api/v1/procedures/\(own ? Fixtures.procedureCode : communeProcedure)") },
            object: { _, _, _ in .status(.ok) }),
        // A stale revision: whoever may record it gets as far as the conflict.
        "recordProcedurePublication": Entry(
            call: { _, _, own in
                Call(
                    method: .PUT, path: "/api/v1/procedures/\(own ? Fixtures.procedureCode : communeProcedure)/publication",
                    body: #"{"version":1,"revision":999,"applicants":[],"onlinePayment":false}"#)
            }, object: { _, _, _ in .status(.conflict) }),
        "getProvinceSettings": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/province-settings") }, object: { _, _, _ in .status(.ok) }),
        "createProvinceSettingsVersion": Entry(
            call: { _, _, _ in
                Call(method: .POST, path: "/api/v1/province-settings", body: ProvinceSettingsTests.body(expected: 7, from: "2027-01-01"))
            }, object: { _, _, _ in .status(.conflict) }),
        "exportMyData": Entry(call: { _, _, _ in Call(method: .GET, path: "/api/v1/users/me/export") }, object: { _, _, _ in .status(.ok) }),
        "getNotificationTemplates": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/notification-templates") }, object: { _, _, _ in .status(.ok) }),
        // A stale version: whoever may set one gets as far as the conflict.
        "createNotificationTemplatesVersion": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/notification-templates",
                    body:
                        #"{"expectedLatestVersion":7,"effectiveFrom":"2027-01-01","reason":"x","templates":[{"kind":"receipt","language":"vi","subject":"","body":"{code}"}]}"#
                )
            }, object: { _, _, _ in .status(.conflict) }),
        "listDossiers": Entry(
            call: { world, caller, own in Call(method: .GET, path: "/api/v1/dossiers?unit=\(unit(caller, own: own, world).code)") },
            object: { world, caller, own in reach(caller, unit(caller, own: own, world), .viewDossiers, world) }),
        "createDossier": Entry(
            call: { world, caller, own in
                let code = own ? Fixtures.procedureCode : communeProcedure
                let desk = own ? Fixtures.centreCode : Fixtures.communeCode
                return Call(
                    method: .POST, path: "/api/v1/dossiers",
                    body: DossierAPITests.counterBody
                        .replacingOccurrences(of: "\"1.000001\"", with: "\"\(code)\"").replacingOccurrences(of: Fixtures.centreCode, with: desk))
            },
            object: { world, caller, own in
                guard let caller else { return .status(.unauthorized) }
                let desk = world.tree.unit(code: own ? Fixtures.centreCode : Fixtures.communeCode)
                return .status(DossierPolicy.mayTakeIn(by: .person(caller), channel: .counter, at: desk, tree: world.tree) ? .created : .forbidden)
            }),
        "getDossier": Entry(
            call: { world, caller, own in Call(method: .GET, path: "/api/v1/dossiers/\(dossier(caller, own: own, world).code)") },
            object: { world, caller, own in
                guard let caller else { return .status(.unauthorized) }
                return .status(DossierAccess.canView(caller, dossier(caller, own: own, world), tree: world.tree) ? .ok : .notFound)
            }),
        "actOnDossier": Entry(
            call: { world, caller, own in
                let target = dossier(caller, own: own, world)
                return Call(
                    method: .POST, path: "/api/v1/dossiers/\(target.code)/actions", body: #"{"action":"withdraw","version":\#(target.version),"reason":"Thử"}"#)
            },
            object: { world, caller, own in
                guard let caller else { return .status(.unauthorized) }
                let target = dossier(caller, own: own, world)
                guard DossierAccess.canView(caller, target, tree: world.tree) else { return .status(.notFound) }
                return switch DossierPolicy.decide(.act(.withdraw), by: .person(caller), on: target, procedure: nil, tree: world.tree) {
                case .allowed: .status(.ok)
                case .forbidden: .status(.forbidden)
                case .notNow: .status(.unprocessableEntity)
                }
            }),
        "recordDossierServiceData": Entry(
            call: { world, caller, own in
                let target = dossier(caller, own: own, world)
                return Call(
                    method: .PUT, path: "/api/v1/dossiers/\(target.code)/service-data",
                    body:
                        #"{"version":\#(target.version),"syncedToPortal":true,"scannedAtDesk":false,"reusedData":false,"fromDataStore":false,"populationVerified":true,"paidOnline":false,"electronicResult":false}"#
                )
            },
            object: { world, caller, own in
                guard let caller else { return .status(.unauthorized) }
                let target = dossier(caller, own: own, world)
                guard DossierAccess.canView(caller, target, tree: world.tree) else { return .status(.notFound) }
                let procedure = world.procedures[target.procedureID]
                return switch DossierPolicy.decide(.recordServiceData, by: .person(caller), on: target, procedure: procedure, tree: world.tree) {
                case .allowed: .status(.ok)
                case .forbidden: .status(.forbidden)
                case .notNow: .status(.unprocessableEntity)
                }
            }),
        "lookUpDossier": Entry(
            call: { world, _, _ in Call(method: .GET, path: "/api/v1/public/dossiers/\(world.centreDossier.code)?pin=\(world.pin)") },
            object: { _, _, _ in .status(.ok) }),
        "getServiceIndex": Entry(
            call: { world, caller, own in Call(method: .GET, path: "/api/v1/service-index?unit=\(unit(caller, own: own, world).code)&period=2026") },
            object: { _, _, _ in .status(.ok) }),
        "getServiceIndexRankings": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/service-index/rankings?level=commune&period=2026-Q4") },
            object: { _, _, _ in .status(.ok) }),
        "listIndicatorDossiers": Entry(
            call: { world, caller, own in
                Call(method: .GET, path: "/api/v1/service-index/indicators/2.1/dossiers?unit=\(unit(caller, own: own, world).code)&period=2026")
            },
            object: { world, caller, own in reach(caller, unit(caller, own: own, world), .viewDossiers, world) }),
        "listAtRiskDossiers": Entry(
            call: { world, caller, own in Call(method: .GET, path: "/api/v1/service-index/at-risk?unit=\(unit(caller, own: own, world).code)") },
            object: { world, caller, own in reach(caller, unit(caller, own: own, world), .viewDossiers, world) }),
        "rateDossier": Entry(
            call: { world, _, _ in
                Call(
                    method: .POST, path: "/api/v1/public/dossiers/\(world.centreDossier.code)/rating",
                    body: #"{"pin":"\#(world.pin)","scores":[2,2,2,2,2,2,2,2,2],"satisfaction":"satisfied"}"#)
            }, object: { _, _, _ in .status(.unprocessableEntity) }),
        // Feedback: the public operations take no token; which items an officer sees is the feedback policy's (FeedbackTests).
        "submitFeedback": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/public/feedback", body: #"{"topic":"other","title":"","content":""}"#) },
            object: { _, _, _ in .status(.unprocessableEntity) }),
        "lookUpFeedback": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/public/feedback/PA-000000-0000/lookup", body: #"{"pin":"000000"}"#) },
            // A wrong PIN is a 404 until the address has guessed too often (429): either way, no one is turned away as unauthorised.
            object: { _, _, _ in .authorized }),
        "actOnFeedbackAsSender": Entry(
            call: { _, _, _ in
                Call(
                    method: .POST, path: "/api/v1/public/feedback/PA-000000-0000/actions",
                    body: #"{"pin":"000000","version":1,"kind":"rate","rating":"helpful"}"#)
            }, object: { _, _, _ in .authorized }),
        "listPublishedFeedback": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/public/feedback") }, object: { _, _, _ in .status(.ok) }),
        "listFeedback": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/feedback") },
            object: { _, caller, _ in caller == nil ? .status(.unauthorized) : .status(.ok) }),
        "getFeedback": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/feedback/PA-000000-0000") },
            object: { _, caller, _ in caller == nil ? .status(.unauthorized) : .status(.notFound) }),
        "getFeedbackAttachment": Entry(
            call: { _, _, _ in Call(method: .GET, path: "/api/v1/feedback/PA-000000-0000/attachments/6f1c2d3e-0000-4000-8000-000000000001") },
            object: { _, caller, _ in caller == nil ? .status(.unauthorized) : .status(.notFound) }),
        "actOnFeedback": Entry(
            call: { _, _, _ in Call(method: .POST, path: "/api/v1/feedback/PA-000000-0000/actions", body: #"{"version":1,"kind":"publish"}"#) },
            object: { _, caller, _ in caller == nil ? .status(.unauthorized) : .status(.notFound) }),
    ]

    /// Every operationId of the document.
    static func documentedOperations() throws -> Set<String> {
        let text = try String(contentsOfFile: TestApp.packageRoot + "/Sources/CCHCWeb/openapi.yaml", encoding: .utf8)
        return Set(
            text.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("operationId:") ? trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces) : nil
            })
    }

    @Test("Every operation has an entry in the walk and in the access policy")
    func complete() throws {
        let operations = try Self.documentedOperations()
        #expect(
            operations == Set(Self.entries.keys),
            "missing: \(operations.subtracting(Self.entries.keys)), stale: \(Set(Self.entries.keys).subtracting(operations))")
        #expect(operations == Set(APIAccessPolicy.operations.keys))
    }

    @Test(
        "Every operation × every role and no one × an object of one's own unit and of another: the status the policies give",
        arguments: TestDatabases.kinds)
    func walk(kind: DatabaseKind) async throws {
        try await TestApp.with(kind) { app, _ in
            let world = try await Self.world(app)
            var cells = 0
            for (operation, entry) in Self.entries.sorted(by: { $0.key < $1.key }) {
                for username in Self.callers {
                    let caller = username.flatMap { world.users[$0] }
                    for own in [true, false] {
                        // Each action on a dossier acts on a dossier of its own, so that one cell's change does not decide the next.
                        let fresh = ["actOnDossier", "recordDossierServiceData"].contains(operation) ? try await Self.world(app, reusing: world) : world
                        let call = try await entry.call(fresh, caller, own)
                        var headers: HTTPHeaders = call.body == nil ? [:] : ["Content-Type": "application/json"]
                        if let username, let token = world.tokens[username] { headers.replaceOrAdd(name: .authorization, value: "Bearer \(token)") }
                        let response = try await app.testing().sendRequest(
                            call.method, call.path, headers: headers, body: call.body.map { ByteBuffer(string: $0) })
                        let expected = Self.expected(operation, caller: caller, own: own, world: fresh, entry: entry)
                        let got = response.status
                        switch expected {
                        case .status(let status):
                            #expect(
                                got == status,
                                "\(operation) by \(username ?? "no one") on \(own ? "own" : "other"): \(got.code), expected \(status.code) \(response.body.string.prefix(200))"
                            )
                        case .authorized:
                            #expect(got != .unauthorized && got != .forbidden, "\(operation) by \(username ?? "no one"): \(got.code)")
                        }
                        cells += 1
                    }
                }
            }
            #expect(cells == Self.entries.count * Self.callers.count * 2)
        }
    }

    /// The access rule of the operation first (401 for no one, 403 for a role without the permission), then the object's.
    static func expected(_ operation: String, caller: User?, own: Bool, world: World, entry: Entry) -> Expectation {
        let access = APIAccessPolicy.operations[operation]!
        if case .everyone = access {
        } else {
            guard let caller else { return .status(.unauthorized) }
            guard access.allows(caller) else { return .status(.forbidden) }
        }
        return entry.object(world, caller, own)
    }

    static func world(_ app: Application, reusing previous: World? = nil) async throws -> World {
        let service = try await app.dossierService()
        if previous == nil {
            try await TestAccounts.seed(app)
            try await Fixtures.loadProcedure(into: app.store)
            var draft = Fixtures.procedureDraft(code: communeProcedure)
            draft.competentUnitCode = ProcedureDraft.localGovernment
            draft.receivingUnitCodes = [Fixtures.communeCode]
            draft.steps[0].holder = "receiving"
            let tree = try await app.store.units.tree()
            _ = try await app.store.procedures.create(
                try ProcedureRules.build(draft, tree: tree, version: 1, today: Fixtures.day("2026-11-23"), now: Fixtures.now))
            _ = try await UserAccounts(store: app.store, hasher: app.services.hasher).create(
                NewUser(username: "xa.motcua", fullName: "Một cửa phường", role: .deskOfficer, unitCode: Fixtures.communeCode, password: TestAccounts.password),
                actor: nil, address: nil, now: Fixtures.now)
        }
        let tree = try await app.store.units.tree()
        var users: [String: User] = [:]
        for account in TestAccounts.all + [("xa.motcua", Role.deskOfficer, Fixtures.communeCode)] {
            users[account.username] = try await app.store.users.find(username: account.username)
        }
        let now = app.clock.now
        let centre = try await service.intake(Fixtures.intakeRequest(), by: .staff(users["motcua"]!), now: now)
        let atLand = try await service.act(
            on: centre.dossier, .forward(toStep: nil, note: ""), expectedVersion: centre.dossier.version, by: .staff(users["motcua"]!), now: now)
        var wardRequest = Fixtures.intakeRequest(code: communeProcedure)
        wardRequest.receivingUnitCode = Fixtures.communeCode
        let ward = try await service.intake(wardRequest, by: .staff(users["xa.motcua"]!), now: now).dossier
        let citizen = try await service.intake(Fixtures.intakeRequest(channel: .online), by: .citizen(users["congdan"]!), now: now).dossier
        var tokens = previous?.tokens ?? [:]
        if previous == nil {
            for account in TestAccounts.all { tokens[account.username] = try await APIClient.login(app, account.username).token }
        }
        var procedures: [UUID: Procedure] = [:]
        for dossier in [atLand, ward, citizen] { procedures[dossier.procedureID] = try await app.store.procedures.find(id: dossier.procedureID) }
        return World(
            tree: tree, users: users, centreDossier: atLand, wardDossier: ward, citizenDossier: citizen, pin: centre.pin, tokens: tokens,
            procedures: procedures)
    }
}
