import CCHCCore
import Vapor
import WorkCalendar

/// The printed forms of the one-stop desk (Circular 01/2018/TT-VPCP): 01 receipt, 02 supplement request,
/// 03 refusal, 04 apology, 05 process control sheet, 06 register, and the stop notice.
struct FormsController {
    enum Form: String, CaseIterable {
        case receipt = "01"
        case supplement = "02"
        case refusal = "03"
        case apology = "04"
        case control = "05"
        case stop

        /// Whether the dossier has what the form reports.
        func applies(to dossier: Dossier) -> Bool {
            switch self {
            case .receipt, .control: true
            case .supplement: !dossier.supplementRequests.isEmpty
            case .refusal: dossier.status == .refused
            case .apology: dossier.apology != nil || dossier.apologyDraft != nil
            case .stop: dossier.status == .stopped
            }
        }
    }

    func register(_ routes: any RoutesBuilder) {
        let viewers = routes.access(.permission(.viewDossiers))
        viewers.get("dossiers", "register", use: registerBook)
        viewers.get("dossiers", ":code", "forms", ":form", use: show)
    }

    struct FormPage: Encodable {
        var title: String
        var lang: String
        var dossier: DossierDocument
    }

    func show(_ request: Request) async throws -> Response {
        let dossier = try await request.visibleDossier(request.parameters.get("code") ?? "", purpose: .print)
        guard let form = request.parameters.get("form").flatMap(Form.init(rawValue:)), form.applies(to: dossier) else {
            throw DomainError.notFound("forms.not_applicable")
        }
        let (procedure, tree) = try await request.store.procedureAndUnits(for: dossier)
        let document = try DossierDocument(
            dossier, procedure: procedure, tree: tree,
            events: try await request.store.dossiers.events(dossierID: dossier.id), calendar: try await request.workingCalendar(), request: request)
        let title = request.t("forms.\(form.rawValue)") + " — " + dossier.code
        return try await Self.printable("forms/\(form.rawValue)", FormPage(title: title, lang: request.language.rawValue, dossier: document), request)
    }

    // MARK: - Form 06

    struct RegisterRow: Encodable {
        var number: Int
        var code: String
        var procedureName: String
        var applicantName: String
        var applicantContact: String
        var competentUnitName: String
        var receivedAt: String
        var dueAt: String
        var forwardedAt: String
        var resultReadyAt: String
        var returnedAt: String
        var note: String
    }

    struct RegisterPage: Encodable {
        var title: String
        var lang: String
        var unitCode: String
        var unitName: String
        var units: [SelectOption]
        var from: String
        var to: String
        var error: String?
        var rows: [RegisterRow]
        var placeAndDate: String
    }

    func registerBook(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let tree = try await request.store.units.tree()
        let today = request.today
        let scope = DossierAccess.workScope(for: user, tree: tree)
        let desks = tree.units.filter { unit in
            ([.serviceCenter, .receptionPoint].contains(unit.kind) || tree.children(of: unit.id).contains { $0.kind == .receptionPoint })
                && scope.includes(unit: unit.id)
        }
        let unitCode = request.query[String.self, at: "unit"] ?? desks.first.map(\.code) ?? ""
        let fromText = request.query[String.self, at: "from"] ?? today.description
        let toText = request.query[String.self, at: "to"] ?? today.description
        var error: String?
        var rows: [RegisterRow] = []
        let unit = desks.first { $0.code == unitCode }
        if let from = LocalDate(flexible: fromText), let to = LocalDate(flexible: toText), from <= to, from.days(until: to) <= 366 {
            if let unit {
                let dossiers = try await request.store.dossiers.register(receivedBy: [unit.id], from: from, to: to)
                rows = dossiers.enumerated().map { offset, dossier in
                    RegisterRow(
                        number: offset + 1, code: dossier.code, procedureName: dossier.procedureName, applicantName: dossier.applicant.fullName,
                        applicantContact: [dossier.applicant.address, dossier.applicant.phone].filter { !$0.isEmpty }.joined(separator: "; "),
                        competentUnitName: tree.unit(id: dossier.competentUnitID)?.name ?? "",
                        receivedAt: DisplayFormat.dateTime(dossier.acceptedAt ?? dossier.submittedAt),
                        dueAt: dossier.dueAt.map(DisplayFormat.dateTime) ?? "",
                        forwardedAt: dossier.visits.first { $0.unitID != dossier.receivingUnitID }.map { DisplayFormat.dateTime($0.startedAt) } ?? "",
                        resultReadyAt: dossier.result.map { DisplayFormat.dateTime($0.readyAt) } ?? "",
                        returnedAt: dossier.result?.returnedAt.map(DisplayFormat.dateTime) ?? "",
                        note: dossier.status.isFinal && dossier.status != .returned ? request.t(dossier.status.messageKey) : "")
                }
            } else if !unitCode.isEmpty {
                error = request.t("unit.not_found")
            }
        } else {
            error = request.t("forms.06.range_invalid")
        }
        let page = RegisterPage(
            title: request.t("forms.06"), lang: request.language.rawValue, unitCode: unitCode, unitName: unit?.name ?? "",
            units: desks.map { SelectOption(value: $0.code, label: "\($0.name) (\($0.code))", selected: $0.code == unitCode) },
            from: fromText, to: toText, error: error, rows: rows,
            placeAndDate: DossierDocument.placeAndDate(province: tree.units.first { $0.kind == .province && $0.parentID == nil }, on: today))
        return try await Self.printable("forms/06", page, request, status: error == nil ? .ok : .unprocessableEntity)
    }

    /// A form page: no site layout, nothing cached.
    static func printable<Page: Encodable>(_ template: String, _ page: Page, _ request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let view = try await request.view.render(template, page)
        let response = try await view.encodeResponse(status: status, for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
