import Foundation
import WorkCalendar

/// The working days each stage of a feedback item may take, a versioned rule set (kind `feedback`).
/// The first version follows the service index's indicator 5.2 (DOMAIN.md §4): accept or refuse within 2,
/// ask for more information within 5 (from acceptance), answer within 15 (from acceptance, the days the
/// sender takes to reply not counted), publish within 2 (from the answer).
public struct FeedbackRules: Codable, Equatable, Sendable {
    public var acceptWithin: Int
    public var askWithin: Int
    public var answerWithin: Int
    public var publishWithin: Int

    public init(acceptWithin: Int, askWithin: Int, answerWithin: Int, publishWithin: Int) {
        self.acceptWithin = acceptWithin
        self.askWithin = askWithin
        self.answerWithin = answerWithin
        self.publishWithin = publishWithin
    }

    public static let qd766 = FeedbackRules(acceptWithin: 2, askWithin: 5, answerWithin: 15, publishWithin: 2)

    /// Each deadline a whole number of working days from 1 to 90.
    public func errors() -> [FieldError] {
        let fields: [(String, Int)] = [
            ("acceptWithin", acceptWithin), ("askWithin", askWithin), ("answerWithin", answerWithin), ("publishWithin", publishWithin),
        ]
        return fields.compactMap { name, value in
            (1...90).contains(value) ? nil : FieldError(name, "error.range", ["min": "1", "max": "90"])
        }
    }
}

public typealias FeedbackRulesVersion = RuleSetVersion<FeedbackRules>
public typealias FeedbackRulesHistory = RuleSetHistory<FeedbackRules>

public protocol FeedbackRulesRepository: Sendable {
    func history() async throws -> FeedbackRulesHistory
    /// Stores `added` and closes `closed`, if the latest version is still the one `closed` was made from.
    func add(_ added: FeedbackRulesVersion, closing closed: FeedbackRulesVersion?) async throws
}
