import CCHCCore
import Crypto
import Foundation
import Vapor
import WorkCalendar

extension APIHandler {
    func listDossiers(_ input: Operations.ListDossiers.Input) async throws -> Operations.ListDossiers.Output {
        let request = try self.request
        let user = try request.requireUser()
        let tree = try await request.store.units.tree()
        let query = input.query
        var scope = DossierAccess.defaultScope(for: user, tree: tree)
        if let code = query.unit, !code.isEmpty {
            guard let unit = tree.unit(code: UnitCode.normalize(code)) else {
                throw DomainError.validation([FieldError("unit", "unit.reference.not_found", ["code": code])])
            }
            scope = try DossierAccess.scope(for: user, unit: unit, tree: tree)
        } else if case .heldBy(let units) = scope {
            scope = .involving(units)
        }
        let queue: DossierQuery.Queue = query.overdue == true ? .overdue : query.nearingDue == true ? .nearingDue : .all
        let page = try await request.store.dossiers.list(DossierQuery(
            scope: scope, queue: queue, procedureCode: query.procedure, field: query.field,
            status: query.status.flatMap(DossierStatus.init(rawValue:)), text: query.q, cursor: query.cursor, limit: Cursor.limit(query.limit)))
        return .ok(.init(body: .json(.init(
            items: page.items.map { Components.Schemas.DossierSummary($0, tree: tree, request: request) }, nextCursor: page.nextCursor))))
    }

    func createDossier(_ input: Operations.CreateDossier.Input) async throws -> Operations.CreateDossier.Output {
        let request = try self.request
        let user = try request.requireUser()
        let body = switch input.body { case .json(let json): json }
        let intake = IntakeRequest(
            procedureCode: body.procedureCode, channel: IntakeChannel(rawValue: body.channel.rawValue)!,
            applicant: Applicant(
                fullName: body.applicant.fullName, idNumber: body.applicant.idNumber, phone: body.applicant.phone,
                email: body.applicant.email ?? "", address: body.applicant.address ?? ""),
            components: body.components.map {
                IntakeRequest.Component(index: $0.index, originals: $0.originals ?? 0, certifiedCopies: $0.certifiedCopies ?? 0, photocopies: $0.photocopies ?? 0)
            },
            receivingUnitCode: body.receivingUnitCode)
        let actor = DossierActor.person(user)
        let service = try await request.dossierService()
        let calendar = service.clock.calendar
        let now = request.now
        let language = request.language
        let localizer = request.localizer
        @Sendable func created(_ dossier: Dossier, _ pin: String) -> Components.Schemas.DossierCreated {
            .init(dossier, pin: pin, calendar: calendar, statusName: localizer.text(dossier.status.messageKey, language))
        }
        guard let key = input.headers.idempotencyKey, !key.isEmpty else {
            let (dossier, pin) = try await service.intake(intake, by: actor, now: now)
            return .created(.init(body: .json(created(dossier, pin))))
        }
        let idempotency = Idempotency(owner: user.id.uuidString, key: key, requestHash: try Idempotency.hash(body))
        if let stored = try await request.store.idempotency.find(owner: idempotency.owner, key: key) {
            return .created(.init(body: .json(try idempotency.replay(stored))))
        }
        do {
            // The intake and the stored answer commit together: a retry racing the first attempt either
            // waits for it and finds the answer, or the loser's intake is rolled back.
            let answer = try await request.store.transaction { tx in
                var service = service
                service.store = tx
                let (dossier, pin) = try await service.intake(intake, by: actor, now: now)
                let answer = created(dossier, pin)
                guard try await tx.idempotency.store(owner: idempotency.owner, key: key, response: try idempotency.record(answer), at: now) else {
                    throw Idempotency.Taken()
                }
                return answer
            }
            return .created(.init(body: .json(answer)))
        } catch is Idempotency.Taken {
            guard let stored = try await request.store.idempotency.find(owner: idempotency.owner, key: key) else {
                throw DomainError(.conflict, "idempotency.in_progress")
            }
            return .created(.init(body: .json(try idempotency.replay(stored))))
        }
    }

    func getDossier(_ input: Operations.GetDossier.Input) async throws -> Operations.GetDossier.Output {
        let request = try self.request
        let dossier = try await request.visibleDossier(input.path.code)
        return .ok(.init(body: .json(try await dossierBody(dossier, request, withEvents: true))))
    }

