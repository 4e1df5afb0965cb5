import Foundation
import WorkCalendar

/// One filled questionnaire: the answer to each item by its code, as text (a scale level "1"–"5", an
/// option's code, "yes" or "no", a whole number, free text). It names no person: not the token it came
/// by, not the dossier, not the time of day.
public struct SurveyBallot: Codable, Equatable, Sendable {
    public var answers: [String: String]
    /// The respondent group of a leaders' survey, when the invitation named one.
    public var group: String?
    public var channel: SurveyChannel

    public init(answers: [String: String], group: String? = nil, channel: SurveyChannel) {
        self.answers = answers
        self.group = group
        self.channel = channel
    }

    public static let maximumTextLength = 2000

    /// The ballot as `questionnaire` reads it: unknown items dropped, blanks left out, every required item
    /// answered and every answer one the item allows; each bad item named by its code.
    public static func checked(_ raw: [String: String], against questionnaire: Questionnaire, channel: SurveyChannel, group: String?) throws -> SurveyBallot {
        var answers: [String: String] = [:]
        var errors: [FieldError] = []
        for item in questionnaire.items {
            let value = (raw[item.code] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty {
                if item.required { errors.append(FieldError(item.code, "survey.answer.required")) }
                continue
            }
            if let error = item.error(for: value, scale: questionnaire.scale.count) {
                errors.append(FieldError(item.code, error))
            } else {
                answers[item.code] = value
            }
        }
        try errors.throwIfAny()
        return SurveyBallot(answers: answers, group: group, channel: channel)
    }

    /// What the ballot adds to its campaign's tallies: one respondent by channel, and for every counted
    /// item one for its answer (whole numbers add their value to a sum and one to a count).
    public func tallies(campaignID: UUID, unitID: UUID, questionnaire: Questionnaire) -> [CounterChange] {
        var changes = [CounterChange(SurveyTally.key(campaignID, unitID, item: SurveyTally.respondents, option: channel.rawValue), 1)]
        for item in questionnaire.items {
            guard let value = answers[item.code] else { continue }
            switch item.kind {
            case .satisfaction, .choice, .yesNo:
                changes.append(CounterChange(SurveyTally.key(campaignID, unitID, item: item.code, option: value), 1))
            case .number:
                changes.append(CounterChange(SurveyTally.key(campaignID, unitID, item: item.code, option: SurveyTally.count), 1))
                changes.append(CounterChange(SurveyTally.key(campaignID, unitID, item: item.code, option: SurveyTally.sum), Int(value) ?? 0))
            case .text:
                continue
            }
        }
        return changes
    }
}

extension Questionnaire.Item {
    /// The message key when `value` is not an answer this item takes.
    func error(for value: String, scale: Int) -> String? {
        switch kind {
        case .satisfaction:
            guard let level = Int(value), level >= 1, level <= scale else { return "survey.answer.invalid" }
        case .choice, .yesNo:
            guard choices.contains(value) else { return "survey.answer.invalid" }
        case .number:
            guard let number = Int(value), (0...1_000_000).contains(number) else { return "survey.answer.number" }
        case .text:
            guard value.count <= SurveyBallot.maximumTextLength else { return "error.too_long" }
        }
        return nil
    }
}

/// Where a campaign's tallies live: the shared projection counters, one row per (campaign, unit, item,
/// answer), moved in the transaction that stores the ballot, so that results read a few thousand rows
/// however many answers there are.
public enum SurveyTally {
    public static let projection = "survey"
    /// The item name under which respondents are counted, by channel.
    public static let respondents = "_respondents"
    public static let count = "_count"
    public static let sum = "_sum"

    public static func key(_ campaignID: UUID, _ unitID: UUID, item: String, option: String) -> CounterKey {
        CounterKey(projection: projection, counter: campaignID.uuidString, entity: unitID, subject: "\(item)|\(option)")
    }

    /// The item and the answer a tally's subject holds.
    public static func parts(of subject: String) -> (item: String, option: String) {
        guard let bar = subject.lastIndex(of: "|") else { return (subject, "") }
        return (String(subject[..<bar]), String(subject[subject.index(after: bar)...]))
    }
}
