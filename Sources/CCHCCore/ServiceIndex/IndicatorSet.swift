import Foundation
import WorkCalendar

/// The real-time service index's indicators in one version (Bộ chỉ số 766, QĐ 766/QĐ-TTg; DOMAIN.md §4):
/// groups, indicators with what they count and how they score, the report windows periods can name, and
/// rating bands. Stored as a `RuleSetVersion` and chosen by the period's last day; every result names the
/// version that produced it.
public struct IndicatorSet: Codable, Equatable, Sendable {
    public var groups: [IndicatorGroup]
    public var indicators: [Indicator]
    /// Periods a report names by code (`2026-report-Q1`), e.g. the Home Affairs windows 15/12–14/3.
    public var reportWindows: [ReportWindow]
    /// Labels for a total score (Tốt, Khá, ...): none are official, so none by default.
    public var ratingBands: [RatingBand]
    /// How long publishing a procedure may take (1.1, 1.2).
    public var publicationDeadlines: PublicationDeadlines

    public init(
        groups: [IndicatorGroup], indicators: [Indicator], reportWindows: [ReportWindow], ratingBands: [RatingBand] = [],
        publicationDeadlines: PublicationDeadlines = .qd766
    ) {
        self.groups = groups
        self.indicators = indicators
        self.reportWindows = reportWindows
        self.ratingBands = ratingBands
        self.publicationDeadlines = publicationDeadlines
    }

    /// A version written before publication deadlines were part of a set reads QĐ 766's.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            groups: try container.decode([IndicatorGroup].self, forKey: .groups),
            indicators: try container.decode([Indicator].self, forKey: .indicators),
            reportWindows: try container.decode([ReportWindow].self, forKey: .reportWindows),
            ratingBands: try container.decodeIfPresent([RatingBand].self, forKey: .ratingBands) ?? [],
            publicationDeadlines: try container.decodeIfPresent(PublicationDeadlines.self, forKey: .publicationDeadlines) ?? .qd766)
    }

    public func indicator(_ code: String) -> Indicator? { indicators.first { $0.code == code } }

    public func indicators(in group: String) -> [Indicator] { indicators.filter { $0.group == group } }

    /// The band a total falls in: the highest whose `from` it reaches.
    public func band(for total: Double) -> RatingBand? {
        ratingBands.filter { total >= $0.from }.max { $0.from < $1.from }
    }
}

public struct IndicatorGroup: Codable, Equatable, Sendable {
    public var code: String
    public var nameVi: String
    public var nameEn: String
    public var maximum: Double

    public init(code: String, nameVi: String, nameEn: String, maximum: Double) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.maximum = maximum
    }
}

public struct Indicator: Codable, Equatable, Sendable {
    public var code: String
    public var group: String
    public var nameVi: String
    public var nameEn: String
    public var numerator: IndicatorMeasure
    public var denominator: IndicatorMeasure
    /// When true, the ratio is one minus numerator over denominator (5.4: 100 % less the unhappy share).
    public var complement: Bool
    /// 0 for an indicator that is shown but earns no points (2.2, 5.1).
    public var maximum: Double
    public var scaling: IndicatorScaling
    public var emptyDenominator: EmptyDenominatorRule

    public init(
        code: String, group: String, nameVi: String, nameEn: String, numerator: IndicatorMeasure, denominator: IndicatorMeasure,
        complement: Bool = false, maximum: Double, scaling: IndicatorScaling, emptyDenominator: EmptyDenominatorRule = .zero
    ) {
        self.code = code
        self.group = group
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.numerator = numerator
        self.denominator = denominator
        self.complement = complement
        self.maximum = maximum
        self.scaling = scaling
        self.emptyDenominator = emptyDenominator
    }

    public func name(language: String) -> String { language == "en" ? nameEn : nameVi }
}

/// How a ratio becomes points: `linear` = max × ratio; `target` = min(max, max × ratio ÷ target);
/// `none` = shown with its figures, never scored. Written in a version's JSON as
/// `{"kind": "target", "target": 0.8}`.
public struct IndicatorScaling: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case linear, target, none
    }

    public var kind: Kind
    /// The ratio that earns the maximum, for `target` (0.8 for 80 %).
    public var target: Double?

    public init(_ kind: Kind, target: Double? = nil) {
        self.kind = kind
        self.target = target
    }

    public static let linear = IndicatorScaling(.linear)
    public static let none = IndicatorScaling(.none)
    public static func target(_ value: Double) -> IndicatorScaling { IndicatorScaling(.target, target: value) }
}

/// What an indicator earns when nothing was there to count (no dossier received, no feedback).
public enum EmptyDenominatorRule: String, Codable, Sendable {
    case zero
    case full
}

/// A named period of the year, given as month and day of its first and last days; `startsPreviousYear`
/// for windows that open in December of the year before (15/12–14/3 for the first quarter's report).
public struct ReportWindow: Codable, Equatable, Sendable {
    public var code: String
    public var nameVi: String
    public var nameEn: String
    public var startMonth: Int
    public var startDay: Int
    public var startsPreviousYear: Bool
    public var endMonth: Int
    public var endDay: Int

    public init(code: String, nameVi: String, nameEn: String, start: (month: Int, day: Int), previousYear: Bool, end: (month: Int, day: Int)) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        startMonth = start.month
        startDay = start.day
        startsPreviousYear = previousYear
        endMonth = end.month
        endDay = end.day
    }

    public func range(in year: Int) -> ClosedRange<LocalDate>? {
        guard let start = LocalDate(year: startsPreviousYear ? year - 1 : year, month: startMonth, day: startDay),
            let end = LocalDate(year: year, month: endMonth, day: endDay), start <= end
        else { return nil }
        return start...end
    }
}

public struct RatingBand: Codable, Equatable, Sendable {
    public var label: String
    /// The lowest total in the band (inclusive).
    public var from: Double

    public init(label: String, from: Double) {
        self.label = label
        self.from = from
    }
}

public typealias IndicatorSetVersion = RuleSetVersion<IndicatorSet>
public typealias IndicatorSetHistory = RuleSetHistory<IndicatorSet>
