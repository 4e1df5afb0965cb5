import CCHCCore
import Vapor
import WorkCalendar

/// A feedback item as a list row: its code, what it is about, its state and the current stage's day.
struct FeedbackRow: Encodable {
    var code: String
    var href: String
    var title: String
    var topic: String
    var unitName: String
    var stateName: String
    var state: String
    var receivedAt: String
    var stageDue: String?
    /// overdue, nearing or empty: the row's colour, as in the dossier queues.
    var urgency: String

    init(_ feedback: Feedback, tree: UnitTree, calendar: WorkingCalendar, today: LocalDate, request: Request, href: String) {
        code = feedback.code
        self.href = href
        title = feedback.title
        topic = request.t(feedback.topic.messageKey)
        unitName = tree.unit(id: feedback.unitID)?.name ?? ""
        state = feedback.state.rawValue
        stateName = request.t(feedback.state.messageKey)
        receivedAt = DisplayFormat.dateTime(feedback.receivedAt)
        stageDue = feedback.stageDue?.vietnameseFormat
        urgency = feedback.isOverdue(today: today) ? "overdue" : feedback.isNearingDue(today: today, calendar: calendar) ? "nearing" : ""
    }
}

/// One item in full, as its sender or an officer sees it; `publicView` leaves out who sent it.
struct FeedbackDetail: Encodable {
    struct Entry: Encodable {
        var action: String
        var actor: String
        var at: String
        var text: String?
    }

    struct Attachment: Encodable {
        var id: String
        var name: String
        var kilobytes: Int
        /// Where it downloads from; nil when it is fetched with the code and PIN (`pinForm`).
        var href: String?
    }

    /// What a download by code and PIN posts (the PIN never goes into a URL).
    struct PINForm: Encodable {
        var csrf: String
        var pin: String
    }

    var code: String
    var version: Int
    var title: String
    var content: String
    var attachments: [Attachment]
    var pinForm: PINForm?
    var topic: String
    var classification: String
    var reference: String?
    var unitName: String
    var state: String
    var stateName: String
    var receivedAt: String
    var stageDue: String?
    var overdue: Bool
    var late: Bool
    var senderName: String?
    var senderContact: String?
    var question: String?
    var senderReply: String?
    var refusalReason: String?
    var answer: String?
    var answeredBy: String?
    var answeredAt: String?
    var publishedAt: String?
    var reopenCount: Int
    var rating: String?
    var rulesVersion: Int
    var history: [Entry]

    /// `attachmentsAt`: the path the attachments download under (`<path>/<id>`); without it, by `pin`.
    init(
        _ feedback: Feedback, events: [FeedbackEvent], tree: UnitTree, today: LocalDate, request: Request, publicView: Bool = false,
        attachmentsAt path: String? = nil, pin: String? = nil
    ) {
        let text = { (value: String?) in publicView ? value.map(PublicText.masked) : value }
        attachments =
            publicView
            ? []
            : (feedback.attachments ?? []).map { file in
                Attachment(
                    id: file.id.uuidString.lowercased(), name: file.originalName, kilobytes: max(1, file.size / 1024),
                    href: path.map { "\($0)/\(file.id.uuidString.lowercased())" })
            }
        pinForm = path == nil && !attachments.isEmpty ? pin.map { PINForm(csrf: request.csrfToken, pin: $0) } : nil
        code = feedback.code
        version = feedback.version
        title = text(feedback.title) ?? ""
        content = text(feedback.content) ?? ""
        topic = request.t(feedback.topic.messageKey)
        classification = request.t(feedback.classification.messageKey)
        reference = feedback.procedureCode ?? (publicView ? nil : feedback.dossierCode ?? feedback.officialName)
        unitName = tree.unit(id: feedback.unitID)?.name ?? ""
        state = feedback.state.rawValue
        stateName = request.t(feedback.state.messageKey)
        receivedAt = DisplayFormat.dateTime(feedback.receivedAt)
        stageDue = feedback.stageDue?.vietnameseFormat
        overdue = feedback.isOverdue(today: today)
        late = feedback.lateDay != nil
        senderName = publicView ? nil : feedback.sender.name
        senderContact = publicView ? nil : [feedback.sender.phone, feedback.sender.email].compactMap { $0 }.joined(separator: " · ")
        question = text(feedback.question)
        senderReply = text(feedback.senderReply)
        refusalReason = text(feedback.refusalReason)
        answer = text(feedback.answer)
        answeredBy = publicView ? nil : feedback.answeredBy
        answeredAt = feedback.answeredAt.map(DisplayFormat.dateTime)
        publishedAt = feedback.publishedAt.map(DisplayFormat.dateTime)
        reopenCount = feedback.reopenCount
        rating = feedback.senderRating.map { request.t($0.messageKey) }
        rulesVersion = feedback.rulesVersion
        history = events.map { event in
            Entry(
                action: request.t("feedback.event.\(event.draft.payload.action)"), actor: publicView ? "" : event.draft.actorName,
                at: DisplayFormat.dateTime(event.draft.occurredAt), text: publicView ? nil : event.draft.payload.text)
        }
    }
}

