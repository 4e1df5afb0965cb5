import CCHCCore
import Vapor
import WorkCalendar

/// An event's payload in words: "Đến bước: 3. Phê duyệt; Hẹn trả: Buổi chiều ngày 10/11/2026" rather than
/// the stored values.
struct EventDetailsText {
    var procedure: Procedure
    var tree: UnitTree
    var daySeconds: Int
    var request: Request

    func text(_ payload: DossierEventPayload) -> String {
        parts(payload).compactMap { key, value in
            value.flatMap { $0.isEmpty ? nil : request.t("dossier.detail.\(key)") + ": " + $0 }
        }.joined(separator: "; ")
    }

    /// Each value with the key of its label, in the order shown.
    private func parts(_ payload: DossierEventPayload) -> [(String, String?)] {
        switch payload {
        case .submit(let intake), .receive(let intake):
            return [("channel", request.t(intake.channel.messageKey))]
        case .accept(let accepted):
            return [("dueAt", accepted.dueAt.map(DisplayFormat.dateTime)), ("appointment", accepted.appointment.map(appointment))]
        case .refuse(let closed), .withdraw(let closed), .stop(let closed):
            return [("reason", closed.reason)]
        case .requestSupplement(let asked):
            return [("items", asked.items.joined(separator: "; ")), ("reason", asked.reason)]
        case .receiveSupplement(let received):
            return [("clock", received.clockRestarted ? request.t("dossier.detail.clock_restarted") : nil), ("note", received.note)]
        case .forward(let forwarded):
            return [
                ("fromStep", step(forwarded.fromStep)), ("toStep", step(forwarded.toStep)),
                ("toUnit", tree.unit(code: forwarded.toUnitCode)?.name ?? forwarded.toUnitCode),
                ("stepTimeliness", forwarded.stepTimeliness.map(timeliness)), ("note", forwarded.note),
            ]
        case .returnToStep(let returned):
            return [
                ("fromStep", step(returned.fromStep)), ("toStep", step(returned.toStep)), ("reason", returned.reason),
                ("stepTimeliness", returned.stepTimeliness.map(timeliness)),
            ]
        case .requestPayment(let payment):
            return [("amount", Money.text(payment.amount)), ("description", payment.description)]
        case .recordPayment(let payment):
            return [("reference", payment.reference)]
        case .markResultReady(let ready):
            return [
                ("timeliness", ready.timeliness.map(timeliness)),
                ("workingSeconds", ready.workingSeconds.map { WorkingTimeText.text($0, daySeconds: daySeconds, request) }), ("note", ready.note),
            ]
        case .returnResult(let returned):
            return [("returnedTo", returned.returnedTo), ("method", request.t("result.method.\(returned.method.rawValue)"))]
        case .apologize(let apology):
            return [("reason", apology.reason), ("newDueAt", DisplayFormat.dateTime(apology.newDueAt)), ("appointment", apology.appointment.map(appointment))]
        case .rate(let rated):
            return [("total", String(rated.total)), ("satisfaction", request.t(rated.satisfaction.messageKey))]
        case .flagOverdue(let flagged):
            return [("unit", flagged.unitCode.map { tree.unit(code: $0)?.name ?? $0 }), ("step", flagged.step.map(step))]
        case .flagNearingDue, .reissuePIN:
            return []
        case .recordServiceData(let data):
            return [("serviceData", ServiceDataFields.recorded(data).map { request.t("service_data.\($0)") }.joined(separator: ", "))]
        case .recordComplaint(let complaint):
            return [("feedback", complaint.feedbackCode)]
        }
    }

    private func step(_ index: Int) -> String {
        procedure.steps.indices.contains(index) ? "\(index + 1). \(procedure.steps[index].name)" : String(index + 1)
    }

    private func timeliness(_ value: Timeliness) -> String { request.t("timeliness.\(value.rawValue)") }

    private func appointment(_ value: Appointment) -> String {
        request.t("appointment.\(value.session.rawValue)", ["date": value.date.vietnameseFormat])
    }
}
