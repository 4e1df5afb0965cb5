import CCHCCore
import Vapor

/// Biên bản hội nghị đối thoại: the session as recorded, printable, each question with its answer and a
/// link to the feedback item or task it became.
struct DialogueRecordPage: Encodable {
    struct Question: Encodable {
        var number: Int
        var askedBy: String
        var text: String
        var answer: String?
        var followUpLabel: String?
        var followUpCode: String?
        var followUpHref: String?
        var pin: String?
    }

    var code: String
    var unitName: String
    var heldOn: String
    var place: String
    var chair: String
    var audience: String
    /// By group, as one line.
    var participants: String
    var participantCount: Int
    var questions: [Question]
    var conclusion: String
    var recordedBy: String
    var recordedAt: String
    /// Just recorded with feedback items: their PINs, shown once, to hand to the askers.
    var hasPINs: Bool
    var amendedBy: String?
    var amendedAt: String?
    var canAmend: Bool

    static func render(_ session: DialogueSession, pins: [String: String], _ request: Request, status: HTTPStatus = .ok) async throws -> Response {
        let tree = try await request.store.units.tree()
        let page = DialogueRecordPage(
            code: session.code, unitName: tree.unit(id: session.unitID)?.name ?? "", heldOn: session.heldOn.vietnameseFormat, place: session.place,
            chair: "\(session.chairName), \(session.chairTitle)", audience: request.t(session.audience.messageKey),
            participants: session.participants.map { "\(request.t($0.group.messageKey)): \($0.count)" }.joined(separator: "; "),
            participantCount: session.participantCount,
            questions: session.questions.enumerated().map { index, question in
                var row = Question(
                    number: index + 1, askedBy: question.askedBy + (question.organisation.map { " (\($0))" } ?? ""), text: question.text,
                    answer: question.answer)
                switch question.followUp {
                case .feedback(let code):
                    (row.followUpLabel, row.followUpCode, row.followUpHref, row.pin) = (
                        request.t("dialogue.follow_up.feedback"), code, "/feedback/\(code)", pins[code]
                    )
                case .task(let code):
                    (row.followUpLabel, row.followUpCode, row.followUpHref) = (request.t("dialogue.follow_up.task"), code, "/tasks/\(code)")
                case nil: break
                }
                return row
            }, conclusion: session.conclusion, recordedBy: session.recordedBy, recordedAt: DisplayFormat.dateTime(session.recordedAt),
            hasPINs: !pins.isEmpty, amendedBy: session.amendedBy, amendedAt: session.amendedAt.map(DisplayFormat.dateTime),
            canAmend: request.currentUser.map { user in
                user.can(.recordDialogues) && (user.reachedUnits(for: .recordDialogues, in: tree)?.contains(session.unitID) ?? true)
            } ?? false)
        return try await request.render("dialogues/show", title: "\(request.t("dialogue.record")) \(session.code)", page, status: status)
    }
}
