import Foundation

/// The messages feedback answers and task deadlines cause.
public enum GovernanceNotifications {
    /// The sender hears when their feedback is answered.
    public static func requests(for event: FeedbackEventDraft, feedback: Feedback) -> [NotificationRequest] {
        guard case .answered = event.payload else { return [] }
        let sender = NotificationRequest.Contact(email: feedback.sender.email, phone: feedback.sender.phone, accountID: feedback.sender.accountID)
        return [
            NotificationRequest(
                kind: .feedbackAnswered, audience: .citizen(sender),
                parameters: ["code": feedback.code, "link": "/feedback/lookup?code=" + DossierNotifications.percentEncoded(feedback.code)])
        ]
    }

    /// The unit's leaders hear once when a task nears its deadline and once when it passes it.
    public static func requests(forTask task: AssignedTask, nearing: Bool, overdue: Bool) -> [NotificationRequest] {
        let parameters = ["task": task.title, "dueDate": task.dueOn.vietnameseFormat, "link": "/tasks/" + task.code]
        let kinds: [NotificationKind] = (nearing && !overdue ? [.taskDue] : []) + (overdue ? [.taskOverdue] : [])
        return kinds.map {
            NotificationRequest(
                kind: $0, audience: .unitStaff(unitID: task.unitID, roles: [.unitLeader]), parameters: parameters, onceKey: "\($0.rawValue)|\(task.id)")
        }
    }
}
