import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func submitFeedback(_ input: Operations.SubmitFeedback.Input) async throws -> Operations.SubmitFeedback.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let submission = FeedbackSubmission(
            name: body.name ?? "", phone: body.phone ?? "", email: body.email ?? "", topic: FeedbackTopic(rawValue: body.topic.rawValue) ?? .other,
            procedureCode: body.procedureCode ?? "", unitCode: body.unitCode ?? "", dossierCode: body.dossierCode ?? "",
            dossierPIN: body.dossierPIN ?? "", officialName: body.officialName ?? "", title: body.title, content: body.content)
        // Without an account the key belongs to the client's address: two senders cannot collide on one key.
        let key = try input.headers.idempotencyKey.flatMap { try Idempotency.key($0, owner: "feedback:" + request.throttleKey, body: body) }
        let (service, address, now) = (request.feedbackService, request.throttleKey, request.now)
        let answer = try await request.store.idempotent(key, decode: Idempotency.decode) { key in
            let claim = key.map { key in
                IdempotencyClaim<SubmittedFeedback>(key: key, status: 201) { try Idempotency.encode(Components.Schemas.FeedbackCreated($0)) }
            }
            return Components.Schemas.FeedbackCreated(try await service.submit(submission, account: nil, idempotency: claim, address: address, now: now))
        }
        return .created(.init(body: .json(answer)))
    }

    func lookUpFeedback(_ input: Operations.LookUpFeedback.Input) async throws -> Operations.LookUpFeedback.Output {
        let request = try self.request
        let pin =
            switch input.body {
            case .json(let json): json.pin
            }
        let feedback = try await request.feedbackService.lookUp(code: input.path.code, pin: pin, address: request.throttleKey, now: request.now)
        return .ok(.init(body: .json(try await .init(feedback, actor: .sender, request: request))))
    }

    func actOnFeedbackAsSender(_ input: Operations.ActOnFeedbackAsSender.Input) async throws -> Operations.ActOnFeedbackAsSender.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let service = request.feedbackService
        let feedback = try await service.lookUp(code: input.path.code, pin: body.pin, address: request.throttleKey, now: request.now)
        let fields = ["kind": body.kind.rawValue, "text": body.text ?? "", "reason": body.reason ?? "", "rating": body.rating?.rawValue ?? ""]
        let action = try FeedbackActionInput.action(fields, tree: try await request.store.units.tree())
        let saved = try await service.act(on: feedback, action, expectedVersion: body.version, by: .sender, now: request.now)
        return .ok(.init(body: .json(try await .init(saved, actor: .sender, request: request))))
    }

    func listPublishedFeedback(_ input: Operations.ListPublishedFeedback.Input) async throws -> Operations.ListPublishedFeedback.Output {
        let request = try self.request
        let page = try await request.feedbackService.published(
            text: input.query.q, cursor: input.query.cursor.flatMap { $0.isEmpty ? nil : $0 }, limit: Cursor.limit(input.query.limit))
        let tree = try await request.store.units.tree()
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, tree: tree) }, nextCursor: page.nextCursor))))
    }

    func listFeedback(_ input: Operations.ListFeedback.Input) async throws -> Operations.ListFeedback.Output {
        let request = try self.request
        let query = FeedbackQuery(
            states: input.query.state.flatMap { FeedbackState(rawValue: $0.rawValue) }.map { [$0] } ?? [],
            stageDueBefore: input.query.overdue == true ? request.today : nil, text: input.query.q.map(SearchText.fold),
            cursor: input.query.cursor.flatMap { $0.isEmpty ? nil : $0 }, limit: Cursor.limit(input.query.limit))
        let user = try request.requireUser()
        let page = try await request.feedbackService.queue(query, by: user)
        var items: [Components.Schemas.Feedback] = []
        for feedback in page.items { items.append(try await .init(feedback, actor: .staff(user), request: request, withEvents: false)) }
        return .ok(.init(body: .json(.init(items: items, nextCursor: page.nextCursor))))
    }

    func getFeedback(_ input: Operations.GetFeedback.Input) async throws -> Operations.GetFeedback.Output {
        let request = try self.request
        let user = try request.requireUser()
        let (feedback, _) = try await request.feedbackService.view(code: input.path.code, by: user)
        return .ok(.init(body: .json(try await .init(feedback, actor: .staff(user), request: request))))
    }

    func getFeedbackAttachment(_ input: Operations.GetFeedbackAttachment.Input) async throws -> Operations.GetFeedbackAttachment.Output {
        let request = try self.request
        let service = request.feedbackService
        let (feedback, _) = try await service.view(code: input.path.code, by: try request.requireUser())
        guard let id = UUID(uuidString: input.path.id) else { throw DomainError.notFound("upload.not_found") }
        let file = try service.attachment(id, of: feedback)
        let body = HTTPBody(try await request.application.services.files.read(file))
        let content: Operations.GetFeedbackAttachment.Output.Ok.Body =
            switch file.kind {
            case .pdf: .pdf(body)
            case .jpeg: .jpeg(body)
            case .png: .png(body)
            }
        return .ok(.init(body: content))
    }

    func actOnFeedback(_ input: Operations.ActOnFeedback.Input) async throws -> Operations.ActOnFeedback.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let user = try request.requireUser()
        let service = request.feedbackService
        let (feedback, _) = try await service.view(code: input.path.code, by: user)
        let fields = [
            "kind": body.kind.rawValue, "classification": body.classification?.rawValue ?? "", "reason": body.reason ?? "",
            "question": body.question ?? "", "text": body.text ?? "", "unit": body.unit ?? "",
        ]
        let action = try FeedbackActionInput.action(fields, tree: try await request.store.units.tree())
        let saved = try await service.act(on: feedback, action, expectedVersion: body.version, by: .staff(user), now: request.now)
        return .ok(.init(body: .json(try await .init(saved, actor: .staff(user), request: request))))
    }
}