/// The action forms of an item's page: one per action the reader may take now.
struct FeedbackActionForms: Encodable {
    struct Kind: Encodable {
        var kind: String
        var label: String
        /// The label of its text field (the answer, the reply).
        var textLabel: String?
    }

    var kinds: [Kind]
    /// Where the forms post: the officer's action route, or the sender's with the code and PIN.
    var postTo: String
    var code: String
    var version: Int
    var pin: String?
    var classes: [SelectOption]
    var ratings: [SelectOption]
    var form: FormState

    /// `pin`: the sender's forms by code and PIN; `postTo`: where a form other than the officers' posts.
    init(_ kinds: [FeedbackAction.Kind], feedback: Feedback, form: FormState, request: Request, pin: String? = nil, postTo: String? = nil) {
        self.kinds = kinds.map { kind in
            Kind(
                kind: kind.rawValue, label: request.t(kind.messageKey),
                textLabel: kind == .answer || kind == .reply ? request.t("feedback.text.\(kind.rawValue)") : nil)
        }
        self.postTo = postTo ?? (pin == nil ? "/feedback/\(feedback.code)/actions" : "/feedback/lookup/action")
        code = feedback.code
        version = feedback.version
        self.pin = pin
        let chosen = form.values["classification"] ?? feedback.classification.rawValue
        classes = FeedbackClass.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == chosen) }
        let rating = form.values["rating"] ?? feedback.senderRating?.rawValue ?? ""
        ratings = FeedbackRating.allCases.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == rating) }
        self.form = form
    }
}

extension Request {
    var feedbackService: FeedbackService {
        let (store, calendars) = (store, application.services.calendars)
        return FeedbackService(
            store: store, maximumLookupFailures: config.lookupMaximumFailures, calendar: { try await calendars.current(store) },
            files: application.services.files)
    }
}

/// Reads an action from form or API fields; a missing or unknown value is named as the field's error.
enum FeedbackActionInput {
    static let fields = ["kind", "classification", "reason", "question", "text", "unit", "rating"]

    static func action(_ fields: [String: String], tree: UnitTree) throws -> FeedbackAction {
        let value = { (name: String) in fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        guard let kind = FeedbackAction.Kind(rawValue: value("kind")) else {
            throw DomainError.validation([FieldError("kind", "error.invalid_value")])
        }
        switch kind {
        case .accept:
            guard let classification = FeedbackClass(rawValue: value("classification")) else {
                throw DomainError.validation([FieldError("classification", "error.required")])
            }
            return .accept(classification)
        case .refuse: return .refuse(reason: value("reason"))
        case .transfer:
            guard let unit = tree.unit(code: value("unit").uppercased()) ?? tree.unit(code: value("unit")) else {
                throw DomainError.validation([FieldError("unit", "feedback.unit.not_found")])
            }
            return .transfer(to: unit.id)
        case .askInfo: return .askInfo(question: value("question"))
        case .reply: return .reply(value("text"))
        case .answer: return .answer(value("text"))
        case .publish: return .publish
        case .reopen: return .reopen(reason: value("reason"))
        case .rate:
            guard let rating = FeedbackRating(rawValue: value("rating")) else {
                throw DomainError.validation([FieldError("rating", "error.required")])
            }
            return .rate(rating)
        }
    }
}
