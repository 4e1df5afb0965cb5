import CCHCCore
import Vapor
import WorkCalendar

/// What anyone with the code and PIN may see: the procedure, status, dates, steps and progress, with the
/// applicant's name masked and no other personal data (no ID number, phone, address, notes or files).
struct PublicDossier: Encodable {
    struct Step: Encodable {
        var number: Int
        var name: String
        var unitName: String
        var state: DossierProgress.StepState
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
    /// While the clock stands still, why the appointment shown will move.
    var dueNote: String?
    var originalDueAt: String?
    var returnedAt: String?
    var apologized: Bool
    /// 0–100: the share of steps finished, 100 once the result is returned.
    var progress: Int
    var steps: [Step]
    var canRate: Bool
    var rated: Bool

    init(_ dossier: DossierProgress, procedure: Procedure, tree: UnitTree, calendar: WorkingCalendar, request: Request) {
        code = dossier.code
        procedureCode = dossier.procedureCode
        procedureName = dossier.procedureName
        field = dossier.field
        status = dossier.status.rawValue
        statusName = request.t(dossier.status.messageKey)
        applicantName = dossier.maskedApplicantName
        channel = request.t(dossier.channel.messageKey)
        submittedAt = DisplayFormat.dateTime(dossier.submittedAt)
        acceptedAt = dossier.acceptedAt.map(DisplayFormat.dateTime)
        dueAt = dossier.dueAt.map(DisplayFormat.dateTime)
        appointment = dossier.dueAt.map {
            let appointment = calendar.appointment(for: $0)
            return request.t("appointment.\(appointment.session.rawValue)", ["date": appointment.date.vietnameseFormat])
        }
        dueNote =
            switch dossier.status {
            case _ where dossier.dueAt == nil: nil
            case .supplementRequested where procedure.supplementRule == .restart: request.t("lookup.due_restarts")
            case .supplementRequested, .paymentRequested: request.t("lookup.due_paused")
            default: nil
            }
        originalDueAt = dossier.originalDueAt.map(DisplayFormat.dateTime)
        returnedAt = dossier.returnedAt.map(DisplayFormat.dateTime)
        apologized = dossier.apologized
        let progressSteps = dossier.steps(of: procedure, tree: tree)
        // The step holding a dossier that waits for a supplement or a payment is not being worked on: say so.
        let waiting = dossier.status.isPaused
        steps = progressSteps.map {
            let stateKey = $0.state == .current && waiting ? "lookup.step.waiting" : "lookup.step.\($0.state.rawValue)"
            return Step(
                number: $0.number, name: $0.name, unitName: $0.unitName, state: $0.state, stateName: request.t(stateKey),
                endedAt: $0.endedAt.map(DisplayFormat.dateTime))
        }
        progress = dossier.percentDone(progressSteps)
        canRate = dossier.canRate
        rated = dossier.rated
    }
}

extension Request {
    /// The public view of a dossier.
    func publicDossier(_ dossier: DossierProgress) async throws -> PublicDossier {
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        return PublicDossier(dossier, procedure: procedure, tree: tree, calendar: try await workingCalendar(), request: self)
    }

    var dossierLookup: DossierLookup {
        DossierLookup(store: store, maximumFailures: config.lookupMaximumFailures)
    }

    /// Who is guessing, for the lookup's rate limit.
    var throttleKey: String { clientAddress ?? "unknown" }
}
