import Foundation
import WorkCalendar

/// A self-assessed leaf as typed on a field's page or sent to the API.
public struct ParEntryInput: Equatable, Sendable {
    /// What the rule reads, as typed ("1", "0,75", "92.5"); empty: not scored yet.
    public var value: String
    public var notApplicable: Bool
    public var explanation: String
    /// One link per line.
    public var links: String

    public init(value: String = "", notApplicable: Bool = false, explanation: String = "", links: String = "") {
        self.value = value
        self.notApplicable = notApplicable
        self.explanation = explanation
        self.links = links
    }
}

extension ParService {
    public static let maximumFilesPerItem = 5
    public static let maximumLinksPerItem = 10

    /// The unit scores self-assessed leaves (one field's page, or any set of leaves through the API), with
    /// explanations, links and the files staged for each, all stored together. Every bad value is named
    /// (`items.<code>.value`); nothing is stored then and the staged files stay for the form to offer again.
    public func score(
        campaign code: String, unitCode: String, _ inputs: [String: ParEntryInput], staged: [String: [StagedFile]] = [:], expectedVersion: Int,
        by user: User, now: Date
    ) async throws -> ParAssessment {
        let all = staged.values.flatMap { $0 }
        return try await StagedFiles.storing(all, in: files) {
            let view = try await assessment(campaign: code, unitCode: unitCode, by: user)
            let tree = try await store.units.tree()
            var assessment = view.assessment
            guard assessment.version == expectedVersion else { throw DomainError.staleVersion(current: assessment.version) }
            if !all.isEmpty, files == nil { throw DomainError(.invalidState, "upload.unavailable") }
            var errors: [FieldError] = []
            var events: [ParEvent] = []
            var added: [RecordAttachment] = []
            for (leafCode, input) in inputs.sorted(by: { $0.key < $1.key }) {
                guard let leaf = view.criteria.set.leaf(leafCode)?.item, leaf.method?.isSelfAssessed == true else {
                    errors.append(FieldError("items.\(leafCode)", "par.item.not_self"))
                    continue
                }
                try ParPolicy.check(.score, by: user, unit: view.unit, tree: tree, campaign: view.campaign, assessment: assessment, leaf: leafCode)
                var entry = assessment.entry(leafCode)
                let place = "items.\(leafCode)"
                let response = Self.response(input, leaf: leaf, place: place, errors: &errors)
                let explanation = input.explanation.trimmingCharacters(in: .whitespacesAndNewlines)
                if explanation.count > 2000 { errors.append(FieldError("\(place).explanation", "error.too_long", ["max": "2000"])) }
                let links = input.links.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if links.count > Self.maximumLinksPerItem || links.contains(where: { !Self.isLink($0) }) {
                    errors.append(FieldError("\(place).links", "par.evidence.links", ["max": String(Self.maximumLinksPerItem)]))
                }
                let newFiles = (staged[leafCode] ?? []).map { $0.attachment(storagePath: files?.storagePath(of: $0) ?? "") }
                if entry.files.count + newFiles.count > Self.maximumFilesPerItem {
                    errors.append(FieldError("\(place).files", "par.evidence.too_many", ["max": String(Self.maximumFilesPerItem)]))
                }
                if response != entry.response {
                    events.append(
                        ParEvent(assessmentID: assessment.id, kind: .scored, item: leafCode, detail: Self.describe(response), actor: user.username, at: now))
                }
                for file in newFiles {
                    events.append(
                        ParEvent(assessmentID: assessment.id, kind: .evidenceAdded, item: leafCode, detail: file.originalName, actor: user.username, at: now))
                }
                entry.response = response
                entry.explanation = explanation.isEmpty ? nil : explanation
                entry.links = links
                entry.files += newFiles
                added += newFiles
                assessment.entries[leafCode] = entry
            }
            try errors.throwIfAny()
            assessment.version += 1
            assessment.updatedAt = now
            try await store.par.updateAssessment(assessment, expectedVersion: expectedVersion, events: events, newFiles: added)
            return assessment
        }
    }

