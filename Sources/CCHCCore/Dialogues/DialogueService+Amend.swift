import Foundation
import WorkCalendar

extension DialogueService {
    /// Corrects a recorded session: its day, place, chair, audience, participants and conclusion, and each
    /// question's asker and on-the-spot answer. `input.questions` holds one entry per recorded question, in
    /// order; a question's text and what it became stay, because the feedback item or task it became lives on
    /// in its own record. The unit stays too: moving a record would move who may read it.
    public func amend(code: String, _ input: DialogueInput, expectedVersion: Int, by user: User, now: Date) async throws -> DialogueSession {
        var session = try await view(code: code, by: user)
        let tree = try await store.units.tree()
        guard user.can(.recordDialogues), user.reachedUnits(for: .recordDialogues, in: tree)?.contains(session.unitID) ?? true else {
            throw DomainError(.forbidden, "auth.forbidden")
        }
        guard session.version == expectedVersion else { throw DomainError.staleVersion(current: session.version) }
        var header = input
        header.unitCode = tree.unit(id: session.unitID)?.code ?? ""
        header.questions = []
        var errors = header.errors(today: VietnamTime.localDate(of: now))
        if input.questions.count != session.questions.count {
            errors.append(FieldError("questions", "dialogue.questions.count", ["n": String(session.questions.count)]))
        }
        for (index, (recorded, amended)) in zip(session.questions, input.questions).enumerated() {
            errors += amended.amendmentErrors(prefix: "questions.\(index).", answerRequired: recorded.followUp == nil)
        }
        try errors.throwIfAny()
        guard let heldOn = LocalDate(flexible: input.heldOn.trimmed), let audience = DialogueAudience(rawValue: input.audience) else {
            throw DomainError.validation([FieldError("heldOn", "error.required")])
        }
        session.heldOn = heldOn
        session.place = input.place.trimmed
        session.chairName = input.chairName.trimmed
        session.chairTitle = input.chairTitle.trimmed
        session.audience = audience
        session.participants = DialogueParticipants.counted(input.participants)
        session.conclusion = input.conclusion.trimmed
        for (index, amended) in input.questions.enumerated() {
            session.questions[index].askedBy = amended.askedBy.trimmed
            session.questions[index].organisation = amended.organisation.trimmed.nilIfEmpty
            session.questions[index].answer = amended.answer.trimmed.nilIfEmpty
        }
        session.version += 1
        session.updatedAt = now
        session.amendedBy = user.username
        session.amendedAt = now
        try await store.dialogues.update(session, expectedVersion: expectedVersion)
        return session
    }
}

extension DialogueParticipants {
    /// The groups with a positive count, from counts as typed (checked by `DialogueInput.errors`).
    static func counted(_ typed: [Group: String]) -> [DialogueParticipants] {
        Group.allCases.compactMap { group in typed[group].flatMap { Int($0.trimmed) }.flatMap { $0 > 0 ? DialogueParticipants(group, $0) : nil } }
    }
}

extension DialogueQuestionInput {
    /// A correction's errors: the asker, their organisation and the answer (required for a question that was
    /// not sent on).
    func amendmentErrors(prefix: String, answerRequired: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        for (value, field, max) in [(askedBy, "askedBy", 200), (organisation, "organisation", 200), (answer, "answer", 4000)]
        where value.trimmed.count > max {
            errors.append(FieldError(prefix + field, "error.too_long", ["max": String(max)]))
        }
        if askedBy.trimmed.isEmpty { errors.append(FieldError(prefix + "askedBy", "error.required")) }
        if answerRequired, answer.trimmed.isEmpty { errors.append(FieldError(prefix + "answer", "dialogue.question.unanswered")) }
        return errors
    }
}