    func actOnDossier(_ input: Operations.ActOnDossier.Input) async throws -> Operations.ActOnDossier.Output {
        let request = try self.request
        let body = switch input.body { case .json(let json): json }
        let dossier = try await request.visibleDossier(input.path.code)
        guard dossier.version == body.version else { throw DomainError.staleVersion(current: dossier.version) }
        var fields: [String: String] = [:]
        fields["reason"] = body.reason
        fields["note"] = body.note
        fields["toStep"] = body.toStep.map { String($0 - 1) }
        fields["amount"] = body.amount.map(String.init)
        fields["description"] = body.description
        fields["reference"] = body.reference
        fields["returnedTo"] = body.returnedTo
        fields["method"] = body.method?.rawValue
        fields["newDueAt"] = body.newDueAt
        let input = DossierActionInput(kind: body.action.rawValue, fields: fields, lists: body.items.map { ["items": $0] } ?? [:])
        let action = try input.action(officeHours: request.config.officeHours, now: request.now)
        let saved = try await request.dossierService().act(on: dossier, action, expectedVersion: body.version, by: try request.dossierActor(), now: request.now)
        return .ok(.init(body: .json(try await dossierBody(saved, request, withEvents: false))))
    }

    func lookUpDossier(_ input: Operations.LookUpDossier.Input) async throws -> Operations.LookUpDossier.Output {
        let request = try self.request
        let dossier = try await request.dossierLookup.progress(code: input.path.code, pin: input.query.pin, address: request.throttleKey, now: request.now)
        return .ok(.init(body: .json(try await publicBody(dossier, request))))
    }

    func rateDossier(_ input: Operations.RateDossier.Input) async throws -> Operations.RateDossier.Output {
        let request = try self.request
        let body = switch input.body { case .json(let json): json }
        let dossier = try await request.dossierLookup.find(code: input.path.code, pin: body.pin, address: request.throttleKey, now: request.now)
        let rating = DossierActionInput(
            kind: DossierAction.Kind.rate.rawValue, fields: ["satisfaction": body.satisfaction.rawValue, "comment": body.comment ?? ""],
            lists: ["scores": body.scores.map(String.init)])
        let saved = try await request.dossierService().act(
            on: dossier, try rating.action(officeHours: request.config.officeHours, now: request.now), expectedVersion: dossier.version,
            by: .applicant, now: request.now)
        return .ok(.init(body: .json(try await publicBody(DossierProgress(saved), request))))
    }

    private func publicBody(_ dossier: DossierProgress, _ request: Vapor.Request) async throws -> Components.Schemas.PublicDossier {
        let (procedure, tree) = try await request.store.procedureAndUnits(for: dossier)
        return .init(dossier, procedure: procedure, tree: tree, calendar: try await request.workingCalendar(), request: request)
    }

    private func dossierBody(_ dossier: Dossier, _ request: Vapor.Request, withEvents: Bool) async throws -> Components.Schemas.Dossier {
        let (procedure, tree) = try await request.store.procedureAndUnits(for: dossier)
        let events = withEvents ? try await request.store.dossiers.events(dossierID: dossier.id) : nil
        let available = DossierPolicy.available(to: try request.dossierActor(), on: dossier, procedure: procedure, tree: tree, settings: request.config.dossierSettings)
        return Components.Schemas.Dossier(
            dossier, procedure: procedure, tree: tree, calendar: try await request.workingCalendar(), events: events,
            available: available, request: request)
    }
}

/// An API intake retried with the same `Idempotency-Key`: the first answer is kept with a hash of the
/// request, so a retry gets that answer and a different request under the same key is refused.
struct Idempotency {
    struct Taken: Error {}

    var owner: String
    var key: String
    var requestHash: String

    /// A hash of the request's content, not its bytes: the same fields in another order are the same request.
    static func hash(_ body: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hash(data: try encoder.encode(body)).hexString
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    func record(_ answer: Components.Schemas.DossierCreated) throws -> IdempotentResponse {
        IdempotentResponse(requestHash: requestHash, status: 201, body: String(decoding: try Self.encoder.encode(answer), as: UTF8.self))
    }

    func replay(_ stored: IdempotentResponse) throws -> Components.Schemas.DossierCreated {
        guard stored.requestHash == requestHash else { throw DomainError(.invalidState, "idempotency.key_reused") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Components.Schemas.DossierCreated.self, from: Data(stored.body.utf8))
    }
}
