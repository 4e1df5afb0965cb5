import CCHCCore
import Vapor
import WorkCalendar

/// The dossier page for officials: everything about the dossier, its timeline (the form 05 view), and a
/// form for each action this user may take now.
enum DossierView {
    struct Fact: Encodable {
        var label: String
        var value: String
    }

    struct StepRow: Encodable {
        var number: Int
        var name: String
        var unit: String
        var role: String
        var allowance: String
        var dueAt: String?
        var isCurrent: Bool
    }

    struct VisitRow: Encodable {
        var step: String
        var unit: String
        var startedAt: String
        var endedAt: String?
        var timeliness: String?
        var timelinessKey: String?
        var amount: String?
        var note: String?
    }

    struct EventRow: Encodable {
        var sequence: Int
        var at: String
        var action: String
        var actor: String
        var change: String
        var details: String
    }

    struct ComponentRow: Encodable {
        var name: String
        var counts: String
        var files: [FileLink]
    }

    struct FileLink: Encodable {
        var href: String
        var name: String
    }

    struct Page: Encodable {
        var code: String
        var status: Int
        var statusName: String
        var version: Int
        var urgency: String
        var remaining: String?
        var facts: [Fact]
        var applicant: [Fact]
        var steps: [StepRow]
        var visits: [VisitRow]
        var events: [EventRow]
        var components: [ComponentRow]
        var notes: [Fact]
        var forms: [FileLink]
        var actions: [DossierActionForm]
        var canReissuePIN: Bool
        /// The service index's data of the dossier, each with whether it is recorded, and whether this user may record it.
        var serviceData: [ServiceDataFields.Checkbox] = []
        var canRecordServiceData = false
    }

