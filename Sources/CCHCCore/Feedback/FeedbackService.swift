import Foundation
import WorkCalendar

/// The feedback use cases, each one transaction: sending, looking up by code and PIN, the officers'
/// actions and the sender's, the queues and the public list, and the deadlines' versions.
public struct FeedbackService: Sendable {
    public static let throttleScope = "feedback_lookup"

    public var store: any Store
    public var maximumLookupFailures: Int
    /// Where the working calendar comes from: the server's cache (building its tables takes milliseconds);
    /// read from the store when nil.
    public var calendar: (@Sendable () async throws -> WorkingCalendar)?
    /// Where attachments go; an item sent with files needs it.
    public var files: (any FileStorage)?

    public init(
        store: any Store, maximumLookupFailures: Int, calendar: (@Sendable () async throws -> WorkingCalendar)? = nil, files: (any FileStorage)? = nil
    ) {
        self.store = store
        self.maximumLookupFailures = maximumLookupFailures
        self.calendar = calendar
        self.files = files
    }

    func workingCalendar() async throws -> WorkingCalendar {
        if let calendar { return try await calendar() }
        return try await store.calendarOverrides.workingCalendar()
    }

    // MARK: Sending

    /// Checks and stores a new item, routed to its unit, with its first deadline; the sender gets its code
    /// and a PIN. A dossier is named by its code and PIN, checked like a lookup (and throttled alike).
    /// `staged` files become its attachments, committed with it; they stay in staging when the form comes
    /// back with errors (it offers them again) and are discarded on any other failure.
    public func submit(
        _ input: FeedbackSubmission, account: User?, staged: [StagedFile] = [], idempotency: IdempotencyClaim<SubmittedFeedback>? = nil,
        address: String, now: Date
    ) async throws -> SubmittedFeedback {
        try await StagedFiles.storing(staged, in: files) {
            try await submitChecked(input, account: account, staged: staged, idempotency: idempotency, address: address, now: now)
        }
    }

    private func submitChecked(
        _ input: FeedbackSubmission, account: User?, staged: [StagedFile], idempotency: IdempotencyClaim<SubmittedFeedback>?, address: String,
        now: Date
    ) async throws -> SubmittedFeedback {
        if staged.count > Feedback.maximumAttachments {
            throw DomainError.validation([FieldError("attachments", "feedback.attachments.too_many", ["max": String(Feedback.maximumAttachments)])])
        }
        guard staged.isEmpty || files != nil else { throw DomainError(.invalidState, "upload.unavailable") }
        let citizen = account.flatMap { $0.has(.citizen) && $0.isActive ? $0 : nil }
        var errors = input.errors(hasAccount: citizen != nil)
        let today = VietnamTime.localDate(of: now)
        var unitID: UUID?
        var dossierCode: String?
        if errors.isEmpty {
            do {
                (unitID, dossierCode) = try await responsibleUnit(input, today: today, address: address, now: now)
            } catch let error as DomainError where error.kind == .validation {
                errors += error.fields
            }
        }
        try errors.throwIfAny()
        guard let unitID else { throw DomainError.validation([FieldError("unitCode", "feedback.unit.not_found")]) }
        let history = try await rulesHistory()
        guard let rules = history.inForce(on: today) ?? history.versions.first else { throw DomainError(.notFound, "feedback.rules.none") }
        let sender =
            if let citizen {
                FeedbackSender(name: citizen.fullName, accountID: citizen.id)
            } else {
                FeedbackSender(name: input.name.trimmed, phone: input.phone.trimmed.nilIfEmpty, email: input.email.trimmed.nilIfEmpty)
            }
        let new = Feedback(
            new: UUID(), topic: input.topic, classification: input.classification, unitID: unitID, sender: sender,
            title: input.title.trimmed, content: input.content.trimmed, receivedAt: now, rulesVersion: rules.version)
        var feedback = FeedbackMachine(rules: rules.rules, calendar: try await workingCalendar()).received(new)
        feedback.procedureCode = input.topic == .procedure ? input.procedureCode.trimmed.uppercased() : nil
        feedback.dossierCode = dossierCode
        feedback.officialName = input.topic == .official ? input.officialName.trimmed : nil
        if let files, !staged.isEmpty { feedback.attachments = staged.map { $0.attachment(storagePath: files.storagePath(of: $0)) } }
        let event = FeedbackEventDraft(
            payload: .submitted(topic: feedback.topic, classification: feedback.classification, unitID: unitID), stateBefore: nil,
            stateAfter: .received, actorUsername: citizen?.username ?? "", actorName: sender.name, actorRole: citizen == nil ? "sender" : Role.citizen.rawValue,
            occurredAt: now, facts: feedback.facts)
        let submitted = SubmittedFeedback(feedback: feedback, pin: LookupPIN.generate())
        guard let dossierCode else { return try await store.feedback.create(submitted, event: event, idempotency: idempotency) }
        return try await submitComplaint(submitted, event: event, about: dossierCode, idempotency: idempotency, now: now)
    }

