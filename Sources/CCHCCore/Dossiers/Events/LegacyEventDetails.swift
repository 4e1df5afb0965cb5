import Foundation
import WorkCalendar

/// Reads the events written before payloads were typed (schema version 1): a flat map of strings per
/// event. Used by the migration that converts them and by the audit check, which proves each converted
/// payload equals what its hashed original says. Anything it cannot read is an error naming the key,
/// never a dropped value.
public enum LegacyEventDetails {
    public struct Unreadable: Error, Equatable, CustomStringConvertible {
        public var action: String
        public var key: String

        public var description: String { "event '\(action)': cannot read '\(key)'" }
    }

    public static func payload(action: String, details: [String: String]) throws -> DossierEventPayload {
        var reader = Reader(action: action, details: details)
        let payload: DossierEventPayload
        switch action {
        case "submit", "receive":
            let intake = DossierEventPayload.Intake(
                channel: try reader.required("channel", IntakeChannel.init(rawValue:)), procedureCode: try reader.text("procedure"),
                components: try reader.required("components", Int.init))
            payload = action == "submit" ? .submit(intake) : .receive(intake)
        case "reissue_pin":
            payload = .reissuePIN
        default:
            guard let kind = DossierAction.Kind(rawValue: action) else { throw Unreadable(action: action, key: "action") }
            payload = try read(kind, &reader)
        }
        try reader.finish()
        return payload
    }

    private static func read(_ kind: DossierAction.Kind, _ reader: inout Reader) throws -> DossierEventPayload {
        switch kind {
        case .accept:
            return .accept(
                .init(
                    dueAt: try reader.optional("dueAt", Self.instant), appointment: try reader.optional("appointment", Self.appointment),
                    settingsVersion: nil))
        case .refuse:
            return .refuse(.init(reason: try reader.text("reason")))
        case .withdraw:
            return .withdraw(.init(reason: try reader.text("reason", default: "")))
        case .stop:
            return .stop(.init(reason: try reader.text("reason")))
        case .requestSupplement:
            let items = try reader.text("items").components(separatedBy: "; ").filter { !$0.isEmpty }
            return .requestSupplement(.init(items: items, reason: try reader.text("reason")))
        case .receiveSupplement:
            let clock = try reader.text("clock", default: "")
            guard clock.isEmpty || clock == "restarted" else { throw Unreadable(action: kind.rawValue, key: "clock") }
            return .receiveSupplement(.init(note: try reader.text("note", default: ""), clockRestarted: clock == "restarted"))
        case .forward:
            return .forward(
                .init(
                    fromStep: try reader.required("fromStep", Int.init), toStep: try reader.required("toStep", Int.init),
                    toUnitCode: try reader.text("toUnit", default: ""), stepTimeliness: try reader.optional("stepTimeliness", Timeliness.init(rawValue:)),
                    note: try reader.text("note", default: "")))
        case .returnToStep:
            return .returnToStep(
                .init(
                    fromStep: try reader.required("fromStep", Int.init), toStep: try reader.required("toStep", Int.init),
                    reason: try reader.text("reason"), stepTimeliness: try reader.optional("stepTimeliness", Timeliness.init(rawValue:))))
        case .requestPayment:
            return .requestPayment(.init(amount: try reader.required("amount", Int.init), description: try reader.text("description")))
        case .recordPayment:
            return .recordPayment(.init(reference: try reader.text("reference", default: "")))
        case .markResultReady:
            return .markResultReady(
                .init(
                    timeliness: try reader.optional("timeliness", Timeliness.init(rawValue:)),
                    workingSeconds: try reader.optional("workingSeconds", Int.init), note: try reader.text("note", default: "")))
        case .returnResult:
            return .returnResult(.init(returnedTo: try reader.text("returnedTo"), method: try reader.required("method", ResultDelivery.Method.init(rawValue:))))
        case .apologize:
            return .apologize(
                .init(
                    reason: try reader.text("reason"), newDueAt: try reader.required("newDueAt", Self.instant),
                    appointment: try reader.optional("appointment", Self.appointment)))
        case .rate:
            return .rate(
                .init(total: try reader.required("total", Int.init), satisfaction: try reader.required("satisfaction", Rating.Satisfaction.init(rawValue:))))
        case .flagNearingDue:
            return .flagNearingDue
        case .flagOverdue:
            return .flagOverdue(.init(unitCode: try reader.optional("unit", { $0 }), step: try reader.optional("step", Int.init)))
        }
    }