    static func render(
        _ dossier: Dossier, _ request: Request, failedAction: String? = nil, form: FormState = FormState(), status: HTTPStatus = .ok
    ) async throws -> Response {
        let store = request.store
        let (procedure, tree) = try await store.procedureAndUnits(for: dossier)
        let calendar = try await request.workingCalendar()
        let now = request.now
        let settings = try await request.provinceSettings().rules
        let available = DossierPolicy.available(to: try request.dossierActor(), on: dossier, procedure: procedure, tree: tree, settings: settings.dossierRules)
        let files = try await store.dossierFiles.list(dossierID: dossier.id)
        let events = try await store.dossiers.events(dossierID: dossier.id)
        func unitName(_ id: UUID?) -> String { id.flatMap { tree.unit(id: $0)?.name } ?? "—" }
        func time(_ date: Date?) -> String { date.map(DisplayFormat.dateTime) ?? "—" }
        let daySeconds = calendar.officeHours.daySeconds
        let row = DossierRow(dossier, calendar: calendar, now: now, request: request)

        var facts = [
            Fact(
                label: request.t("dossier.procedure"),
                value: "\(dossier.procedureName) (\(dossier.procedureCode), \(request.t("procedures.version_n", ["n": String(procedure.version)])))"),
            Fact(label: request.t("dossier.field"), value: dossier.field),
            Fact(label: request.t("dossier.channel"), value: request.t(dossier.channel.messageKey)),
            Fact(label: request.t("dossier.receiving_unit"), value: unitName(dossier.receivingUnitID)),
        ]
        if let point = dossier.receivingPointID { facts.append(Fact(label: request.t("dossier.receiving_point"), value: unitName(point))) }
        facts += [
            Fact(label: request.t("dossier.competent_unit"), value: unitName(dossier.competentUnitID)),
            Fact(label: request.t("dossier.current_unit"), value: unitName(dossier.currentUnitID)),
            Fact(label: request.t("dossier.submitted_at"), value: time(dossier.submittedAt)),
            Fact(label: request.t("dossier.accepted_at"), value: time(dossier.acceptedAt)),
            Fact(label: request.t("dossier.due_at"), value: time(dossier.dueAt)),
        ]
        if let due = dossier.dueAt {
            let appointment = calendar.appointment(for: due)
            facts.append(
                Fact(
                    label: request.t("dossier.appointment"),
                    value: request.t("appointment.\(appointment.session.rawValue)", ["date": appointment.date.vietnameseFormat])))
        }
        if let original = dossier.originalDueAt { facts.append(Fact(label: request.t("dossier.original_due_at"), value: time(original))) }
        if let version = dossier.settingsVersion {
            facts.append(Fact(label: request.t("dossier.settings_version"), value: request.t("dossier.settings_version_value", ["version": String(version)])))
        }
        if let timeliness = dossier.timeliness {
            facts.append(Fact(label: request.t("dossier.timeliness"), value: request.t("timeliness.\(timeliness.rawValue)")))
        }

        var notes: [Fact] = []
        for supplement in dossier.supplementRequests {
            notes.append(
                Fact(
                    label: request.t("dossier.supplement_request"),
                    value: request.t(
                        "dossier.supplement_summary",
                        [
                            "at": time(supplement.requestedAt), "by": supplement.requestedBy,
                            "items": DisplayFormat.clause(supplement.items.joined(separator: "; ")),
                            "reason": DisplayFormat.clause(supplement.reason),
                            "received": supplement.receivedAt.map(DisplayFormat.dateTime) ?? request.t("dossier.not_yet"),
                        ])))
        }
        if let payment = dossier.payment {
            notes.append(
                Fact(
                    label: request.t("dossier.payment"),
                    value: request.t(
                        "dossier.payment_summary",
                        [
                            "amount": Money.text(payment.amount), "description": DisplayFormat.clause(payment.description),
                            "paid": payment.paidAt.map(DisplayFormat.dateTime) ?? request.t("dossier.not_yet"),
                        ])))
        }
        if let closure = dossier.closure {
            notes.append(Fact(label: request.t("dossier.closure"), value: "\(closure.reason) — \(closure.by), \(time(closure.at))"))
        }
        if let apology = dossier.apology {
            notes.append(
                Fact(
                    label: request.t("dossier.apology"),
                    value: request.t(
                        "dossier.apology_summary",
                        [
                            "by": apology.signedBy, "unit": unitName(apology.unitID), "date": time(apology.newDueAt), "reason": apology.reason,
                        ])))
        }
        if let late = dossier.lateAttribution {
            let stepName = late.step < procedure.steps.count ? procedure.steps[late.step].name : ""
            notes.append(Fact(label: request.t("dossier.late_attribution"), value: "\(unitName(late.unitID)) — \(stepName)"))
        }
        if let result = dossier.result, let returned = result.returnedAt {
            notes.append(
                Fact(
                    label: request.t("dossier.returned"),
                    value: "\(time(returned)) — \(result.returnedTo ?? "") (\(request.t("result.method.\(result.method?.rawValue ?? "counter")")))"))
        }
        if let rating = dossier.rating {
            let band = settings.bands.band(for: rating.total)?.label ?? ""
            notes.append(
                Fact(
                    label: request.t("dossier.rating"), value: "\(rating.total)/\(Rating.maximumScore) (\(band)) — \(request.t(rating.satisfaction.messageKey))"
                ))
        }

        let steps = procedure.steps.enumerated().map { index, step in
            StepRow(
                number: index + 1, name: step.name, unit: unitName(DossierMachine.unitID(of: index, dossier, procedure)),
                role: request.t(step.role.messageKey),
                allowance: ProcedureText.allowance(step.allowance, procedure, request),
                dueAt: index < dossier.stepDueAt.count ? DisplayFormat.dateTime(dossier.stepDueAt[index]) : nil,
                isCurrent: dossier.currentStep == index && dossier.status.isOpen)
        }
        let visits = dossier.visits.map { visit in
            VisitRow(
                step: visit.step < procedure.steps.count ? procedure.steps[visit.step].name : "", unit: unitName(visit.unitID),
                startedAt: time(visit.startedAt), endedAt: visit.endedAt.map(DisplayFormat.dateTime),
                timeliness: visit.timeliness.map { request.t("timeliness.\($0.rawValue)") }, timelinessKey: visit.timeliness?.rawValue,
                amount: visit.workingSeconds.flatMap { $0 > 0 ? WorkingTimeText.text($0, daySeconds: daySeconds, request) : nil }, note: visit.note)
        }
        let detailsText = EventDetailsText(procedure: procedure, tree: tree, daySeconds: daySeconds, request: request)
        let eventRows = events.map { event in
            EventRow(
                sequence: event.sequence, at: time(event.draft.occurredAt), action: request.t("dossier.event.\(event.draft.action)"),
                actor: event.draft.actorName,
                change: "\(event.draft.statusBefore.map { String($0.rawValue) } ?? "–") → \(event.draft.statusAfter.rawValue)",
                details: detailsText.text(event.draft.payload))
        }
        let paperRows = dossier.components.map { component in
            ComponentRow(
                name: component.name,
                counts: IntakeForm.counts(originals: component.originals, certified: component.certifiedCopies, photocopies: component.photocopies, request),
                files: files.filter { $0.componentIndex == component.index }.map {
                    FileLink(href: "/dossiers/\(dossier.code)/files/\($0.id)", name: $0.originalName)
                })
        }
        let supplementFiles = files.filter { $0.componentIndex == DossierFile.supplementIndex }
        let components =
            paperRows
            + (supplementFiles.isEmpty
                ? []
                : [
                    ComponentRow(
                        name: request.t("dossier.supplement_files"), counts: "",
                        files: supplementFiles.map { FileLink(href: "/dossiers/\(dossier.code)/files/\($0.id)", name: $0.originalName) })
                ])
        // The forms that apply, as the forms' own route decides; an apology the job drafted is marked as a draft
        // for the head of the late unit to read before signing.
        let forms = FormsController.Form.allCases.filter { $0.applies(to: dossier) }.map { form in
            let name = request.t("forms.\(form.rawValue)")
            let isDraft = form == .apology && dossier.apology == nil
            return FileLink(href: "/dossiers/\(dossier.code)/forms/\(form.rawValue)", name: isDraft ? request.t("forms.draft", ["form": name]) : name)
        }

        let page = Page(
            code: dossier.code, status: dossier.status.rawValue, statusName: request.t(dossier.status.messageKey), version: dossier.version,
            urgency: row.urgency, remaining: row.remaining, facts: facts,
            applicant: [
                Fact(label: request.t("applicant.full_name"), value: dossier.applicant.fullName),
                Fact(label: request.t("applicant.id_number"), value: dossier.applicant.idNumber),
                Fact(label: request.t("applicant.phone"), value: dossier.applicant.phone),
                Fact(label: request.t("applicant.email"), value: dossier.applicant.email.isEmpty ? "—" : dossier.applicant.email),
                Fact(label: request.t("applicant.address"), value: dossier.applicant.address.isEmpty ? "—" : dossier.applicant.address),
            ],
            steps: steps, visits: visits, events: eventRows, components: components, notes: notes, forms: forms,
            actions: DossierActionForm.forms(available, dossier: dossier, procedure: procedure, failedAction: failedAction, form: form, request: request),
            canReissuePIN: (try? request.dossierActor()).map { DossierPolicy.allows(.reissuePIN, by: $0, on: dossier, procedure: procedure, tree: tree) }
                ?? false,
            serviceData: ServiceDataFields.checkboxes(dossier.serviceData ?? .none, request),
            canRecordServiceData: (try? request.dossierActor()).map {
                DossierPolicy.allows(.recordServiceData, by: $0, on: dossier, procedure: procedure, tree: tree)
            } ?? false)
        return try await request.render("dossiers/show", title: "\(request.t("dossier.title")) \(dossier.code)", page, status: status)
    }
}

/// Amounts in đồng, Vietnamese style: 1.250.000 đ.
enum Money {
    static func text(_ amount: Int) -> String { IndexFormat.count(amount, language: .vi) + " đ" }
}
