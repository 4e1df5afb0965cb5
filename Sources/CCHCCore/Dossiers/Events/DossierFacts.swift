import Foundation
import WorkCalendar

/// What figures are derived from: the part of a dossier's state that queues, counters and indices read,
/// recorded with every event as it stood after it. With the facts before and after each event a
/// projection can be computed again from the events alone (`cchc projections rebuild`).
public struct DossierFacts: Codable, Equatable, Sendable {
    public var status: DossierStatus
    public var channel: IntakeChannel
    public var procedureCode: String
    public var field: String
    public var receivingUnitID: UUID
    public var competentUnitID: UUID
    /// The unit holding the dossier (the desk before it is forwarded and once the result is ready).
    public var currentUnitID: UUID
    public var citizenUserID: UUID?
    public var submittedAt: Date
    public var acceptedAt: Date?
    public var dueAt: Date?
    /// The deadline the law set, where an apology moved `dueAt`.
    public var originalDueAt: Date?
    public var nearingDue: Bool
    public var overdue: Bool
    /// Set once the result is ready.
    public var timeliness: Timeliness?
    public var supplementRequests: Int
    public var satisfaction: Rating.Satisfaction?
    public var settingsVersion: Int?
    /// When it finished: the result was ready, or it was refused, stopped or withdrawn. Recorded since the
    /// service index (facts of earlier events lack it).
    public var finishedAt: Date?
    /// Every component handed in came as a file (the index's digitisation share).
    public var digitised: Bool?
    /// The unit and step that held it when its time ran out.
    public var lateUnitID: UUID?
    public var lateStep: Int?
    /// What the service index asks beyond the desk's work, once recorded.
    public var serviceData: DossierServiceData?
    /// A fee was asked (3.6's denominator).
    public var feeCharged: Bool?
    /// Feedback was sent about it (5.4 counts it with the late and the dissatisfied); nil when none.
    public var complained: Bool?

    public init(_ dossier: Dossier) {
        status = dossier.status
        channel = dossier.channel
        procedureCode = dossier.procedureCode
        field = dossier.field
        receivingUnitID = dossier.receivingUnitID
        competentUnitID = dossier.competentUnitID
        currentUnitID = dossier.currentUnitID
        citizenUserID = dossier.citizenUserID
        submittedAt = dossier.submittedAt
        acceptedAt = dossier.acceptedAt
        dueAt = dossier.dueAt
        originalDueAt = dossier.originalDueAt
        nearingDue = dossier.nearingDue
        overdue = dossier.overdue
        timeliness = dossier.timeliness
        supplementRequests = dossier.supplementRequests.count
        satisfaction = dossier.rating?.satisfaction
        settingsVersion = dossier.settingsVersion
        finishedAt = dossier.finishedAt
        digitised = dossier.isDigitised
        lateUnitID = dossier.lateAttribution?.unitID
        lateStep = dossier.lateAttribution?.step
        serviceData = dossier.serviceData
        feeCharged = dossier.isFeeCharged ? true : nil
        complained = (dossier.complaints ?? []).isEmpty ? nil : true
    }

    /// The facts as JSON, keys sorted (the audit chain hashes them).
    public func json() throws -> String {
        String(decoding: try DossierEventPayload.encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> DossierFacts {
        try DossierEventPayload.decoder.decode(DossierFacts.self, from: Data(json.utf8))
    }
}