    /// The unit that must handle it, and the dossier's code when it is about one.
    private func responsibleUnit(_ input: FeedbackSubmission, today: LocalDate, address: String, now: Date) async throws -> (UUID, String?) {
        let tree = try await store.units.tree()
        func unit(_ code: String) throws -> UUID {
            guard let unit = tree.unit(code: code.trimmed.uppercased()) ?? tree.unit(code: code.trimmed), unit.isEffective(on: today) else {
                throw DomainError.validation([FieldError("unitCode", "feedback.unit.not_found")])
            }
            return unit.id
        }
        switch input.topic {
        case .procedure:
            guard let procedure = try await store.procedures.current(code: input.procedureCode.trimmed.uppercased(), on: today) else {
                throw DomainError.validation([FieldError("procedureCode", "feedback.procedure.not_found")])
            }
            guard let unitID = procedure.competentUnitID else { throw DomainError.validation([FieldError("unitCode", "error.required")]) }
            return (unitID, nil)
        case .dossier:
            do {
                let dossier = try await DossierLookup(store: store, maximumFailures: maximumLookupFailures).find(
                    code: input.dossierCode, pin: input.dossierPIN, address: address, now: now)
                return (dossier.competentUnitID, dossier.code)
            } catch let error as DomainError where error.kind == .notFound {
                throw DomainError.validation([FieldError("dossierCode", "feedback.dossier.not_found")])
            }
        case .unit, .official:
            return (try unit(input.unitCode), nil)
        case .other:
            if !input.unitCode.trimmed.isEmpty { return (try unit(input.unitCode), nil) }
            // Nobody named: the province's own unit routes it (reform staff may transfer it).
            guard let root = tree.roots.first(where: { $0.isEffective(on: today) }) else {
                throw DomainError.validation([FieldError("unitCode", "error.required")])
            }
            return (root.id, nil)
        }
    }

    // MARK: Reading

    /// One of the item's attachments, for whoever was shown the item (the caller checked who that is).
    public func attachment(_ id: UUID, of feedback: Feedback) throws -> RecordAttachment {
        guard let file = feedback.attachments?.first(where: { $0.id == id }) else { throw DomainError.notFound("upload.not_found") }
        return file
    }

    /// The item for its sender, or not-found for any wrong guess; throttled like a dossier lookup.
    public func lookUp(code: String, pin: String, address: String, now: Date) async throws -> Feedback {
        let failures = try await store.throttle.count(scope: Self.throttleScope, key: address, since: now.addingTimeInterval(-DossierLookup.window))
        if failures >= maximumLookupFailures {
            throw DomainError(.rateLimited, "dossier.lookup.locked", arguments: ["minutes": String(Int(DossierLookup.window / 60))])
        }
        let pin = pin.trimmed
        if pin.count == 6, let feedback = try await store.feedback.find(code: code.trimmed.uppercased(), pin: pin) {
            return feedback
        }
        try await store.throttle.record(scope: Self.throttleScope, key: address, at: now)
        throw DomainError.notFound("feedback.lookup.not_found")
    }

    /// The item and its history, for an officer who may see it.
    public func view(code: String, by user: User) async throws -> (feedback: Feedback, events: [FeedbackEvent]) {
        guard let feedback = try await store.feedback.find(code: code.trimmed.uppercased()) else { throw DomainError.notFound("feedback.not_found") }
        _ = try FeedbackPolicy.check(.view, by: .staff(user), on: feedback, tree: try await store.units.tree())
        return (feedback, try await store.feedback.events(of: feedback.id))
    }

    /// The items `user` handles or oversees, narrowed by `query`'s states, day and text.
    public func queue(_ query: FeedbackQuery, by user: User) async throws -> ResultPage<Feedback> {
        let visible = FeedbackPolicy.visibleUnits(of: user, tree: try await store.units.tree())
        if let visible, visible.isEmpty { throw DomainError(.forbidden, "auth.forbidden") }
        var query = query
        query.units =
            switch (visible, query.units) {
            case (nil, let asked): asked
            case (let visible?, nil): visible
            case (let visible?, let asked?): visible.intersection(asked)
            }
        return try await store.feedback.list(query)
    }

    /// The items a citizen sent while signed in, newest first.
    public func mine(_ user: User, cursor: String?, limit: Int) async throws -> ResultPage<Feedback> {
        guard user.has(.citizen), user.isActive else { throw DomainError(.forbidden, "auth.forbidden") }
        var query = FeedbackQuery(cursor: cursor, limit: limit)
        query.senderAccountID = user.id
        return try await store.feedback.list(query)
    }

    /// One item a citizen sent while signed in: the account stands in for the PIN. Another's is not found.
    public func own(code: String, by user: User) async throws -> Feedback {
        guard user.has(.citizen), user.isActive, let feedback = try await store.feedback.find(code: code.trimmed.uppercased()),
            feedback.sender.accountID == user.id
        else { throw DomainError.notFound("feedback.not_found") }
        return feedback
    }

