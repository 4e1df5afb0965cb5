import Foundation
import WorkCalendar

/// How long publication may take (DOMAIN.md §4, 1.1 and 1.2), in working days; part of an indicator set.
public struct PublicationDeadlines: Codable, Equatable, Sendable {
    /// The decision (QĐ công bố) is due this many working days before the legal basis takes effect.
    public var decisionLeadWorkingDays: Int
    /// The procedure is due on the national database this many working days after the decision.
    public var postingWorkingDays: Int

    public init(decisionLeadWorkingDays: Int, postingWorkingDays: Int) {
        self.decisionLeadWorkingDays = decisionLeadWorkingDays
        self.postingWorkingDays = postingWorkingDays
    }

    /// The province's deadlines under QĐ 766 as DVCQG scores them.
    public static let qd766 = PublicationDeadlines(decisionLeadWorkingDays: 5, postingWorkingDays: 5)
}

/// Indicators 1.1 and 1.2 for one procedure over a period, from the publication records of all its versions.
/// - 1.1: published in the period when a version's decision is dated in it; on time when every such
///   decision came no later than the lead time before its legal basis took effect ("late once in a period
///   is late for the period"). A decision without the legal basis' date cannot be shown on time: late.
/// - 1.2: judged in the period when a version's posting was due in it or it was posted in it; on time
///   when every such version was posted by its due day. Not yet due at the period's end: not judged yet.
public struct PublicationTimeliness: Equatable, Sendable {
    public var published: Bool
    public var publishedOnTime: Bool
    public var postingJudged: Bool
    public var postedOnTime: Bool

    public init(versions: [ProcedurePublication], period: ClosedRange<LocalDate>, deadlines: PublicationDeadlines, calendar: WorkingCalendar) {
        let decided = versions.filter { $0.decisionDate.map(period.contains) ?? false }
        published = !decided.isEmpty
        publishedOnTime =
            published
            && decided.allSatisfy { version in
                guard let decision = version.decisionDate, let basis = version.legalBasisEffectiveFrom else { return false }
                return decision <= calendar.workingDay(-deadlines.decisionLeadWorkingDays, from: basis)
            }
        let posting = versions.compactMap { version -> (due: LocalDate, posted: LocalDate?)? in
            guard let decision = version.decisionDate else { return nil }
            let due = calendar.workingDay(deadlines.postingWorkingDays, from: decision)
            let postedInPeriod = version.postedOn.map(period.contains) ?? false
            return period.contains(due) || postedInPeriod ? (due, version.postedOn) : nil
        }
        postingJudged = !posting.isEmpty
        postedOnTime = postingJudged && posting.allSatisfy { entry in entry.posted.map { $0 <= entry.due } ?? false }
    }
}
