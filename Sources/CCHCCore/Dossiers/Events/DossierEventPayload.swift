import Foundation
import WorkCalendar

/// What one event of a dossier carries, typed by its action: one case per action, each with the values the
/// action had. Stored as JSON beside the action's name, which says how to read it; `schemaVersion` says
/// which shape the JSON has (version 1 was a flat map of strings, converted by migration 0012).
public enum DossierEventPayload: Equatable, Sendable {
    public static let schemaVersion = 2

    /// Filed online (`submit`) or handed in at a desk or by post (`receive`).
    public struct Intake: Codable, Equatable, Sendable {
        public var channel: IntakeChannel
        public var procedureCode: String
        /// Components handed in or uploaded.
        public var components: Int

        public init(channel: IntakeChannel, procedureCode: String, components: Int) {
            self.channel = channel
            self.procedureCode = procedureCode
            self.components = components
        }
    }

    public struct Accepted: Codable, Equatable, Sendable {
        public var dueAt: Date?
        public var appointment: Appointment?
        /// The province settings the deadline was counted under.
        public var settingsVersion: Int?

        public init(dueAt: Date? = nil, appointment: Appointment? = nil, settingsVersion: Int? = nil) {
            self.dueAt = dueAt
            self.appointment = appointment
            self.settingsVersion = settingsVersion
        }
    }

    /// Refusal, stop and withdrawal: why.
    public struct Closed: Codable, Equatable, Sendable {
        public var reason: String

        public init(reason: String) {
            self.reason = reason
        }
    }

    public struct SupplementRequested: Codable, Equatable, Sendable {
        public var items: [String]
        public var reason: String

        public init(items: [String], reason: String) {
            self.items = items
            self.reason = reason
        }
    }

    public struct SupplementReceived: Codable, Equatable, Sendable {
        public var note: String
        /// The procedure restarts the clock when the supplement arrives.
        public var clockRestarted: Bool

        public init(note: String, clockRestarted: Bool) {
            self.note = note
            self.clockRestarted = clockRestarted
        }
    }

    public struct Forwarded: Codable, Equatable, Sendable {
        /// Steps count from 0.
        public var fromStep: Int
        public var toStep: Int
        public var toUnitCode: String
        /// How the step left compares with its deadline.
        public var stepTimeliness: Timeliness?
        public var note: String

        public init(fromStep: Int, toStep: Int, toUnitCode: String, stepTimeliness: Timeliness? = nil, note: String) {
            self.fromStep = fromStep
            self.toStep = toStep
            self.toUnitCode = toUnitCode
            self.stepTimeliness = stepTimeliness
            self.note = note
        }
    }

    public struct ReturnedToStep: Codable, Equatable, Sendable {
        public var fromStep: Int
        public var toStep: Int
        public var reason: String
        public var stepTimeliness: Timeliness?

        public init(fromStep: Int, toStep: Int, reason: String, stepTimeliness: Timeliness? = nil) {
            self.fromStep = fromStep
            self.toStep = toStep
            self.reason = reason
            self.stepTimeliness = stepTimeliness
        }
    }

    public struct PaymentRequested: Codable, Equatable, Sendable {
        /// Đồng.
        public var amount: Int
        public var description: String

        public init(amount: Int, description: String) {
            self.amount = amount
            self.description = description
        }
    }

    public struct PaymentRecorded: Codable, Equatable, Sendable {
        public var reference: String

        public init(reference: String) {
            self.reference = reference
        }
    }

    public struct ResultReady: Codable, Equatable, Sendable {
        /// Against the deadline the law set (an apology does not move it).
        public var timeliness: Timeliness?
        public var workingSeconds: Int?
        public var note: String

        public init(timeliness: Timeliness? = nil, workingSeconds: Int? = nil, note: String) {
            self.timeliness = timeliness
            self.workingSeconds = workingSeconds
            self.note = note
        }
    }

    public struct ResultReturned: Codable, Equatable, Sendable {
        public var returnedTo: String
        public var method: ResultDelivery.Method

        public init(returnedTo: String, method: ResultDelivery.Method) {
            self.returnedTo = returnedTo
            self.method = method
        }
    }

    public struct Apologized: Codable, Equatable, Sendable {
        public var reason: String
        public var newDueAt: Date
        public var appointment: Appointment?

        public init(reason: String, newDueAt: Date, appointment: Appointment? = nil) {
            self.reason = reason
            self.newDueAt = newDueAt
            self.appointment = appointment
        }
    }

    public struct Rated: Codable, Equatable, Sendable {
        public var total: Int
        public var satisfaction: Rating.Satisfaction

        public init(total: Int, satisfaction: Rating.Satisfaction) {
            self.total = total
            self.satisfaction = satisfaction
        }
    }

    public struct FlaggedOverdue: Codable, Equatable, Sendable {
        /// The unit and step the lateness is attributed to.
        public var unitCode: String?
        public var step: Int?

        public init(unitCode: String? = nil, step: Int? = nil) {
            self.unitCode = unitCode
            self.step = step
        }
    }

    /// No values: the action is all there is to say.
    public struct Nothing: Codable, Equatable, Sendable {
        public init() {}
    }