    /// Published answers, without personal data (the page and the API show only the public fields).
    public func published(text: String?, cursor: String?, limit: Int) async throws -> ResultPage<Feedback> {
        try await store.feedback.list(FeedbackQuery(states: [.published], text: text.map(SearchText.fold), cursor: cursor, limit: limit))
    }

    // MARK: Acting

    /// An officer's action, or the sender's (`.sender`, once `lookUp` found the item by its PIN).
    public func act(
        on feedback: Feedback, _ action: FeedbackAction, expectedVersion: Int, by actor: FeedbackPolicy.Actor, now: Date
    ) async throws -> Feedback {
        let tree = try await store.units.tree()
        let player = try FeedbackPolicy.check(.act(action.kind), by: actor, on: feedback, tree: tree)
        guard expectedVersion == feedback.version else { throw DomainError.staleVersion(current: feedback.version) }
        if case .transfer(let unitID) = action, !(tree.unit(id: unitID)?.isEffective(on: VietnamTime.localDate(of: now)) ?? false) {
            throw DomainError.validation([FieldError("unit", "feedback.unit.not_found")])
        }
        let history = try await rulesHistory()
        guard let rules = history.version(feedback.rulesVersion) ?? history.latest else { throw DomainError(.notFound, "feedback.rules.none") }
        let machine = FeedbackMachine(rules: rules.rules, calendar: try await workingCalendar())
        var (next, payload) = try machine.apply(action, to: feedback, now: now)
        let user: User? = if case .staff(let user) = actor { user } else { nil }
        if action.kind == .answer { next.answeredBy = user?.fullName }
        let event = FeedbackEventDraft(
            payload: payload, stateBefore: feedback.state, stateAfter: next.state, actorUsername: user?.username ?? "",
            actorName: user?.fullName ?? feedback.sender.name, actorRole: player.roleName, occurredAt: now, facts: next.facts)
        try await store.feedback.update(next, expectedVersion: expectedVersion, before: feedback.facts, event: event)
        return next
    }

    // MARK: Deadlines as versioned data

    /// Every version of the deadlines.
    public func rulesHistory() async throws -> FeedbackRulesHistory {
        try await store.feedbackRules.history()
    }

    /// The first version of the deadlines (QĐ 766's), where there is none; at start-up, as the indicator set's.
    public func bootstrap(now: Date) async throws {
        guard try await store.feedbackRules.history().latest == nil else { return }
        let first = FeedbackRulesVersion(
            version: 1, effectiveFrom: LocalDate(year: 2022, month: 8, day: 1)!, rules: .qd766, setBy: "system",
            reason: "QĐ 766/QĐ-TTg ngày 23/6/2022, chỉ tiêu 5.2: tiếp nhận 2, yêu cầu bổ sung 5, trả lời 15, công khai 2 ngày làm việc", setAt: now)
        do {
            try await store.feedbackRules.add(first, closing: nil)
        } catch let error as DomainError where error.kind == .conflict {}
    }

    public func proposeRules(
        _ rules: FeedbackRules, effectiveFrom: LocalDate, reason: String, by user: User, now: Date, expectedLatest: Int?
    ) async throws -> FeedbackRulesVersion {
        guard user.can(.manageSettings) else { throw DomainError(.forbidden, "auth.forbidden") }
        let (added, closed) = try await rulesHistory().adding(
            rules, ruleErrors: rules.errors(), effectiveFrom: effectiveFrom, reason: reason, setBy: user.username, now: now, expectedLatest: expectedLatest)
        try await store.feedbackRules.add(added, closing: closed)
        return added
    }
}

extension FeedbackPolicy.Player {
    /// The role an event records.
    var roleName: String {
        switch self {
        case .role(let role): role.rawValue
        case .sender: "sender"
        }
    }
}

extension Feedback {
    /// A new item as received, before its deadlines are set and its code is given.
    init(
        new id: UUID, topic: FeedbackTopic, classification: FeedbackClass, unitID: UUID, sender: FeedbackSender, title: String, content: String,
        receivedAt: Date, rulesVersion: Int
    ) {
        self.init(
            id: id, code: "", version: 1, state: .received, topic: topic, classification: classification, procedureCode: nil, dossierCode: nil,
            officialName: nil, unitID: unitID, sender: sender, title: title, content: content, receivedAt: receivedAt, rulesVersion: rulesVersion,
            stageDue: nil, askDue: nil, lateDay: nil, pausedDaysLeft: nil, refusalReason: nil, question: nil, senderReply: nil, reopenReason: nil,
            answer: nil, answeredBy: nil, answeredAt: nil, finishedAt: nil, publishedAt: nil, reopenCount: 0, senderRating: nil, createdAt: receivedAt,
            updatedAt: receivedAt)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