    /// The unit head submits: every self-assessed leaf scored (or not applicable, where allowed) with evidence
    /// or an explanation, each missing one named. Then the assessment is locked for the unit.
    public func submit(campaign code: String, unitCode: String, expectedVersion: Int, by user: User, now: Date) async throws -> ParAssessment {
        try await act(.submit, campaign: code, unitCode: unitCode, expectedVersion: expectedVersion, by: user, now: now) { view, assessment in
            var errors: [FieldError] = []
            for (_, leaf) in view.criteria.set.leaves where leaf.method?.isSelfAssessed == true {
                let entry = assessment.entry(leaf.code)
                if entry.response == nil {
                    errors.append(FieldError("items.\(leaf.code).value", "par.submit.unscored"))
                } else if entry.response?.notApplicable != true, !entry.hasEvidenceOrExplanation {
                    errors.append(FieldError("items.\(leaf.code).explanation", "par.submit.no_evidence"))
                }
            }
            try errors.throwIfAny()
            assessment.state = .submitted
            assessment.submittedBy = user.username
            assessment.submittedAt = now
            return [ParEvent(assessmentID: assessment.id, kind: .submitted, actor: user.username, at: now)]
        }
    }

    /// The unit head answers a leaf sent back (its score and evidence changed meanwhile): it goes back to the
    /// appraisers.
    public func answer(campaign code: String, unitCode: String, leaf: String, expectedVersion: Int, by user: User, now: Date) async throws -> ParAssessment {
        try await act(.answer, campaign: code, unitCode: unitCode, leaf: leaf, expectedVersion: expectedVersion, by: user, now: now) { _, assessment in
            assessment.entries[leaf]?.sentBack = nil
            assessment.entries[leaf]?.appraisal = nil
            return [ParEvent(assessmentID: assessment.id, kind: .answered, item: leaf, actor: user.username, at: now)]
        }
    }

    /// A step on one assessment: the workflow table says whether `user` may take it now, the version must be
    /// the one the caller saw, and `change` makes the change and says which events it writes.
    func act(
        _ action: ParAction, campaign code: String, unitCode: String, leaf: String? = nil, expectedVersion: Int, by user: User, now: Date,
        _ change: (ParAssessmentView, inout ParAssessment) async throws -> [ParEvent]
    ) async throws -> ParAssessment {
        let view = try await assessment(campaign: code, unitCode: unitCode, by: user)
        var assessment = view.assessment
        try ParPolicy.check(action, by: user, unit: view.unit, tree: try await store.units.tree(), campaign: view.campaign, assessment: assessment, leaf: leaf)
        guard assessment.version == expectedVersion else { throw DomainError.staleVersion(current: assessment.version) }
        let events = try await change(view, &assessment)
        assessment.version += 1
        assessment.updatedAt = now
        try await store.par.updateAssessment(assessment, expectedVersion: expectedVersion, events: events, newFiles: [])
        return assessment
    }

    /// A typed value read by the leaf's rule; its error named at `place`.
    static func response(_ input: ParEntryInput, leaf: ParNode, place: String, errors: inout [FieldError]) -> ParResponse? {
        if input.notApplicable {
            guard leaf.allowsNotApplicable else {
                errors.append(FieldError("\(place).value", "par.value.not_applicable"))
                return nil
            }
            return .notApplicable
        }
        let text = input.value.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite, let rule = leaf.rule else {
            errors.append(FieldError("\(place).value", "error.invalid_value"))
            return nil
        }
        if case .failure(let failure) = rule.points(value, maximum: leaf.maximum) {
            errors.append(FieldError("\(place).value", failure.key, failure.arguments))
            return nil
        }
        return ParResponse(value: value)
    }

    static func describe(_ response: ParResponse?) -> String {
        guard let response else { return "" }
        return response.notApplicable ? "không áp dụng" : response.value.map(ParRule.number) ?? ""
    }

    static func isLink(_ text: String) -> Bool {
        text.count <= 500 && (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(where: \.isWhitespace)
    }
}
