import Foundation

/// The event a transition produces, before the store gives it a sequence number and a hash.
public struct DossierEventDraft: Equatable, Sendable {
    public var payload: DossierEventPayload
    public var statusBefore: DossierStatus?
    public var statusAfter: DossierStatus
    public var actorUsername: String
    public var actorName: String
    /// The role the actor acted in (an account may hold several).
    public var actorRole: String?
    /// The unit the actor acted for.
    public var unitID: UUID?
    public var occurredAt: Date
    /// The dossier's facts after the event, which projections are computed from.
    public var facts: DossierFacts

    public init(
        payload: DossierEventPayload, statusBefore: DossierStatus?, statusAfter: DossierStatus, actorUsername: String, actorName: String,
        actorRole: String?, unitID: UUID?, occurredAt: Date, facts: DossierFacts
    ) {
        self.payload = payload
        self.statusBefore = statusBefore
        self.statusAfter = statusAfter
        self.actorUsername = actorUsername
        self.actorName = actorName
        self.actorRole = actorRole
        self.unitID = unitID
        self.occurredAt = occurredAt
        self.facts = facts
    }

    /// The event of `actor`, acting as `player`, that left `dossier` as it is.
    public init(
        _ payload: DossierEventPayload, before: DossierStatus?, after dossier: Dossier, by actor: DossierActor, as player: DossierPolicy.Player?, at now: Date
    ) {
        var role: Role?
        if case .role(let acting) = player { role = acting }
        let grant = actor.user?.grants.first { $0.role == role } ?? actor.user?.grants.first
        self.init(
            payload: payload, statusBefore: before, statusAfter: dossier.status, actorUsername: actor.username, actorName: actor.displayName,
            actorRole: (role ?? grant?.role)?.rawValue, unitID: grant?.unitID, occurredAt: now, facts: DossierFacts(dossier))
    }

    public var action: String { payload.action }
}

/// An event as stored: numbered in one sequence for the whole province and chained by hash, each event's
/// hash covering its content and the hash of the event before it.
public struct DossierEvent: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var sequence: Int
    public var dossierID: UUID
    public var draft: DossierEventDraft
    /// The payload's schema when the event was written: 1 for the flat map of strings the chain hashed
    /// then (its payload converted since), `DossierEventPayload.schemaVersion` for events written typed.
    public var schemaVersion: Int
    public var previousHash: String
    public var hash: String

    public init(id: UUID, sequence: Int, dossierID: UUID, draft: DossierEventDraft, schemaVersion: Int, previousHash: String, hash: String) {
        self.id = id
        self.sequence = sequence
        self.dossierID = dossierID
        self.draft = draft
        self.schemaVersion = schemaVersion
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The outcome of checking the chain of events.
public struct AuditVerification: Equatable, Sendable {
    public var eventsChecked: Int
    /// The first event whose hash, link or number does not match, and what is wrong with it.
    public var firstBroken: (sequence: Int, problem: String)?

    public var isIntact: Bool { firstBroken == nil }

    public init(eventsChecked: Int, firstBroken: (sequence: Int, problem: String)?) {
        self.eventsChecked = eventsChecked
        self.firstBroken = firstBroken
    }

    public static func == (lhs: AuditVerification, rhs: AuditVerification) -> Bool {
        lhs.eventsChecked == rhs.eventsChecked && lhs.firstBroken?.sequence == rhs.firstBroken?.sequence
            && lhs.firstBroken?.problem == rhs.firstBroken?.problem
    }
}
