import CCHCCore
import QREncoder
import Vapor
import WorkCalendar

/// Everything a printed form may need about one dossier, already in words. The forms are Leaf templates
/// under Resources/Views/forms/ that a province can rewrite without recompiling; they pick what they need.
struct DossierDocument: Encodable {
    struct Component: Encodable {
        var number: Int
        var name: String
        var originals: Int
        var certifiedCopies: Int
        var photocopies: Int
    }

    /// One line of the process control sheet (form 05): a hand-over and what became of the step.
    struct Handover: Encodable {
        var number: Int
        var from: String
        var to: String
        var at: String
        var step: String
        var timeliness: String?
        var note: String?
    }

    var provinceName: String
    var receivingUnitName: String
    var receivingPointName: String?
    var competentUnitName: String
    var code: String
    var procedureCode: String
    var procedureName: String
    var field: String
    var channel: String
    var applicant: Applicant
    var components: [Component]
    var processingTime: String
    var submittedAt: String
    var acceptedAt: String?
    var dueAt: String?
    var appointment: String?
    var originalDueAt: String?
    var receivedBy: String?
    var status: String
    var supplementItems: [String]
    var supplementReason: String?
    var supplementRequestedAt: String?
    var supplementRequestedBy: String?
    var closureReason: String?
    var closedAt: String?
    var closedBy: String?
    var apologyReason: String?
    var apologyNewDue: String?
    var apologyUnitName: String?
    var apologySignedBy: String?
    var apologySignedAt: String?
    /// Form 04 before the head signs: the job's draft, marked as such.
    var apologyIsDraft: Bool
    var handovers: [Handover]
    var returnedAt: String?
    var returnedTo: String?
    var lookupURL: String
    var lookupPIN: String?
    var qrSVG: String
    var printedAt: String
    var placeAndDate: String

    init(_ dossier: Dossier, procedure: Procedure, tree: UnitTree, events: [DossierEvent], calendar: WorkingCalendar, request: Request) throws {
        func name(_ id: UUID?) -> String { id.flatMap { tree.unit(id: $0)?.name } ?? "" }
        let province = tree.units.first { $0.kind == .province && $0.parentID == nil }
        provinceName = province?.name ?? ""
        receivingUnitName = name(dossier.receivingUnitID)
        receivingPointName = dossier.receivingPointID.map { name($0) }
        competentUnitName = name(dossier.competentUnitID)
        code = dossier.code
        procedureCode = dossier.procedureCode
        procedureName = dossier.procedureName
        field = dossier.field
        channel = request.t(dossier.channel.messageKey)
        applicant = dossier.applicant
        components = dossier.components.enumerated().map { offset, component in
            Component(
                number: offset + 1, name: component.name, originals: component.originals, certifiedCopies: component.certifiedCopies,
                photocopies: component.photocopies)
        }
        processingTime = ProcedureText.time(procedure, request)
        submittedAt = DisplayFormat.formal(dossier.submittedAt)
        acceptedAt = dossier.acceptedAt.map(DisplayFormat.formal)
        dueAt = dossier.dueAt.map(DisplayFormat.formal)
        appointment = dossier.dueAt.map { due in
            let appointment = calendar.appointment(for: due)
            return request.t("appointment.\(appointment.session.rawValue)", ["date": appointment.date.vietnameseFormat])
        }
        originalDueAt = dossier.originalDueAt.map(DisplayFormat.formal)
        receivedBy = events.first { ["accept", "receive"].contains($0.draft.action) && $0.draft.actorRole != nil }?.draft.actorName
        status = request.t(dossier.status.messageKey)
        let supplement = dossier.supplementRequests.last
        supplementItems = supplement?.items ?? []
        supplementReason = supplement?.reason
        supplementRequestedAt = supplement.map { DisplayFormat.formal($0.requestedAt) }
        supplementRequestedBy = supplement?.requestedBy
        closureReason = dossier.closure?.reason
        closedAt = dossier.closure.map { DisplayFormat.formal($0.at) }
        closedBy = dossier.closure?.by
        apologyIsDraft = dossier.apology == nil && dossier.apologyDraft != nil
        apologyReason = dossier.apology?.reason ?? dossier.apologyDraft?.reason
        apologyNewDue = (dossier.apology?.newDueAt ?? dossier.apologyDraft?.proposedDueAt).map(DisplayFormat.formal)
        apologyUnitName = (dossier.apology?.unitID ?? dossier.apologyDraft?.unitID).map { name($0) }
        apologySignedBy = dossier.apology?.signedBy
        apologySignedAt = dossier.apology.map { DisplayFormat.formal($0.signedAt) }
        var handovers: [Handover] = []
        var holder = receivingPointName ?? receivingUnitName
        for visit in dossier.visits {
            let unit = name(visit.unitID)
            handovers.append(
                Handover(
                    number: handovers.count + 1, from: holder, to: unit, at: DisplayFormat.dateTime(visit.startedAt),
                    step: visit.step < procedure.steps.count ? procedure.steps[visit.step].name : "",
                    timeliness: visit.timeliness.map { request.t("timeliness.\($0.rawValue)") }, note: visit.note))
            holder = unit
        }
        self.handovers = handovers
        returnedAt = dossier.result?.returnedAt.map(DisplayFormat.formal)
        returnedTo = dossier.result?.returnedTo
        lookupURL = request.lookupURL(code: dossier.code)
        lookupPIN = NewPIN.get(for: dossier.code, request)
        qrSVG = try QRCode(lookupURL).svg(moduleSize: 3, label: request.t("forms.qr_label"))
        printedAt = DisplayFormat.dateTime(request.now)
        placeAndDate = Self.placeAndDate(province: province, on: request.today)
    }

    /// "Minh Họa, ngày 23 tháng 11 năm 2026": the place line above an official document.
    static func placeAndDate(province: OrgUnit?, on day: LocalDate) -> String {
        let place = province.map { $0.shortName.replacingOccurrences(of: "Tỉnh ", with: "").replacingOccurrences(of: "tỉnh ", with: "") } ?? ""
        return (place.isEmpty ? "" : place + ", ") + DisplayFormat.formal(day)
    }
}

extension Request {
    /// The public lookup address for a dossier.
    func lookupURL(code: String) -> String {
        publicAddress("/lookup?code=" + Request.percentEncoded(code))
    }

    /// A path as a printed link reaches it: under the configured public address, or this request's own.
    func publicAddress(_ path: String) -> String {
        let base =
            config.publicURL
            ?? {
                let host = headers.first(name: .host) ?? "localhost:\(config.port)"
                return (cookiesAreSecure ? "https://" : "http://") + host
            }()
        return base + path
    }
}
