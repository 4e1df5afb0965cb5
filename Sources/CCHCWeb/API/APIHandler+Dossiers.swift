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
        // What the caller may list is what they may view.
        var scope = DossierAccess.viewScope(for: user, tree: tree)
        if let code = query.unit, !code.isEmpty {
            guard let unit = tree.unit(code: UnitCode.normalize(code)) else {
                throw DomainError.validation([FieldError("unit", "unit.reference.not_found", ["code": code])])
            }
            scope = try DossierAccess.scope(for: user, unit: unit, tree: tree)
        }
        let queue: DossierQuery.Queue = query.overdue == true ? .overdue : query.nearingDue == true ? .nearingDue : .all
        let page = try await request.store.dossiers.list(
            DossierQuery(
                scope: scope, queue: queue, procedureCode: query.procedure, field: query.field,
                status: query.status.flatMap(DossierStatus.init(rawValue:)), text: query.q, cursor: query.cursor, limit: query.limit ?? 50))
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.items.map { Components.Schemas.DossierSummary($0, tree: tree, request: request) }, nextCursor: page.nextCursor))))
    }

    func createDossier(_ input: Operations.CreateDossier.Input) async throws -> Operations.CreateDossier.Output {
        let request = try self.request
        let user = try request.requireUser()
        let body =
            switch input.body {
            case .json(let json): json
            }
        let intake = IntakeRequest(
            procedureCode: body.procedureCode, channel: IntakeChannel(body.channel),
            applicant: Applicant(
                fullName: body.applicant.fullName, idNumber: body.applicant.idNumber, phone: body.applicant.phone,
                email: body.applicant.email ?? "", address: body.applicant.address ?? ""),
            components: body.components.map {
                IntakeRequest.Component(
                    index: $0.index, originals: $0.originals ?? 0, certifiedCopies: $0.certifiedCopies ?? 0, photocopies: $0.photocopies ?? 0)
            },
            receivingUnitCode: body.receivingUnitCode)
        let actor = DossierActor.person(user)
        let service = try await request.dossierService()
        let now = request.now
        let calendar = service.clock(on: request.today).calendar
        let (language, localizer) = (request.language, request.localizer)
        @Sendable func created(_ dossier: Dossier, _ pin: String) -> Components.Schemas.DossierCreated {
            .init(dossier, pin: pin, calendar: calendar, statusName: localizer.text(dossier.status.messageKey, language))
        }
        let key = try input.headers.idempotencyKey.flatMap { try Idempotency.key($0, owner: user.id, body: body) }
        let answer = try await request.store.idempotent(key, decode: Idempotency.decode) { key in
            // The answer is kept in the intake's own transaction, made once the dossier has its code. It holds
            // the PIN (a retry must get it: the client may have lost the first answer), and is forgotten
            // after a day (`DeadlineJob`).
            let pin = LookupPIN.generate()
            let claim = key.map { key in
                IdempotencyClaim<Dossier>(key: key, status: 201) { dossier in try Idempotency.encode(created(dossier, pin)) }
            }
            let taken =
                intake.channel == .online
                ? try await service.fileOnline(intake, staged: [:], by: actor, now: now, pin: pin, idempotency: claim)
                : try await service.takeIn(intake, by: actor, now: now, pin: pin, idempotency: claim)
            return created(taken.dossier, taken.pin)
        }
        return .created(.init(body: .json(answer)))
    }

    func getDossier(_ input: Operations.GetDossier.Input) async throws -> Operations.GetDossier.Output {
        let request = try self.request
        let dossier = try await request.visibleDossier(input.path.code)
        return .ok(.init(body: .json(try await dossierBody(dossier, request, withEvents: true))))
    }

    func actOnDossier(_ input: Operations.ActOnDossier.Input) async throws -> Operations.ActOnDossier.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let dossier = try await request.visibleDossier(input.path.code)
        guard dossier.version == body.version else { throw DomainError.staleVersion(current: dossier.version) }
        let action = try Self.action(body, officeHours: try await request.provinceSettings().rules.officeHours)
        let saved = try await request.dossierService().act(on: dossier, action, expectedVersion: body.version, by: try request.dossierActor(), now: request.now)
        return .ok(.init(body: .json(try await dossierBody(saved, request, withEvents: false))))
    }

    func recordDossierServiceData(_ input: Operations.RecordDossierServiceData.Input) async throws -> Operations.RecordDossierServiceData.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let dossier = try await request.visibleDossier(input.path.code)
        let data = DossierServiceData(
            syncedToPortal: body.syncedToPortal, scannedAtDesk: body.scannedAtDesk, reusedData: body.reusedData, fromDataStore: body.fromDataStore,
            populationVerified: body.populationVerified, paidOnline: body.paidOnline, electronicResult: body.electronicResult)
        let saved = try await request.dossierService().recordServiceData(
            data, on: dossier, expectedVersion: body.version, by: try request.dossierActor(), now: request.now)
        return .ok(.init(body: .json(try await dossierBody(saved, request, withEvents: false))))
    }

    /// The action the typed body asks for, each field checked where the action needs it.
    static func action(_ body: Components.Schemas.DossierActionRequest, officeHours: OfficeHours) throws -> DossierAction {
        func required<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw DomainError.validation([FieldError(field, "error.required")]) }
            return value
        }
        let reason = body.reason ?? "", note = body.note ?? ""
        switch body.action {
        case .accept: return .accept
        case .refuse: return .refuse(reason: reason)
        case .requestSupplement: return .requestSupplement(items: body.items ?? [], reason: reason)
        case .receiveSupplement: return .receiveSupplement(note: note)
        case .forward: return .forward(toStep: body.toStep.map { $0 - 1 }, note: note)
        case .returnToStep: return .returnToStep(try required(body.toStep, "toStep") - 1, reason: reason)
        case .requestPayment: return .requestPayment(amount: try required(body.amount, "amount"), description: body.description ?? "")
        case .recordPayment: return .recordPayment(reference: body.reference ?? "")
        case .markResultReady: return .markResultReady(note: note)
        case .returnResult: return .returnResult(to: body.returnedTo ?? "", method: body.method.map(ResultDelivery.Method.init) ?? .counter)
        case .withdraw: return .withdraw(reason: reason)
        case .stop: return .stop(reason: reason)
        case .apologize:
            let newDueAt = try DossierActionInput(kind: "apologize", fields: ["newDueAt": try required(body.newDueAt, "newDueAt")])
                .newDueAt(officeHours: officeHours)
            return .apologize(reason: reason, newDueAt: newDueAt)
        }
    }

    func lookUpDossier(_ input: Operations.LookUpDossier.Input) async throws -> Operations.LookUpDossier.Output {
        let request = try self.request
        let dossier = try await request.dossierLookup.progress(code: input.path.code, pin: input.query.pin, address: request.throttleKey, now: request.now)
        return .ok(.init(body: .json(try await publicBody(dossier, request))))
    }

    func rateDossier(_ input: Operations.RateDossier.Input) async throws -> Operations.RateDossier.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let rating = Rating(scores: body.scores, satisfaction: Rating.Satisfaction(body.satisfaction), comment: body.comment ?? "", ratedAt: request.now)
        let saved = try await request.dossierService().rate(
            code: input.path.code, pin: body.pin, rating: rating, lookup: request.dossierLookup, address: request.throttleKey, now: request.now)
        return .ok(.init(body: .json(try await publicBody(DossierProgress(saved), request))))
    }

    private func publicBody(_ dossier: DossierProgress, _ request: Vapor.Request) async throws -> Components.Schemas.PublicDossier {
        let (procedure, tree) = try await request.store.procedureAndUnits(for: dossier)
        return .init(dossier, procedure: procedure, tree: tree, calendar: try await request.workingCalendar(), request: request)
    }

    private func dossierBody(_ dossier: Dossier, _ request: Vapor.Request, withEvents: Bool) async throws -> Components.Schemas.Dossier {
        let (procedure, tree) = try await request.store.procedureAndUnits(for: dossier)
        let events = withEvents ? try await request.store.dossiers.events(dossierID: dossier.id) : nil
        let available = DossierPolicy.available(
            to: try request.dossierActor(), on: dossier, procedure: procedure, tree: tree, settings: try await request.provinceSettings().rules.dossierRules)
        return try Components.Schemas.Dossier(
            dossier, procedure: procedure, tree: tree, calendar: try await request.workingCalendar(), events: events,
            available: available, request: request)
    }
}