    case submit(Intake)
    case receive(Intake)
    case accept(Accepted)
    case refuse(Closed)
    case requestSupplement(SupplementRequested)
    case receiveSupplement(SupplementReceived)
    case forward(Forwarded)
    case returnToStep(ReturnedToStep)
    case requestPayment(PaymentRequested)
    case recordPayment(PaymentRecorded)
    case markResultReady(ResultReady)
    case returnResult(ResultReturned)
    case withdraw(Closed)
    case stop(Closed)
    case apologize(Apologized)
    case rate(Rated)
    case flagNearingDue
    case flagOverdue(FlaggedOverdue)
    case reissuePIN
    case recordServiceData(DossierServiceData)
    /// Feedback was sent about the dossier (by its code and PIN): a complaint, in the feedback's transaction.
    case recordComplaint(ComplaintRecorded)

    /// The action's name as stored in the event row and shown in the timeline.
    public var action: String {
        switch self {
        case .submit: "submit"
        case .receive: "receive"
        case .accept: DossierAction.Kind.accept.rawValue
        case .refuse: DossierAction.Kind.refuse.rawValue
        case .requestSupplement: DossierAction.Kind.requestSupplement.rawValue
        case .receiveSupplement: DossierAction.Kind.receiveSupplement.rawValue
        case .forward: DossierAction.Kind.forward.rawValue
        case .returnToStep: DossierAction.Kind.returnToStep.rawValue
        case .requestPayment: DossierAction.Kind.requestPayment.rawValue
        case .recordPayment: DossierAction.Kind.recordPayment.rawValue
        case .markResultReady: DossierAction.Kind.markResultReady.rawValue
        case .returnResult: DossierAction.Kind.returnResult.rawValue
        case .withdraw: DossierAction.Kind.withdraw.rawValue
        case .stop: DossierAction.Kind.stop.rawValue
        case .apologize: DossierAction.Kind.apologize.rawValue
        case .rate: DossierAction.Kind.rate.rawValue
        case .flagNearingDue: DossierAction.Kind.flagNearingDue.rawValue
        case .flagOverdue: DossierAction.Kind.flagOverdue.rawValue
        case .reissuePIN: "reissue_pin"
        case .recordServiceData: "record_service_data"
        case .recordComplaint: "record_complaint"
        }
    }

    /// The payload's JSON, keys sorted so that equal payloads are equal text (the audit chain hashes it).
    public func json() throws -> String {
        switch self {
        case .submit(let value), .receive(let value): try Self.encode(value)
        case .accept(let value): try Self.encode(value)
        case .refuse(let value), .withdraw(let value), .stop(let value): try Self.encode(value)
        case .requestSupplement(let value): try Self.encode(value)
        case .receiveSupplement(let value): try Self.encode(value)
        case .forward(let value): try Self.encode(value)
        case .returnToStep(let value): try Self.encode(value)
        case .requestPayment(let value): try Self.encode(value)
        case .recordPayment(let value): try Self.encode(value)
        case .markResultReady(let value): try Self.encode(value)
        case .returnResult(let value): try Self.encode(value)
        case .apologize(let value): try Self.encode(value)
        case .rate(let value): try Self.encode(value)
        case .flagOverdue(let value): try Self.encode(value)
        case .flagNearingDue, .reissuePIN: try Self.encode(Nothing())
        case .recordServiceData(let value): try Self.encode(value)
        case .recordComplaint(let value): try Self.encode(value)
        }
    }

    /// Reads the JSON stored for `action`; an action this build does not know, or JSON of the wrong shape,
    /// is an error (never an empty payload).
    public static func decode(action: String, json: String) throws -> DossierEventPayload {
        let data = Data(json.utf8)
        func read<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type, from: data) }
        switch action {
        case "submit": return .submit(try read(Intake.self))
        case "receive": return .receive(try read(Intake.self))
        case "reissue_pin": return .reissuePIN
        case "record_service_data": return .recordServiceData(try read(DossierServiceData.self))
        case "record_complaint": return .recordComplaint(try read(ComplaintRecorded.self))
        default: break
        }
        guard let kind = DossierAction.Kind(rawValue: action) else { throw UnknownAction(action: action) }
        switch kind {
        case .accept: return .accept(try read(Accepted.self))
        case .refuse: return .refuse(try read(Closed.self))
        case .requestSupplement: return .requestSupplement(try read(SupplementRequested.self))
        case .receiveSupplement: return .receiveSupplement(try read(SupplementReceived.self))
        case .forward: return .forward(try read(Forwarded.self))
        case .returnToStep: return .returnToStep(try read(ReturnedToStep.self))
        case .requestPayment: return .requestPayment(try read(PaymentRequested.self))
        case .recordPayment: return .recordPayment(try read(PaymentRecorded.self))
        case .markResultReady: return .markResultReady(try read(ResultReady.self))
        case .returnResult: return .returnResult(try read(ResultReturned.self))
        case .withdraw: return .withdraw(try read(Closed.self))
        case .stop: return .stop(try read(Closed.self))
        case .apologize: return .apologize(try read(Apologized.self))
        case .rate: return .rate(try read(Rated.self))
        case .flagNearingDue: return .flagNearingDue
        case .flagOverdue: return .flagOverdue(try read(FlaggedOverdue.self))
        }
    }

    public struct ComplaintRecorded: Codable, Equatable, Sendable {
        public var feedbackCode: String

        public init(feedbackCode: String) {
            self.feedbackCode = feedbackCode
        }
    }

    public struct UnknownAction: Error, Equatable {
        public var action: String
    }

    private static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder = JSONDecoder()
}
