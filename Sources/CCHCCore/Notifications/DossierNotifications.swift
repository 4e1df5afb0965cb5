import Foundation
import WorkCalendar

/// The messages a dossier's events cause, a pure function the write path calls for every event it stores,
/// so that each message is in the outbox exactly when its event is in the database.
public enum DossierNotifications {
    public static func requests(for event: DossierEventDraft, dossier: Dossier) -> [NotificationRequest] {
        let applicant = NotificationRequest.Audience.citizen(
            .init(email: dossier.applicant.email, phone: dossier.applicant.phone, accountID: dossier.citizenUserID))
        var parameters = ["code": dossier.code, "procedure": dossier.procedureName, "link": "/lookup?code=" + percentEncoded(dossier.code)]
        let officers = NotificationRequest.Audience.unitStaff(unitID: dossier.currentUnitID, roles: [.deskOfficer, .specialist, .unitLeader])
        switch event.payload {
        case .accept(let accepted):
            parameters["dueDate"] = accepted.dueAt.map(NotificationFormat.dateTime) ?? "—"
            return [NotificationRequest(kind: .receipt, audience: applicant, parameters: parameters)]
        case .requestSupplement:
            return [NotificationRequest(kind: .supplementRequested, audience: applicant, parameters: parameters)]
        case .requestPayment(let payment):
            parameters["amount"] = NotificationFormat.amount(payment.amount)
            return [NotificationRequest(kind: .paymentRequested, audience: applicant, parameters: parameters)]
        case .apologize(let apology):
            parameters["newDate"] = NotificationFormat.dateTime(apology.newDueAt)
            return [NotificationRequest(kind: .apology, audience: applicant, parameters: parameters)]
        case .markResultReady:
            return [NotificationRequest(kind: .resultReady, audience: applicant, parameters: parameters)]
        case .flagNearingDue, .flagOverdue:
            parameters["dueDate"] = dossier.dueAt.map(NotificationFormat.dateTime) ?? "—"
            parameters["link"] = "/dossiers/" + percentEncoded(dossier.code)
            let kind: NotificationKind = if case .flagOverdue = event.payload { .dossierOverdue } else { .dossierNearingDue }
            return [NotificationRequest(kind: kind, audience: officers, parameters: parameters, onceKey: "\(kind.rawValue)|\(dossier.id)")]
        default:
            return []
        }
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))) ?? text
    }
}

/// How values read in a message, the same in every language.
public enum NotificationFormat {
    /// `24/11/2026 16:30`, Vietnamese local time.
    public static func dateTime(_ instant: Date) -> String {
        "\(VietnamTime.localDate(of: instant).vietnameseFormat) \(OfficeHours.clock(VietnamTime.secondsOfDay(of: instant)))"
    }

    /// `1.250.000` (đồng, grouped by dots).
    public static func amount(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ".")
    }
}