    /// How version 1 wrote instants: ISO 8601 in UTC, whole seconds.
    static func instant(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }

    /// How version 1 wrote an appointment: `2026-11-10 chieu`.
    static func appointment(_ text: String) -> Appointment? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = LocalDate(String(parts[0])), let session = Appointment.Session(rawValue: String(parts[1])) else { return nil }
        return Appointment(date: day, session: session)
    }

    /// Takes each key once; `finish` refuses keys nobody asked for.
    private struct Reader {
        let action: String
        var details: [String: String]

        mutating func text(_ key: String, default fallback: String? = nil) throws -> String {
            if let value = details.removeValue(forKey: key) { return value }
            guard let fallback else { throw Unreadable(action: action, key: key) }
            return fallback
        }

        mutating func required<T>(_ key: String, _ parse: (String) -> T?) throws -> T {
            guard let value = try optional(key, parse) else { throw Unreadable(action: action, key: key) }
            return value
        }

        mutating func optional<T>(_ key: String, _ parse: (String) -> T?) throws -> T? {
            guard let text = details.removeValue(forKey: key) else { return nil }
            guard let value = parse(text) else { throw Unreadable(action: action, key: key) }
            return value
        }

        func finish() throws {
            if let key = details.keys.sorted().first { throw Unreadable(action: action, key: key) }
        }
    }
}

extension LegacyEventDetails {
    /// One event of schema version 1 as the migration reads it.
    public struct Event: Sendable {
        public var payload: DossierEventPayload
        public var statusAfter: DossierStatus
        public var occurredAt: Date

        public init(payload: DossierEventPayload, statusAfter: DossierStatus, occurredAt: Date) {
            self.payload = payload
            self.statusAfter = statusAfter
            self.occurredAt = occurredAt
        }
    }

    /// The facts after each of a dossier's version-1 events, which did not record them: the last event's
    /// are the stored dossier's own; the earlier ones are read back from the events (status, deadlines
    /// given at acceptance and apology, flags, timeliness, supplement requests, rating) and from the
    /// dossier's visits (which unit held it when). `settingsVersion` is 1, the version the environment's
    /// settings were imported as, for a dossier accepted by then.
    public static func facts(for events: [Event], of dossier: Dossier) -> [DossierFacts] {
        var facts = DossierFacts(dossier)
        facts.acceptedAt = nil
        facts.dueAt = nil
        facts.originalDueAt = nil
        facts.nearingDue = false
        facts.overdue = false
        facts.timeliness = nil
        facts.supplementRequests = 0
        facts.satisfaction = nil
        facts.settingsVersion = nil
        var result: [DossierFacts] = []
        for (index, event) in events.enumerated() {
            let at = event.occurredAt
            facts.status = event.statusAfter
            switch event.payload {
            case .accept(let accepted):
                facts.acceptedAt = at
                facts.dueAt = accepted.dueAt
                facts.settingsVersion = dossier.settingsVersion
            case .apologize(let apology):
                facts.originalDueAt = facts.originalDueAt ?? facts.dueAt
                facts.dueAt = apology.newDueAt
            case .requestSupplement: facts.supplementRequests += 1
            case .flagNearingDue: facts.nearingDue = true
            case .flagOverdue:
                facts.nearingDue = true
                facts.overdue = true
            case .markResultReady(let ready): facts.timeliness = ready.timeliness
            case .rate(let rated): facts.satisfaction = rated.satisfaction
            default: break
            }
            facts.currentUnitID = unitHolding(dossier, status: event.statusAfter, at: at)
            result.append(index == events.count - 1 ? DossierFacts(dossier) : facts)
        }
        return result
    }

    /// The unit that held `dossier` at `at`: as `Dossier.currentUnitID` reads it, from the visits then.
    static func unitHolding(_ dossier: Dossier, status: DossierStatus, at: Date) -> UUID {
        if status == .resultReady || status == .returned { return dossier.receivingUnitID }
        let open = dossier.visits.last { $0.startedAt <= at && ($0.endedAt.map { $0 > at } ?? true) }
        return open?.unitID ?? dossier.receivingUnitID
    }
}
