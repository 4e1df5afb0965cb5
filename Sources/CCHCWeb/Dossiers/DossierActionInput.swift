import CCHCCore
import Foundation
import WorkCalendar

/// An action as submitted by a form or the API, as plain fields, read into a `DossierAction` with a
/// field error for each value that cannot be read.
struct DossierActionInput {
    var kind: String
    var fields: [String: String]
    /// Lists (the missing items of a supplement request, rating scores) when the API sends arrays.
    var lists: [String: [String]] = [:]

    func action(officeHours: OfficeHours, now: Date) throws -> DossierAction {
        guard let kind = DossierAction.Kind(rawValue: kind), !kind.isSystem else {
            throw DomainError.validation([FieldError("action", "dossier.action.unknown", ["action": self.kind])])
        }
        func text(_ name: String) -> String { fields[name]?.trimmingCharacters(in: .whitespaces) ?? "" }
        func step(_ name: String) throws -> Int? {
            let value = text(name)
            guard !value.isEmpty else { return nil }
            guard let step = Int(value) else { throw DomainError.validation([FieldError(name, "error.invalid_value")]) }
            return step
        }
        switch kind {
        case .accept:
            return .accept
        case .refuse:
            return .refuse(reason: text("reason"))
        case .requestSupplement:
            let items = lists["items"] ?? text("items").split(whereSeparator: \.isNewline).map(String.init)
            return .requestSupplement(items: items, reason: text("reason"))
        case .receiveSupplement:
            return .receiveSupplement(note: text("note"))
        case .forward:
            return .forward(toStep: try step("toStep"), note: text("note"))
        case .returnToStep:
            guard let target = try step("toStep") else { throw DomainError.validation([FieldError("toStep", "error.required")]) }
            return .returnToStep(target, reason: text("reason"))
        case .requestPayment:
            guard let amount = Int(text("amount").filter { $0.isNumber || $0 == "-" }) else {
                throw DomainError.validation([FieldError("amount", "dossier.payment.amount")])
            }
            return .requestPayment(amount: amount, description: text("description"))
        case .recordPayment:
            return .recordPayment(reference: text("reference"))
        case .markResultReady:
            return .markResultReady(note: text("note"))
        case .returnResult:
            guard let method = ResultDelivery.Method(rawValue: text("method").isEmpty ? "counter" : text("method")) else {
                throw DomainError.validation([FieldError("method", "error.invalid_value")])
            }
            return .returnResult(to: text("returnedTo"), method: method)
        case .withdraw:
            return .withdraw(reason: text("reason"))
        case .stop:
            return .stop(reason: text("reason"))
        case .apologize:
            return .apologize(reason: text("reason"), newDueAt: try newDueAt(officeHours: officeHours))
        case .rate:
            return .rate(try rating(now: now))
        case .flagNearingDue, .flagOverdue:
            throw DomainError.validation([FieldError("action", "dossier.action.unknown", ["action": self.kind])])
        }
    }

    /// `newDueAt` as an instant, or a day with a session: morning ends at the first period's end, afternoon
    /// at closing time.
    func newDueAt(officeHours: OfficeHours) throws -> Date {
        let text = fields["newDueAt"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if let instant = InternetDateTranscoder.parse(Array(text.utf8)) ?? VietnamTime.parseLocal(text) { return instant }
        guard let day = LocalDate(flexible: fields["newDueDate"] ?? text) else {
            throw DomainError.validation([FieldError("newDueAt", "error.date_invalid")])
        }
        let second = fields["newDueSession"] == Appointment.Session.morning.rawValue ? officeHours.periods[0].end : officeHours.closing
        return VietnamTime.instant(on: day, secondsOfDay: second)
    }

    func rating(now: Date) throws -> Rating {
        let scores = lists["scores"] ?? Rating.indicators.map { fields["score_\($0)"] ?? "" }
        let values = scores.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ $0 != nil }), values.count == Rating.indicators.count else {
            throw DomainError.validation([FieldError("scores", "rating.scores.count", ["count": String(Rating.indicators.count)])])
        }
        guard let satisfaction = Rating.Satisfaction(rawValue: fields["satisfaction"] ?? "") else {
            throw DomainError.validation([FieldError("satisfaction", "error.required")])
        }
        return Rating(scores: values.compactMap { $0 }, satisfaction: satisfaction, comment: fields["comment"] ?? "", ratedAt: now)
    }
}
