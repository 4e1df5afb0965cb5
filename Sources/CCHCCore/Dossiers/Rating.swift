import Foundation

/// A citizen's evaluation of a returned dossier: nine indicators scored 2, 1 or 0 (DOMAIN.md §3.5), plus
/// overall satisfaction. One per dossier.
public struct Rating: Codable, Equatable, Sendable {
    public enum Satisfaction: String, Codable, CaseIterable, Sendable {
        case verySatisfied = "very_satisfied"
        case satisfied
        case dissatisfied

        public var messageKey: String { "rating.satisfaction.\(rawValue)" }
    }

    /// The indicators, in order; each is scored 0, 1 or 2.
    public static let indicators = [
        "total_time", "unit_time", "contacts", "bodies", "one_stop", "publicity", "attitude", "feedback", "online_progress",
    ]
    public static let maximumScore = 2 * indicators.count

    /// A returned dossier waits for its applicant's rating until it has one; a rating is given once.
    public static func isAwaited(status: DossierStatus, rated: Bool) -> Bool { status == .returned && !rated }

    public var scores: [Int]
    public var satisfaction: Satisfaction
    public var comment: String
    public var ratedAt: Date

    public init(scores: [Int], satisfaction: Satisfaction, comment: String = "", ratedAt: Date) {
        self.scores = scores
        self.satisfaction = satisfaction
        self.comment = comment
        self.ratedAt = ratedAt
    }

    public var total: Int { scores.reduce(0, +) }

    public static func errors(scores: [Int], comment: String) -> [FieldError] {
        var errors: [FieldError] = []
        if scores.count != indicators.count {
            errors.append(FieldError("scores", "rating.scores.count", ["count": String(indicators.count)]))
        }
        for (index, score) in scores.enumerated() where !(0...2).contains(score) {
            errors.append(FieldError("scores.\(index)", "rating.scores.range"))
        }
        if comment.count > 2000 { errors.append(FieldError("comment", "error.too_long", ["max": "2000"])) }
        return errors
    }
}

/// How a total score reads. Bands are data the province sets in its settings (one province: >15 excellent,
/// 12–15 good, 9–12 fair, 6–9 average, <6 poor); each band here starts at its minimum and runs up to the
/// next band's minimum, so every score, 15 included, lands in exactly one band.
public struct RatingBands: Equatable, Sendable {
    public struct Band: Codable, Equatable, Sendable {
        public var minimum: Int
        /// As the province names it (Xuất sắc, Tốt…): data, shown as entered.
        public var label: String

        public init(minimum: Int, label: String) {
            self.minimum = minimum
            self.label = label
        }
    }

    /// Highest minimum first.
    public let bands: [Band]

    public init(_ bands: [Band]) {
        self.bands = bands.sorted { $0.minimum > $1.minimum }
    }

    public static let standard = RatingBands([
        Band(minimum: 16, label: "Xuất sắc"),
        Band(minimum: 12, label: "Tốt"),
        Band(minimum: 9, label: "Khá"),
        Band(minimum: 6, label: "Trung bình"),
        Band(minimum: 0, label: "Yếu"),
    ])

    public func band(for score: Int) -> Band? {
        bands.first { score >= $0.minimum }
    }

    /// Bands that cannot be read as one scale: a minimum outside 0–18 or used twice, or a band without a name.
    /// No bands at all is allowed (the total is shown without a band).
    public static func errors(_ bands: [Band]) -> [FieldError] {
        var errors: [FieldError] = []
        var seen: Set<Int> = []
        for (index, band) in bands.enumerated() {
            if !(0...Rating.maximumScore).contains(band.minimum) {
                errors.append(FieldError("ratingBands.\(index).minimum", "error.range", ["min": "0", "max": String(Rating.maximumScore)]))
            } else if !seen.insert(band.minimum).inserted {
                errors.append(FieldError("ratingBands.\(index).minimum", "settings.bands.duplicate"))
            }
            let label = band.label.trimmingCharacters(in: .whitespaces)
            if label.isEmpty { errors.append(FieldError("ratingBands.\(index).label", "error.required")) }
            if label.count > 100 { errors.append(FieldError("ratingBands.\(index).label", "error.too_long", ["max": "100"])) }
        }
        return errors
    }
}
