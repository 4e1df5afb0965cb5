import CCHCCore
import Vapor
import WorkCalendar

/// The counter: a desk officer picks the procedure, types the applicant, ticks the papers received and
/// prints the receipt. Built to be used from the keyboard, top to bottom, without the mouse.
struct CounterIntakeController {
    func register(_ routes: any RoutesBuilder) {
        let desk = routes.access(.permission(.handleDossiers))
        desk.get("dossiers", "new", use: form)
        desk.post("dossiers", use: create)
        desk.post("dossiers", ":code", "pin", use: reissuePIN)
    }

    struct Page: Encodable {
        var procedureCode: String
        var procedureError: String?
        var procedures: [SelectOption]
        var procedure: ProcedureSummary?
        var channels: [SelectOption]
        var receivingUnits: [SelectOption]
        var intake: IntakeForm?
        var form: FormState
        /// The cursor starts on the applicant's name once the procedure is chosen.
        var focusApplicant: Bool
    }

    struct ProcedureSummary: Encodable {
        var code: String
        var name: String
        var field: String
        var time: String
        var fee: String
    }

    func form(_ request: Request) async throws -> Response {
        let user = try requireDesk(request)
        let code = request.query[String.self, at: "procedure"] ?? ""
        var form = FormState(values: ["procedureCode": code, "channel": IntakeChannel.counter.rawValue])
        var procedure: Procedure?
        if !code.trimmingCharacters(in: .whitespaces).isEmpty {
            procedure = try await request.store.procedures.current(code: ProcedureRules.normalizeCode(code), on: request.today)
            if procedure == nil { form.add("procedureCode", "procedure.not_found", request, ["code": code]) }
        }
        return try await render(request, user: user, procedure: procedure, form: form)
    }

    func create(_ request: Request) async throws -> Response {
        let user = try requireDesk(request)
        let code = request.field("procedureCode")
        guard let procedure = try await request.store.procedures.current(code: ProcedureRules.normalizeCode(code), on: request.today) else {
            var form = FormState(values: ["procedureCode": code])
            form.add("procedureCode", "procedure.not_found", request, ["code": code])
            return try await render(request, user: user, procedure: nil, form: form, status: .unprocessableEntity)
        }
        let values = request.formValues(["procedureCode", "channel", "receivingUnitCode"] + IntakeForm.applicantFields + IntakeForm.componentNames(procedure))
        do {
            let channel = IntakeChannel(rawValue: values["channel"] ?? "") ?? .counter
            let (components, countErrors) = IntakeForm.counterComponents(procedure, values)
            let intake = IntakeRequest(
                procedureCode: procedure.code, channel: channel, applicant: IntakeForm.applicant(values),
                components: components, receivingUnitCode: values["receivingUnitCode"] ?? "")
            if !countErrors.isEmpty {
                throw IntakeForm.validationError(
                    countErrors, intake, procedure: procedure, tree: try await request.store.units.tree(), actor: .staff(user), now: request.now)
            }
            let taken = try await request.dossierService().takeIn(intake, by: .staff(user), now: request.now)
            let response = request.redirect(to: "/dossiers/\(taken.dossier.code)/forms/01", flash: "flash.dossier_received", ["code": taken.dossier.code])
            NewPIN.set(taken.pin, for: taken.dossier.code, on: response, request)
            return response
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request, renaming: IntakeForm.formField)
            return try await render(request, user: user, procedure: procedure, form: form, status: .unprocessableEntity)
        }
    }

    func reissuePIN(_ request: Request) async throws -> Response {
        let dossier = try await request.visibleDossier(request.parameters.get("code") ?? "")
        let pin = try await request.dossierService().reissuePIN(for: dossier, by: try request.dossierActor(), now: request.now)
        let response = request.redirect(to: "/dossiers/\(dossier.code)/forms/01", flash: "flash.pin_reissued", ["code": dossier.code])
        NewPIN.set(pin, for: dossier.code, on: response, request)
        return response
    }

    /// The counter is for those the policy table lets receive dossiers somewhere.
    private func requireDesk(_ request: Request) throws -> User {
        let user = try request.requireUser()
        guard DossierPolicy.mayReceive(user) else { throw DomainError(.forbidden, "dossier.intake.forbidden") }
        return user
    }

    private func render(_ request: Request, user: User, procedure: Procedure?, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let today = request.today
        let tree = try await request.store.units.tree()
        let procedures = try await request.store.procedures.search(ProcedureQuery(inForceOn: today, limit: 5000)).items
        var receiving: [OrgUnit] = []
        if let procedure {
            let own = user.grants.first { $0.role == .deskOfficer }?.unitID
            receiving = tree.units
                .filter { unit in
                    unit.isEffective(on: today) && procedure.receivingUnitIDs.contains { tree.isInSubtree(unit.id, of: $0) }
                        && DossierPolicy.mayTakeIn(by: .staff(user), channel: .counter, at: unit, tree: tree)
                }
                .sorted { ($0.id == own ? 0 : 1, $0.code) < ($1.id == own ? 0 : 1, $1.code) }
        }
        let chosenUnit = form.values["receivingUnitCode"] ?? ""
        let chosenChannel = form.values["channel"] ?? IntakeChannel.counter.rawValue
        let page = Page(
            procedureCode: form.values["procedureCode"] ?? procedure?.code ?? "", procedureError: form.errors["procedureCode"],
            procedures: procedures.map { SelectOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.id == procedure?.id) },
            procedure: procedure.map { ProcedureSummary($0, request) },
            channels: [IntakeChannel.counter, .postal].map {
                SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosenChannel)
            },
            receivingUnits: receiving.enumerated().map { index, unit in
                SelectOption(value: unit.code, label: "\(unit.name) (\(unit.code))", selected: chosenUnit.isEmpty ? index == 0 : unit.code == chosenUnit)
            },
            intake: procedure.map { IntakeForm($0, values: form.values, errors: form.errors, request: request) }, form: form,
            focusApplicant: procedure != nil && !form.hasErrors)
        return try await request.render("dossiers/new", title: request.t("dossiers.new"), page, status: status)
    }
}

extension CounterIntakeController.ProcedureSummary {
    init(_ procedure: Procedure, _ request: Request) {
        self.init(
            code: procedure.code, name: procedure.name, field: procedure.field, time: ProcedureText.time(procedure, request),
            fee: ProcedureText.fee(procedure, request))
    }
}

/// The PIN of a receipt just issued, kept for a few minutes in a cookie so the receipt page can print it.
/// Only its hash is stored: once the cookie is gone, a new PIN has to be issued.
enum NewPIN {
    static let cookieName = "cchc_new_pin"

    static func set(_ pin: String, for code: String, on response: Response, _ request: Request) {
        response.cookies[cookieName] = HTTPCookies.Value(
            string: "\(code):\(pin)", maxAge: 600, path: "/", isSecure: request.cookiesAreSecure, isHTTPOnly: true, sameSite: .strict)
    }

    static func get(for code: String, _ request: Request) -> String? {
        guard let value = request.cookies[cookieName]?.string else { return nil }
        let parts = value.split(separator: ":")
        guard parts.count == 2, parts[0] == code else { return nil }
        return String(parts[1])
    }
}

extension Request {
    var today: LocalDate { VietnamTime.localDate(of: now) }
}
