import CCHCCore
import Vapor

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

    static func allowance(_ value: Int, _ procedure: Procedure, _ request: Request) -> String {
        procedure.allowanceUnit == .calendarDays
            ? request.t("time.days", ["n": String(value)]) : request.t("time.working_hours", ["n": String(value)])
    }
}