extension APIHandler {
    func getFeedbackRules(_ input: Operations.GetFeedbackRules.Input) async throws -> Operations.GetFeedbackRules.Output {
        let history = try await self.request.feedbackService.rulesHistory()
        return .ok(.init(body: .json(.init(versions: history.versions.map(Components.Schemas.FeedbackRulesVersion.init)))))
    }

    func createFeedbackRulesVersion(_ input: Operations.CreateFeedbackRulesVersion.Input) async throws -> Operations.CreateFeedbackRulesVersion.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let rules = FeedbackRules(
            acceptWithin: body.acceptWithin, askWithin: body.askWithin, answerWithin: body.answerWithin, publishWithin: body.publishWithin)
        guard let from = LocalDate(body.effectiveFrom) else {
            throw DomainError.validation(rules.errors() + [FieldError("effectiveFrom", "error.date_invalid")])
        }
        let added = try await request.feedbackService.proposeRules(
            rules, effectiveFrom: from, reason: body.reason, by: try request.requireUser(), now: request.now, expectedLatest: body.expectedLatestVersion)
        return .created(.init(body: .json(.init(added))))
    }
}

extension Components.Schemas.FeedbackRulesVersion {
    init(_ version: FeedbackRulesVersion) {
        self.init(
            version: version.version, effectiveFrom: version.effectiveFrom.description, effectiveTo: version.effectiveTo?.description,
            setBy: version.setBy, reason: version.reason, acceptWithin: version.rules.acceptWithin, askWithin: version.rules.askWithin,
            answerWithin: version.rules.answerWithin, publishWithin: version.rules.publishWithin)
    }
}

/// The answer to a feedback submission kept under its idempotency key: it holds the PIN, which a retry
/// must get again (the client may have lost the first answer).
extension Components.Schemas.FeedbackCreated {
    init(_ submitted: SubmittedFeedback) {
        let feedback = submitted.feedback
        self.init(
            code: feedback.code, pin: submitted.pin, state: .init(rawValue: feedback.state.rawValue) ?? .received,
            acceptBy: feedback.stageDue?.description ?? "", rulesVersion: feedback.rulesVersion)
    }
}

extension Components.Schemas.Feedback {
    /// The item as `actor` may read it; the sender's own contact is theirs and the officers' to see.
    init(_ feedback: Feedback, actor: FeedbackPolicy.Actor, request: Request, withEvents: Bool = true) async throws {
        let tree = try await request.store.units.tree()
        let events = withEvents ? try await request.store.feedback.events(of: feedback.id) : []
        self.init(
            code: feedback.code, version: feedback.version, state: .init(rawValue: feedback.state.rawValue) ?? .received,
            topic: feedback.topic.rawValue, classification: feedback.classification.rawValue, procedureCode: feedback.procedureCode,
            dossierCode: feedback.dossierCode, officialName: feedback.officialName, unitCode: tree.unit(id: feedback.unitID)?.code ?? "",
            senderName: feedback.sender.name, senderPhone: feedback.sender.phone, senderEmail: feedback.sender.email, title: feedback.title,
            content: feedback.content, receivedAt: feedback.receivedAt, stageDue: feedback.stageDue?.description, late: feedback.lateDay != nil,
            question: feedback.question, senderReply: feedback.senderReply, refusalReason: feedback.refusalReason, answer: feedback.answer,
            answeredAt: feedback.answeredAt, publishedAt: feedback.publishedAt, reopenCount: feedback.reopenCount,
            rating: feedback.senderRating.flatMap { .init(rawValue: $0.rawValue) }, rulesVersion: feedback.rulesVersion,
            attachments: (feedback.attachments ?? []).map { file in
                .init(
                    id: file.id.uuidString.lowercased(), name: file.originalName, contentType: .init(rawValue: file.kind.contentType) ?? .applicationPdf,
                    size: file.size, sha256: file.sha256)
            },
            availableActions: FeedbackPolicy.available(to: actor, on: feedback, tree: tree).map(\.rawValue),
            events: events.map { event in
                .init(
                    sequence: event.sequence, action: event.draft.payload.action,
                    stateBefore: event.draft.stateBefore.flatMap { .init(rawValue: $0.rawValue) },
                    stateAfter: .init(rawValue: event.draft.stateAfter.rawValue) ?? .received, actorName: event.draft.actorName,
                    actorRole: event.draft.actorRole, occurredAt: event.draft.occurredAt, text: event.draft.payload.text)
            })
    }
}

extension Components.Schemas.PublishedFeedback {
    init(_ feedback: Feedback, tree: UnitTree) {
        let unit = tree.unit(id: feedback.unitID)
        self.init(
            code: feedback.code, topic: feedback.topic.rawValue, procedureCode: feedback.procedureCode, unitCode: unit?.code ?? "",
            unitName: unit?.name, title: PublicText.masked(feedback.title), content: PublicText.masked(feedback.content),
            answer: PublicText.masked(feedback.answer ?? ""), receivedAt: feedback.receivedAt, publishedAt: feedback.publishedAt ?? feedback.receivedAt,
            rating: feedback.senderRating.flatMap { .init(rawValue: $0.rawValue) })
    }
}
