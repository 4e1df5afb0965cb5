import CCHCCore
import Vapor
import WorkCalendar

/// What anyone with the code and PIN may see: the procedure, status, dates, steps and progress, with the
/// applicant's name masked and no other personal data (no ID number, phone, address, notes or files).
struct PublicDossier: Encodable {
    struct Step: Encodable {
        enum State: String, Encodable {
            case done, current, pending
        }

        var number: Int
        var name: String
        var unitName: String
        var state: State
        var stateName: String
        var endedAt: String?
    }

    var code: String
    var procedureCode: String
    var procedureName: String
    var field: String
    var status: Int
    var statusName: String
    var applicantName: String
    var channel: String
    var submittedAt: String
    var acceptedAt: String?
    var dueAt: String?
    var appointment: String?
    var originalDueAt: String?
    var returnedAt: String?
    var apologized: Bool
    /// 0–100: the share of steps finished, 100 once the result is returned.
    var progress: Int
    var steps: [Step]
    var canRate: Bool
    var rated: Bool

    /// The raw facts, for the API.
    var dossier: Dossier
    var appointmentDetail: Appointment?

    enum CodingKeys: String, CodingKey {
        case code, procedureCode, procedureName, field, status, statusName, applicantName, channel, submittedAt, acceptedAt, dueAt
        case appointment, originalDueAt, returnedAt, apologized, progress, steps, canRate, rated
    }

    init(_ dossier: Dossier, procedure: Procedure, tree: UnitTree, calendar: WorkingCalendar, request: Request) {
        self.dossier = dossier
        appointmentDetail = dossier.dueAt.map(calendar.appointment(for:))
        code = dossier.code
        procedureCode = dossier.procedureCode
        procedureName = dossier.procedureName
        field = dossier.field
        status = dossier.status.rawValue
        statusName = request.t(dossier.status.messageKey)
        applicantName = dossier.applicant.maskedName
        channel = request.t(dossier.channel.messageKey)
        submittedAt = DisplayFormat.dateTime(dossier.submittedAt)
        acceptedAt = dossier.acceptedAt.map(DisplayFormat.dateTime)
        dueAt = dossier.dueAt.map(DisplayFormat.dateTime)
        appointment = dossier.dueAt.map {
            let appointment = calendar.appointment(for: $0)
            return request.t("appointment.\(appointment.session.rawValue)", ["date": appointment.date.vietnameseFormat])
        }
        originalDueAt = dossier.originalDueAt.map(DisplayFormat.dateTime)
        returnedAt = dossier.result?.returnedAt.map(DisplayFormat.dateTime)
        apologized = dossier.apology != nil
        let finished = Set(dossier.visits.filter { $0.endedAt != nil }.map(\.step))
        steps = procedure.steps.enumerated().map { index, step in
            let state: Step.State = dossier.status == .returned || dossier.status == .resultReady || (finished.contains(index) && dossier.currentStep != index)
                ? .done : (dossier.currentStep == index && dossier.status.isOpen ? .current : .pending)
            let unit = tree.unit(id: DossierMachine.unitID(of: index, dossier, procedure))?.name ?? ""
            return Step(
                number: index + 1, name: step.name, unitName: unit, state: state, stateName: request.t("lookup.step.\(state.rawValue)"),
                endedAt: dossier.visits.last { $0.step == index }?.endedAt.map(DisplayFormat.dateTime))
        }
        let done = steps.filter { $0.state == .done }.count
        progress = dossier.status == .returned ? 100 : procedure.steps.isEmpty ? 0 : min(95, done * 95 / procedure.steps.count)
        canRate = dossier.status == .returned && dossier.rating == nil
        rated = dossier.rating != nil
    }
}

extension Request {
    /// The public view of a dossier.
    func publicDossier(_ dossier: Dossier) async throws -> PublicDossier {
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        return PublicDossier(dossier, procedure: procedure, tree: tree, calendar: try await workingCalendar(), request: self)
    }

    var dossierLookup: DossierLookup {
        DossierLookup(store: store, maximumFailures: config.lookupMaximumFailures)
    }

    /// Who is guessing, for the lookup's rate limit.
    var throttleKey: String { clientAddress ?? "unknown" }
}
