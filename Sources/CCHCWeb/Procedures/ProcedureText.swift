import CCHCCore
import Vapor
import WorkCalendar

/// A procedure's terms in words, as citizens read them.
enum ProcedureText {
    static func time(_ procedure: Procedure, _ request: Request) -> String {
        switch procedure.processingTime {
        case .workingDays(let days): request.t("time.working_days", ["n": String(days)])
        case .workingHours(let hours): request.t("time.working_hours", ["n": String(hours)])
        case .calendarDays(let days): request.t("time.days", ["n": String(days)])
        }
    }

    static func fee(_ procedure: Procedure, _ request: Request) -> String {
        if procedure.fee == 0 && procedure.feeNote.isEmpty { return request.t("procedure.free") }
        let amount = procedure.fee > 0 ? Money.text(procedure.fee) : ""
        return [amount, procedure.feeNote].filter { !$0.isEmpty }.joined(separator: " — ")
    }

    /// "1234/QĐ-UBND ngày 05/01/2026", or what of it is recorded; empty when nothing is.
    static func decision(_ publication: ProcedurePublication, _ request: Request) -> String {
        [publication.decisionNumber, publication.decisionDate?.vietnameseFormat ?? ""].filter { !$0.isEmpty }
            .joined(separator: request.t("procedure.publication.dated_joiner"))
    }

    /// The required parts a version does not state, in words ("đối tượng thực hiện"); nil when none.
    static func missingParts(_ procedure: Procedure, _ request: Request) -> String? {
        procedure.missingParts.isEmpty ? nil : procedure.missingParts.map { request.t($0.messageKey) }.joined(separator: ", ")
    }

    static func allowance(_ value: Int, _ procedure: Procedure, _ request: Request) -> String {
        procedure.allowanceUnit == .calendarDays
            ? request.t("time.days", ["n": String(value)]) : request.t("time.working_hours", ["n": String(value)])
    }
}
