import CCHCCore
import Vapor
import WorkCalendar

/// An event's details in words: "Đến bước: 3. Phê duyệt; Hẹn trả: Buổi chiều ngày 10/11/2026" rather than
/// the stored `toStep: 2; appointment: 2026-11-10 chieu`.
struct EventDetailsText {
    var procedure: Procedure
    var tree: UnitTree
    var daySeconds: Int
    var request: Request

    func text(_ details: [String: String]) -> String {
        details.sorted { $0.key < $1.key }.compactMap { key, value in
            guard let shown = self.value(key, value) else { return nil }
            return request.t("dossier.detail.\(key)") + ": " + shown
        }.joined(separator: "; ")
    }

    private func value(_ key: String, _ value: String) -> String? {
        switch key {
        case "channel":
            return IntakeChannel(rawValue: value).map { request.t($0.messageKey) } ?? value
        case "dueAt", "newDueAt":
            return (try? Date(value, strategy: .iso8601)).map(DisplayFormat.dateTime) ?? value
        case "appointment":
            let parts = value.split(separator: " ")
            guard parts.count == 2, let day = LocalDate(String(parts[0])) else { return value }
            return request.t("appointment.\(parts[1])", ["date": day.vietnameseFormat])
        case "fromStep", "toStep", "step":
            guard let index = Int(value), procedure.steps.indices.contains(index) else { return value }
            return "\(index + 1). \(procedure.steps[index].name)"
        case "toUnit", "unit":
            return tree.unit(code: value)?.name ?? value
        case "timeliness", "stepTimeliness":
            return request.t("timeliness.\(value)")
        case "workingSeconds":
            return Int(value).map { WorkingTimeText.text($0, daySeconds: daySeconds, request) } ?? value
        case "amount":
            return Int(value).map(Money.text) ?? value
        case "method":
            return request.t("result.method.\(value)")
        case "satisfaction":
            return request.t("rating.satisfaction.\(value)")
        case "clock":
            return request.t("dossier.detail.clock_restarted")
        case "components", "procedure":
            return nil
        default:
            return value
        }
    }
}
