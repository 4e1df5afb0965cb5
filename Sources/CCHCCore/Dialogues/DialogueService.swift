import Foundation
import WorkCalendar

/// The dialogue use cases: recording a session with its questions (each answered on the spot, sent on as a
/// feedback item, or put to a unit as a task), all in one transaction; reading the record; and counting the
/// sessions each unit held per quarter against the province's requirement.
public struct DialogueService: Sendable {
    public var store: any Store
    /// Builds the feedback use case on the transaction's store (the same deadlines and calendar as the server's).
    public var feedback: @Sendable (any Store) -> FeedbackService

    public init(store: any Store, feedback: @escaping @Sendable (any Store) -> FeedbackService) {
        self.store = store
        self.feedback = feedback
    }

    /// A session recorded, and the PINs of the feedback items its questions became (by code), to hand to
    /// the askers: only their hashes are stored.
    public struct Recorded: Sendable {
        public var session: DialogueSession
        public var feedbackPINs: [String: String]
    }

    /// Records a session of a unit `user` may record for. Questions become feedback items and tasks in the
    /// same transaction: if any fails, nothing is stored. With a claim, the answer is kept under its key in
    /// that transaction too.
    public func record(_ input: DialogueInput, by user: User, idempotency: IdempotencyClaim<Recorded>? = nil, now: Date) async throws -> Recorded {
        let today = VietnamTime.localDate(of: now)
        let tree = try await store.units.tree()
        var errors = input.errors(today: today)
        let unit = try recordableUnit(input.unitCode, by: user, tree: tree, today: today, errors: &errors)
        var followUpUnits: [Int: UUID] = [:]
        for (index, question) in input.questions.enumerated() where !question.isBlank && question.next != DialogueQuestionInput.Next.none {
            guard let target = tree.unit(code: question.unitCode.trimmed.uppercased()), target.isEffective(on: today) else {
                if !question.unitCode.trimmed.isEmpty { errors.append(FieldError("questions.\(index).unitCode", "feedback.unit.not_found")) }
                continue
            }
            followUpUnits[index] = target.id
        }
        try errors.throwIfAny()
        guard let unit, let heldOn = LocalDate(flexible: input.heldOn.trimmed), let audience = DialogueAudience(rawValue: input.audience) else {
            throw DomainError.validation([FieldError("unitCode", "error.required")])
        }
        let draft = DialogueSession(
            id: UUID(), code: "", version: 1, unitID: unit, heldOn: heldOn, place: input.place.trimmed, chairName: input.chairName.trimmed,
            chairTitle: input.chairTitle.trimmed, audience: audience,
            participants: DialogueParticipants.counted(input.participants),
            questions: [], conclusion: input.conclusion.trimmed, recordedBy: user.username, recordedAt: now, updatedAt: now)
        let (feedback, targets) = (self.feedback, followUpUnits)
        return try await store.transaction { store in
            var session = try await store.dialogues.create(draft)
            var pins: [String: String] = [:]
            for (index, question) in input.questions.enumerated() where !question.isBlank {
                var recorded = DialogueQuestion(
                    askedBy: question.askedBy.trimmed, organisation: question.organisation.trimmed.nilIfEmpty, text: question.text.trimmed,
                    answer: question.answer.trimmed.nilIfEmpty)
                switch question.next {
                case .feedback?:
                    let sent = try await Self.sendOn(question, index: index, from: session, service: feedback(store), now: now)
                    recorded.followUp = .feedback(code: sent.feedback.code)
                    pins[sent.feedback.code] = sent.pin
                case .task?:
                    // Checked before the transaction: a unit and a day are there.
                    guard let unitID = targets[index], let due = LocalDate(flexible: question.dueOn.trimmed) else {
                        throw DomainError.validation([FieldError("questions.\(index).dueOn", "error.required")])
                    }
                    let task = try await store.tasks.create(
                        AssignedTask(
                            title: String(recorded.text.prefix(200)), detail: Self.taskDetail(recorded, session: session), unitID: unitID, dueOn: due,
                            source: TaskSource(.dialogue, reference: session.code), createdBy: user.username, createdAt: now))
                    recorded.followUp = .task(code: task.code)
                case .none?, nil: break
                }
                session.questions.append(recorded)
            }
            try await store.dialogues.update(session, expectedVersion: 1)
            let recorded = Recorded(session: session, feedbackPINs: pins)
            if let idempotency { try await store.idempotency.record(idempotency.key, response: try idempotency.response(for: recorded), at: now) }
            return recorded
        }
    }

