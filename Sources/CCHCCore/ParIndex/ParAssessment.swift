import Foundation
import WorkCalendar

/// One unit's assessment in a campaign: for every leaf of the set, the unit's own score with its evidence
/// and the appraised score beside it. Draft → submitted (locked) → appraised → confirmed; a leaf sent back
/// re-opens alone.
public struct ParAssessment: Codable, Equatable, Identifiable, Sendable {
    public enum State: String, Codable, CaseIterable, Sendable {
        /// The unit is scoring itself.
        case draft
        /// The unit head submitted it: locked for the unit, open to the appraisers.
        case submitted
        /// Every leaf appraised; awaiting the review council.
        case appraised
        /// The review council confirmed it.
        case confirmed

        public var messageKey: String { "par.assessment.state.\(rawValue)" }
    }

    public var id: UUID
    public var campaignID: UUID
    public var unitID: UUID
    public var version: Int
    public var state: State
    /// By leaf code.
    public var entries: [String: ParEntry]
    public var submittedBy: String?
    public var submittedAt: Date?
    public var updatedAt: Date

    public init(id: UUID = UUID(), campaignID: UUID, unitID: UUID, now: Date) {
        self.id = id
        self.campaignID = campaignID
        self.unitID = unitID
        self.version = 1
        self.state = .draft
        self.entries = [:]
        self.updatedAt = now
    }

    public func entry(_ code: String) -> ParEntry { entries[code] ?? ParEntry() }

    /// The unit's own responses, and the appraised ones (the appraisal where there is one, else the unit's).
    public var selfResponses: [String: ParResponse] { entries.compactMapValues(\.response) }
    public var appraisedResponses: [String: ParResponse] { entries.compactMapValues { $0.appraisal?.response ?? $0.response } }

    /// Leaves sent back and not yet answered again.
    public var sentBack: [String] { entries.filter { $0.value.sentBack != nil }.map(\.key).sorted() }
}

/// One leaf of an assessment.
public struct ParEntry: Codable, Equatable, Sendable {
    /// The unit's response (self-assessed leaves), or the figure filled in (survey, statistic, computed).
    public var response: ParResponse?
    /// Where a filled-in figure came from ("KS-2026-001", "index 2.1, năm 2026", "nhập từ kết quả của Bộ").
    public var source: String?
    /// Why there is no evidence, or what the evidence shows.
    public var explanation: String?
    public var links: [String]
    public var files: [RecordAttachment]
    public var appraisal: ParAppraisal?
    public var sentBack: ParSendBack?

    public init(
        response: ParResponse? = nil, source: String? = nil, explanation: String? = nil, links: [String] = [], files: [RecordAttachment] = [],
        appraisal: ParAppraisal? = nil, sentBack: ParSendBack? = nil
    ) {
        self.response = response
        self.source = source
        self.explanation = explanation
        self.links = links
        self.files = files
        self.appraisal = appraisal
        self.sentBack = sentBack
    }

    /// Evidence is a file, a link, or an explanation of why there is none.
    public var hasEvidenceOrExplanation: Bool { !files.isEmpty || !links.isEmpty || !(explanation ?? "").isEmpty }
}

/// The appraiser's decision on a leaf: the response accepted (the unit's) or adjusted, with the reason.
public struct ParAppraisal: Codable, Equatable, Sendable {
    public var response: ParResponse
    public var adjusted: Bool
    public var reason: String
    public var by: String
    public var at: Date

    public init(response: ParResponse, adjusted: Bool, reason: String, by: String, at: Date) {
        self.response = response
        self.adjusted = adjusted
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// A leaf sent back to the unit asking for evidence by a day.
public struct ParSendBack: Codable, Equatable, Sendable {
    public var reason: String
    public var dueOn: LocalDate
    public var by: String
    public var at: Date

    public init(reason: String, dueOn: LocalDate, by: String, at: Date) {
        self.reason = reason
        self.dueOn = dueOn
        self.by = by
        self.at = at
    }
}

/// What happened to an assessment: who, when, which leaf, why. Every change is one.
public struct ParEvent: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case scored
        case evidenceAdded
        case submitted
        case accepted
        case adjusted
        case sentBack
        case answered
        case filled
        case appraised
        case confirmed

        public var messageKey: String { "par.event.\(rawValue)" }
    }

    public var assessmentID: UUID
    public var kind: Kind
    public var item: String?
    public var detail: String?
    public var actor: String
    public var at: Date

    public init(assessmentID: UUID, kind: Kind, item: String? = nil, detail: String? = nil, actor: String, at: Date) {
        self.assessmentID = assessmentID
        self.kind = kind
        self.item = item
        self.detail = detail
        self.actor = actor
        self.at = at
    }
}
