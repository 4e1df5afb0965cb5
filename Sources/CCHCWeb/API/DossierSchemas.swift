import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension Components.Schemas.DossierStatus {
    init(_ status: CCHCCore.DossierStatus, _ request: Vapor.Request) {
        self.init(code: status.rawValue, name: request.t(status.messageKey))
    }
}

extension Components.Schemas.Appointment {
    init(_ due: Date, calendar: WorkingCalendar) {
        let appointment = calendar.appointment(for: due)
        self.init(date: appointment.date.description, session: .init(appointment.session))
    }
}

extension Components.Schemas.DossierCreated {
    init(_ dossier: CCHCCore.Dossier, pin: String, calendar: WorkingCalendar, statusName: String) {
        self.init(
            code: dossier.code, status: .init(code: dossier.status.rawValue, name: statusName), acceptedAt: dossier.acceptedAt,
            dueAt: dossier.dueAt, appointment: dossier.dueAt.map { .init($0, calendar: calendar) }, lookupPin: pin, version: dossier.version)
    }
}

extension Components.Schemas.DossierSummary {
    init(_ dossier: CCHCCore.Dossier, tree: UnitTree, request: Vapor.Request) {
        self.init(
            code: dossier.code, version: dossier.version, procedureCode: dossier.procedureCode, procedureName: dossier.procedureName,
            field: dossier.field, status: .init(dossier.status, request), channel: .init(dossier.channel),
            applicantName: dossier.applicant.fullName, currentUnitCode: tree.unit(id: dossier.currentUnitID)?.code ?? "",
            submittedAt: dossier.submittedAt, dueAt: dossier.dueAt, nearingDue: dossier.nearingDue, overdue: dossier.overdue)
    }
}

extension Components.Schemas.Dossier {
    init(
        _ dossier: CCHCCore.Dossier, procedure: CCHCCore.Procedure, tree: UnitTree, calendar: WorkingCalendar, events: [DossierEvent]?,
        available: [DossierAction.Kind], request: Vapor.Request
    ) throws {
        func code(_ id: UUID?) -> String? { id.flatMap { tree.unit(id: $0)?.code } }
        self.init(
            code: dossier.code, version: dossier.version, procedureCode: dossier.procedureCode, procedureVersion: procedure.version,
            procedureName: dossier.procedureName, field: dossier.field, status: .init(dossier.status, request),
            channel: .init(dossier.channel),
            applicant: .init(
                fullName: dossier.applicant.fullName, idNumber: dossier.applicant.idNumber, phone: dossier.applicant.phone,
                email: dossier.applicant.email.isEmpty ? nil : dossier.applicant.email,
                address: dossier.applicant.address.isEmpty ? nil : dossier.applicant.address),
            receivingUnitCode: code(dossier.receivingUnitID) ?? "", receivingPointCode: code(dossier.receivingPointID),
            competentUnitCode: code(dossier.competentUnitID) ?? "", currentUnitCode: code(dossier.currentUnitID) ?? "",
            currentStep: dossier.status.isOpen ? dossier.currentStep.map { $0 + 1 } : nil, submittedAt: dossier.submittedAt,
            acceptedAt: dossier.acceptedAt, dueAt: dossier.dueAt, originalDueAt: dossier.originalDueAt,
            appointment: dossier.dueAt.map { .init($0, calendar: calendar) }, settingsVersion: dossier.settingsVersion, nearingDue: dossier.nearingDue,
            overdue: dossier.overdue, timeliness: dossier.timeliness.map(Components.Schemas.Timeliness.init),
            lateUnitCode: code(dossier.lateAttribution?.unitID),
            components: dossier.components.map {
                .init(index: $0.index, name: $0.name, originals: $0.originals, certifiedCopies: $0.certifiedCopies, photocopies: $0.photocopies)
            },
            steps: procedure.steps.enumerated().map { index, step in
                let visit = dossier.visits.last { $0.step == index }
                return .init(
                    number: index + 1, name: step.name, unitCode: code(DossierMachine.unitID(of: index, dossier, procedure)) ?? "",
                    role: .init(step.role), dueAt: index < dossier.stepDueAt.count ? dossier.stepDueAt[index] : nil,
                    startedAt: visit?.startedAt, endedAt: visit?.endedAt, timeliness: visit?.timeliness.map(Components.Schemas.Timeliness.init))
            },
            supplementItems: dossier.supplementRequests.last?.items, paymentAmount: dossier.payment?.amount,
            apologyNewDueAt: dossier.apology?.newDueAt, returnedAt: dossier.result?.returnedAt, ratingTotal: dossier.rating?.total,
            availableActions: available.compactMap(Components.Schemas.DossierActionName.init),
            events: try events?.map { event in
                .init(
                    sequence: event.sequence, action: event.draft.action, statusBefore: event.draft.statusBefore?.rawValue,
                    statusAfter: event.draft.statusAfter.rawValue, actor: event.draft.actorUsername, actorName: event.draft.actorName,
                    actorRole: event.draft.actorRole.flatMap(Role.init(rawValue:)).map(Components.Schemas.Role.init),
                    unitCode: code(event.draft.unitID), occurredAt: event.draft.occurredAt, schemaVersion: event.schemaVersion,
                    payload: .init(
                        additionalProperties: try JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(try event.draft.payload.json().utf8))),
                    hash: event.hash)
            },
            serviceData: dossier.serviceData.map {
                .init(
                    syncedToPortal: $0.syncedToPortal, scannedAtDesk: $0.scannedAtDesk, reusedData: $0.reusedData, fromDataStore: $0.fromDataStore,
                    populationVerified: $0.populationVerified, paidOnline: $0.paidOnline, electronicResult: $0.electronicResult)
            })
    }
}

extension Components.Schemas.PublicDossier {
    /// The API's public view: the facts, without the display texts the lookup page adds.
    init(_ dossier: DossierProgress, procedure: CCHCCore.Procedure, tree: UnitTree, calendar: WorkingCalendar, request: Vapor.Request) {
        let steps = dossier.steps(of: procedure, tree: tree)
        self.init(
            code: dossier.code, procedureCode: dossier.procedureCode, procedureName: dossier.procedureName, field: dossier.field,
            status: .init(dossier.status, request), applicantName: dossier.maskedApplicantName,
            channel: .init(dossier.channel), submittedAt: dossier.submittedAt, acceptedAt: dossier.acceptedAt,
            dueAt: dossier.dueAt, appointment: dossier.dueAt.map { .init($0, calendar: calendar) }, returnedAt: dossier.returnedAt,
            apologized: dossier.apologized, progress: dossier.percentDone(steps),
            steps: steps.map { .init(number: $0.number, name: $0.name, unitName: $0.unitName, state: .init($0.state)) },
            rated: dossier.rated)
    }
}