    /// The unit named, if it exists and `user` may record for it; otherwise its error is added.
    private func recordableUnit(_ code: String, by user: User, tree: UnitTree, today: LocalDate, errors: inout [FieldError]) throws -> UUID? {
        guard user.can(.recordDialogues) else { throw DomainError(.forbidden, "auth.forbidden") }
        guard !code.trimmed.isEmpty else { return nil }
        guard let unit = tree.unit(code: code.trimmed.uppercased()), unit.isEffective(on: today) else {
            errors.append(FieldError("unitCode", "feedback.unit.not_found"))
            return nil
        }
        if let reached = user.reachedUnits(for: .recordDialogues, in: tree), !reached.contains(unit.id) {
            errors.append(FieldError("unitCode", "dialogue.unit.not_yours"))
            return nil
        }
        return unit.id
    }

    /// A question sent on as feedback: the asker is its sender, the responsible unit handles it on the
    /// feedback deadlines, and its content says which session it was raised at.
    static func sendOn(
        _ question: DialogueQuestionInput, index: Int, from session: DialogueSession, service: FeedbackService, now: Date
    ) async throws -> SubmittedFeedback {
        let (phone, email) = question.phoneAndEmail
        let submission = FeedbackSubmission(
            name: question.askedBy, phone: phone, email: email, topic: .unit, unitCode: question.unitCode,
            title: String("Đối thoại \(session.code): \(question.text.trimmed)".prefix(200)),
            content: question.text.trimmed + (question.answer.trimmed.isEmpty ? "" : "\n\nĐã trả lời tại hội nghị: \(question.answer.trimmed)"))
        do {
            return try await service.submit(submission, account: nil, address: "dialogue", now: now)
        } catch let error as DomainError where error.kind == .validation {
            let renamed = ["name": "askedBy", "phone": "contact", "email": "contact", "title": "text", "content": "text"]
            throw DomainError.validation(error.fields.map { FieldError("questions.\(index).\(renamed[$0.field] ?? $0.field)", $0.code, $0.arguments) })
        }
    }

    static func taskDetail(_ question: DialogueQuestion, session: DialogueSession) -> String {
        var lines = ["Câu hỏi của \(question.askedBy)\(question.organisation.map { " (\($0))" } ?? "") tại hội nghị đối thoại \(session.code):", question.text]
        if let answer = question.answer { lines.append("Đã trả lời tại hội nghị: \(answer)") }
        return lines.joined(separator: "\n")
    }

    // MARK: Reading

    /// A session, for someone whose reach includes its unit.
    public func view(code: String, by user: User) async throws -> DialogueSession {
        guard user.can(.viewDialogues), let session = try await store.dialogues.find(code: code.trimmed.uppercased()) else {
            throw DomainError.notFound("dialogue.not_found")
        }
        if let reached = user.reachedUnits(for: .viewDialogues, in: try await store.units.tree()), !reached.contains(session.unitID) {
            throw DomainError.notFound("dialogue.not_found")
        }
        return session
    }

    /// The sessions `user` may read in `year`, and per unit and quarter how many were held against the
    /// requirement in force at the quarter's end.
    public func year(_ year: Int, by user: User, today: LocalDate) async throws -> DialogueYear {
        guard user.can(.viewDialogues) else { throw DomainError(.forbidden, "auth.forbidden") }
        guard let first = LocalDate(year: year, month: 1, day: 1), let last = LocalDate(year: year, month: 12, day: 31) else {
            throw DomainError.validation([FieldError("year", "error.invalid_value")])
        }
        let tree = try await store.units.tree()
        let reached = user.reachedUnits(for: .viewDialogues, in: tree)
        let sessions = try await store.dialogues.list(units: reached, from: first, to: last)
        let settings = try await store.provinceSettings.history()
        let required = (1...4).map { settings.settings(on: Quarter(year: year, number: $0).lastDay).rules.dialoguesPerQuarter }
        let units = tree.units.filter { unit in
            DialogueYear.holdsDialogues(unit.kind) && unit.effectiveFrom <= last && (unit.effectiveTo.map { $0 >= first } ?? true)
                && (reached?.contains(unit.id) ?? true)
        }
        return DialogueYear(year: year, sessions: sessions, units: units, required: required, today: today)
    }
}