/// The API's side of idempotent creates (intake, feedback, dialogues): the key checked and bound to its caller and request, the answer
/// kept as JSON (`IdempotencyKey` and `Store.idempotent` hold the rules).
enum Idempotency {
    /// A key from the header: at most 200 characters (else a 400 naming the header), with a hash of the
    /// request's content, not its bytes (the same fields in another order are the same request).
    static func key(_ header: String, owner: UUID, body: some Encodable) throws -> IdempotencyKey? {
        try key(header, owner: owner.uuidString, body: body)
    }

    /// `key` for a caller known by something else than an account (the address of an anonymous sender).
    static func key(_ header: String, owner: String, body: some Encodable) throws -> IdempotencyKey? {
        guard !header.isEmpty else { return nil }
        guard header.count <= IdempotencyKey.maximumLength else {
            throw Problem.malformed([FieldError("Idempotency-Key", "error.too_long", ["max": String(IdempotencyKey.maximumLength)])])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return IdempotencyKey(owner: owner, key: header, requestHash: SHA256.hash(data: try encoder.encode(body)).hexString)
    }

    static func encode(_ answer: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(answer), as: UTF8.self)
    }

    static func decode<Answer: Decodable>(_ body: String) throws -> Answer {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Answer.self, from: Data(body.utf8))
    }
}
