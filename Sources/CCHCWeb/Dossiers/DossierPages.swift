import CCHCCore
import Vapor
import WorkCalendar

/// Working time in words: "2 ngày 3 giờ 30 phút làm việc".
enum WorkingTimeText {
    static func text(_ seconds: Int, daySeconds: Int, _ request: Request) -> String {
        let total = abs(seconds)
        let days = total / daySeconds, hours = (total % daySeconds) / 3600, minutes = (total % 3600) / 60
        var parts: [String] = []
        if days > 0 { parts.append(request.t("time.days", ["n": String(days)])) }
        if hours > 0 { parts.append(request.t("time.hours", ["n": String(hours)])) }
        if minutes > 0 || parts.isEmpty { parts.append(request.t("time.minutes", ["n": String(minutes)])) }
        return parts.joined(separator: " ")
    }
}

/// A dossier as a line of a queue.
struct DossierRow: Encodable {
    var code: String
    var href: String
    var procedureCode: String
    var procedureName: String
    var applicant: String
    var status: Int
    var statusName: String
    var channel: String
    var submittedAt: String
    var dueAt: String?
    /// overdue, nearing, paused or empty: the row's colour.
    var urgency: String
    /// "còn 3 giờ làm việc" / "quá hạn 1 ngày" / "tạm dừng tính thời hạn từ …".
    var remaining: String?

    init(_ dossier: Dossier, calendar: WorkingCalendar, now: Date, request: Request) {
        code = dossier.code
        href = "/dossiers/" + dossier.code
        procedureCode = dossier.procedureCode
        procedureName = dossier.procedureName
        applicant = dossier.applicant.fullName
        status = dossier.status.rawValue
        statusName = request.t(dossier.status.messageKey)
        channel = request.t(dossier.channel.messageKey)
        submittedAt = DisplayFormat.dateTime(dossier.submittedAt)
        dueAt = dossier.dueAt.map(DisplayFormat.dateTime)
        urgency =
            dossier.overdue && dossier.status.isOpen
            ? "overdue" : dossier.nearingDue && dossier.status.isOpen ? "nearing" : dossier.status.isPaused ? "paused" : ""
        if let due = dossier.dueAt, dossier.status.clockRuns {
            let left = calendar.workingSeconds(from: now, to: due)
            let amount = WorkingTimeText.text(left, daySeconds: calendar.officeHours.daySeconds, request)
            remaining = request.t(left >= 0 ? "dossier.remaining" : "dossier.late_by", ["time": amount])
        } else if dossier.status.isOpen, let pause = dossier.pauses.last, pause.end == nil {
            remaining = request.t("dossier.paused_since", ["at": DisplayFormat.dateTime(pause.start)])
        }
    }
}

extension Request {
    /// The actor for the state machine: the logged-in user as staff or citizen.
    func dossierActor() throws -> DossierActor {
        DossierActor.person(try requireUser())
    }

    /// A dossier the current user may see, or not-found (never "forbidden": the code itself is not public).
    /// The dossier, if the user may see it; an officer's opening is recorded for its citizen to read
    /// (`purpose`: by default viewing for a read, acting for a write).
    func visibleDossier(_ code: String, purpose: PersonalDataAccess.Purpose? = nil) async throws -> Dossier {
        let user = try requireUser()
        guard let dossier = try await store.dossiers.find(code: code),
            DossierAccess.canView(user, dossier, tree: try await store.units.tree())
        else { throw DomainError.notFound("dossier.not_found", arguments: ["code": code]) }
        try await PersonalDataService(store: store).recordAccess(
            by: user, to: dossier, purpose: purpose ?? (method == .GET || method == .HEAD ? .view : .act), now: now)
        return dossier
    }
}
