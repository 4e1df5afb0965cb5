import Foundation

/// How a leaf is measured. Written as text in JSON and CSV: `self`, `statistic`, `survey:citizens`,
/// `survey:leaders`, `computed:index.2.1`, `computed:tasks.on_time`.
public enum ParMethod: Equatable, Sendable {
    /// The unit scores itself with evidence; Home Affairs appraises.
    case selfAssessed
    /// From a survey's index for the unit: the citizens' (SIPAS) or the leaders'.
    case survey(ParSurveySource)
    /// A statistic entered by the appraiser (socio-economic impact).
    case statistic
    /// A figure cchc computes from its own data for the year (`ParLiveMeasure`), filled in automatically.
    case computed(ParLiveMeasure)

    public init?(text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("self", 1): self = .selfAssessed
        case ("statistic", 1): self = .statistic
        case ("survey", 2): guard let source = ParSurveySource(rawValue: parts[1]) else { return nil }; self = .survey(source)
        case ("computed", 2):
            let measure = ParLiveMeasure(rawValue: parts[1])
            guard measure.isKnown else { return nil }
            self = .computed(measure)
        default: return nil
        }
    }

    public var text: String {
        switch self {
        case .selfAssessed: "self"
        case .statistic: "statistic"
        case .survey(let source): "survey:\(source.rawValue)"
        case .computed(let measure): "computed:\(measure.rawValue)"
        }
    }

    /// `self`, `survey`, `statistic` or `computed`.
    public var kind: String { String(text.prefix { $0 != ":" }) }

    /// Whether the unit answers it (and attaches evidence) rather than the appraiser or cchc.
    public var isSelfAssessed: Bool { self == .selfAssessed }
}

public enum ParSurveySource: String, Codable, CaseIterable, Sendable {
    case citizens
    case leaders
}

/// The live figures a criterion can read: a share of the real-time service index for the unit over the
/// year (`index.<indicator>`, e.g. `index.2.1` on time, `index.3.3` filed online, `index.4.2` digitised,
/// `index.5.2` feedback on time), or the tasks put to the unit done by their day (`tasks.on_time`).
public struct ParLiveMeasure: Codable, Hashable, Sendable, RawRepresentable {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let tasksOnTime = ParLiveMeasure(rawValue: "tasks.on_time")
    /// The periodic reports of the year past their due day that the unit sent late or has not sent.
    public static let reportsLate = ParLiveMeasure(rawValue: "reports.late")
    public static func index(_ indicator: String) -> ParLiveMeasure { ParLiveMeasure(rawValue: "index." + indicator) }

    /// A number of occurrences rather than a rate.
    public var isCount: Bool { self == .reportsLate }

    /// The service index indicator it reads, if it reads one.
    public var indicator: String? { rawValue.hasPrefix("index.") ? String(rawValue.dropFirst("index.".count)) : nil }
    public var isKnown: Bool { self == .tasksOnTime || self == .reportsLate || indicator.map { !$0.isEmpty } == true }
}

/// How a response becomes points (DOMAIN.md §5's rule types). Written as text in JSON and CSV: `yes_no`,
/// `tiers:1,0.75,0.5,0`, `proportional:100`, `deduction:0.5`, `points`.
public enum ParRule: Equatable, Sendable {
    /// Done or not: the maximum or nothing.
    case yesNo
    /// One of several tiers, each a share of the maximum, best first (1, 0.75, 0.5, 0).
    case tiers([Double])
    /// A rate in percent: the maximum at `target` % or above, in proportion below.
    case proportional(target: Double)
    /// The maximum less `each` point per occurrence (a late report), never below zero.
    case deduction(each: Double)
    /// Any points from 0 to the maximum (an appraiser's figure, a bonus, a penalty).
    case points

    public init?(text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
        let number = parts.count == 2 ? Double(parts[1].trimmingCharacters(in: .whitespaces)) : nil
        switch (parts.first, parts.count) {
        case ("yes_no", 1): self = .yesNo
        case ("points", 1): self = .points
        case ("proportional", 2): guard let number else { return nil }; self = .proportional(target: number)
        case ("deduction", 2): guard let number else { return nil }; self = .deduction(each: number)
        case ("tiers", 2):
            let shares = parts[1].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !shares.isEmpty, !shares.contains(nil) else { return nil }
            self = .tiers(shares.compactMap { $0 })
        default: return nil
        }
    }

    public var text: String {
        switch self {
        case .yesNo: "yes_no"
        case .points: "points"
        case .proportional(let target): "proportional:\(ParRule.number(target))"
        case .deduction(let each): "deduction:\(ParRule.number(each))"
        case .tiers(let shares): "tiers:" + shares.map(ParRule.number).joined(separator: ",")
        }
    }

    /// A number as a person writes it: 100, 0.75.
    /// A whole number without its ".0"; any other value (a fraction, or one too large for an `Int`, which a
    /// bad upload may hold) as Swift writes it.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A value written as one line of text in JSON and CSV (a rule, a method), read back by `init?(text:)`.
public protocol TextCoded: Codable {
    init?(text: String)
    var text: String { get }
}

extension TextCoded {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown value \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension ParMethod: TextCoded {}
extension ParRule: TextCoded {}
