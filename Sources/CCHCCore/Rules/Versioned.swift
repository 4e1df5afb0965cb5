import Foundation
import WorkCalendar

/// Something the law or the province changes by version: a procedure, the province's settings, and later
/// the index's indicator set, the PAR criteria and the questionnaires. A version applies from
/// `effectiveFrom` up to the day before `effectiveTo`; a result computed under it names its number.
public protocol Versioned {
    var version: Int { get }
    var effectiveFrom: LocalDate { get }
    /// The first day the version no longer applies; nil while it is the latest.
    var effectiveTo: LocalDate? { get }
}

extension Versioned {
    public func isInForce(on day: LocalDate) -> Bool {
        effectiveFrom <= day && (effectiveTo.map { day < $0 } ?? true)
    }
}

extension Collection where Element: Versioned {
    /// The version in force on `day`, the one rule every versioned thing is read by. Periods do not overlap
    /// when versions are added through `VersionRules.close`; were they to, the highest number wins.
    public func inForce(on day: LocalDate) -> Element? {
        var found: Element?
        for candidate in self where candidate.isInForce(on: day) {
            if found.map({ candidate.version > $0.version }) ?? true { found = candidate }
        }
        return found
    }
}

/// How a new version joins the ones before it, whatever is versioned.
public enum VersionRules {
    /// The day the latest version stops applying when a new one starts on `newFrom`: that day, but never
    /// before the latest one's own first day (a version replaced before it began applies to no day).
    public static func closing(_ latest: some Versioned, whenNextStarts newFrom: LocalDate) -> LocalDate? {
        if let end = latest.effectiveTo, end <= newFrom { return end }
        return max(newFrom, latest.effectiveFrom)
    }
}

/// A set of rules in one of its versions, with who set it and why: the generic form for everything that
/// is wholly a rule set (the province's settings today; indicator sets, criteria sets and questionnaires
/// later). `Rules` is a plain value; the version wraps it.
public struct RuleSetVersion<Rules: Codable & Equatable & Sendable>: Versioned, Codable, Equatable, Sendable {
    public var version: Int
    public var effectiveFrom: LocalDate
    public var effectiveTo: LocalDate?
    public var rules: Rules
    /// The account that set it (or "system" for the first version taken from the environment).
    public var setBy: String
    /// Why: the decision it follows, or what changed.
    public var reason: String
    public var setAt: Date

    public init(version: Int, effectiveFrom: LocalDate, effectiveTo: LocalDate? = nil, rules: Rules, setBy: String, reason: String, setAt: Date) {
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.rules = rules
        self.setBy = setBy
        self.reason = reason
        self.setAt = setAt
    }
}

/// Every version of one rule set, oldest first.
public struct RuleSetHistory<Rules: Codable & Equatable & Sendable>: Equatable, Sendable {
    public private(set) var versions: [RuleSetVersion<Rules>]

    public init(_ versions: [RuleSetVersion<Rules>]) {
        self.versions = versions.sorted { $0.version < $1.version }
    }

    public var latest: RuleSetVersion<Rules>? { versions.last }

    public func inForce(on day: LocalDate) -> RuleSetVersion<Rules>? { versions.inForce(on: day) }

    public func version(_ number: Int) -> RuleSetVersion<Rules>? { versions.first { $0.version == number } }

    /// A new version from `effectiveFrom`, checked against the history: the caller saw `expectedLatest`
    /// (a conflict otherwise), the reason is given, and the new version starts after the latest one and
    /// not before `today`, so that no figure already computed under a version changes under it.
    /// Returns the new version and the latest one as it is once closed.
    public func adding(
        _ rules: Rules, effectiveFrom: LocalDate, reason: String, setBy: String, now: Date, expectedLatest: Int?
    ) throws -> (added: RuleSetVersion<Rules>, closed: RuleSetVersion<Rules>?) {
        if expectedLatest != latest?.version {
            throw DomainError.staleVersion(current: latest?.version ?? 0)
        }
        var errors: [FieldError] = []
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { errors.append(FieldError("reason", "error.required")) }
        if trimmed.count > 1000 { errors.append(FieldError("reason", "error.too_long", ["max": "1000"])) }
        let today = VietnamTime.localDate(of: now)
        if let latest {
            if effectiveFrom <= latest.effectiveFrom {
                errors.append(FieldError("effectiveFrom", "rules.effective_from.after_latest", ["date": latest.effectiveFrom.vietnameseFormat]))
            } else if effectiveFrom < today {
                errors.append(FieldError("effectiveFrom", "rules.effective_from.not_past", ["date": today.vietnameseFormat]))
            }
        }
        try errors.throwIfAny()
        var closed = latest
        if let previous = latest { closed?.effectiveTo = VersionRules.closing(previous, whenNextStarts: effectiveFrom) }
        let added = RuleSetVersion(
            version: (latest?.version ?? 0) + 1, effectiveFrom: effectiveFrom, rules: rules, setBy: setBy, reason: trimmed, setAt: now)
        return (added, closed)
    }

    /// `adding`, with the errors found in the rules themselves named together with the version's own (the
    /// date, the reason), so that a user sees every one at once.
    public func adding(
        _ rules: Rules, ruleErrors: [FieldError], effectiveFrom: LocalDate, reason: String, setBy: String, now: Date, expectedLatest: Int?
    ) throws -> (added: RuleSetVersion<Rules>, closed: RuleSetVersion<Rules>?) {
        do {
            let result = try adding(rules, effectiveFrom: effectiveFrom, reason: reason, setBy: setBy, now: now, expectedLatest: expectedLatest)
            try ruleErrors.throwIfAny()
            return result
        } catch let error as DomainError where error.kind == .validation {
            throw DomainError.validation(ruleErrors + error.fields)
        }
    }
}
