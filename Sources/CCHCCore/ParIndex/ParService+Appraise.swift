import Foundation
import WorkCalendar

/// An appraiser's decision on one leaf.
public enum ParDecision: Equatable, Sendable {
    /// The unit's response stands.
    case accept(reason: String)
    /// Another value (as typed), with the reason.
    case adjust(value: String, notApplicable: Bool, reason: String)
    /// Back to the unit, asking for evidence by a day.
    case sendBack(reason: String, dueOn: String)
}

extension ParService {
    /// Home Affairs decides a self-assessed leaf of a submitted assessment: accepts it, adjusts it with a
    /// reason (the unit's score stays beside), or sends it back asking for evidence by a day, which re-opens
    /// that leaf alone for the unit.
    public func appraise(
        campaign code: String, unitCode: String, leaf: String, _ decision: ParDecision, expectedVersion: Int, by user: User, now: Date
    ) async throws -> ParAssessment {
        let view = try await assessment(campaign: code, unitCode: unitCode, by: user)
        var assessment = view.assessment
        guard let node = view.criteria.set.leaf(leaf)?.item, node.method?.isSelfAssessed == true else {
            throw DomainError.validation([FieldError("leaf", "par.item.not_self")])
        }
        try ParPolicy.check(
            .appraise, by: user, unit: view.unit, tree: try await store.units.tree(), campaign: view.campaign, assessment: assessment, leaf: leaf)
        guard assessment.version == expectedVersion else { throw DomainError.staleVersion(current: assessment.version) }
        var entry = assessment.entry(leaf)
        let event: ParEvent
        switch decision {
        case .accept(let reason):
            guard let response = entry.response else { throw DomainError.validation([FieldError("value", "par.submit.unscored")]) }
            entry.appraisal = ParAppraisal(response: response, adjusted: false, reason: reason.trimmingCharacters(in: .whitespaces), by: user.username, at: now)
            event = ParEvent(assessmentID: assessment.id, kind: .accepted, item: leaf, detail: reason, actor: user.username, at: now)
        case .adjust(let value, let notApplicable, let reason):
            var errors: [FieldError] = []
            let response = Self.response(ParEntryInput(value: value, notApplicable: notApplicable), leaf: node, place: "", errors: &errors)
            var named = errors.map { FieldError(String($0.field.dropFirst()), $0.code, $0.arguments) }
            if response == nil, errors.isEmpty { named.append(FieldError("value", "error.required")) }
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.isEmpty { named.append(FieldError("reason", "par.appraisal.reason")) }
            if reason.count > 2000 { named.append(FieldError("reason", "error.too_long", ["max": "2000"])) }
            try named.throwIfAny()
            guard let response else { throw DomainError.validation([FieldError("value", "error.required")]) }
            entry.appraisal = ParAppraisal(response: response, adjusted: true, reason: reason, by: user.username, at: now)
            event = ParEvent(
                assessmentID: assessment.id, kind: .adjusted, item: leaf, detail: "\(Self.describe(response)): \(reason)", actor: user.username, at: now)
        case .sendBack(let reason, let dueOn):
            var errors: [FieldError] = []
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.isEmpty { errors.append(FieldError("reason", "par.appraisal.reason")) }
            let due = LocalDate(flexible: dueOn.trimmingCharacters(in: .whitespaces))
            if due == nil { errors.append(FieldError("dueOn", "error.date_invalid")) }
            if let due, due < VietnamTime.localDate(of: now) { errors.append(FieldError("dueOn", "dialogue.question.due_past")) }
            try errors.throwIfAny()
            guard let due else { throw DomainError.validation([FieldError("dueOn", "error.date_invalid")]) }
            entry.sentBack = ParSendBack(reason: reason, dueOn: due, by: user.username, at: now)
            entry.appraisal = nil
            event = ParEvent(
                assessmentID: assessment.id, kind: .sentBack, item: leaf, detail: "\(reason) (hạn \(due.vietnameseFormat))", actor: user.username, at: now)
        }
        assessment.entries[leaf] = entry
        assessment.version += 1
        assessment.updatedAt = now
        try await store.par.updateAssessment(assessment, expectedVersion: expectedVersion, events: [event], newFiles: [])
        return assessment
    }

    /// The appraiser enters the figure of a statistic or of a survey run elsewhere, naming its source.
    public func fill(
        campaign code: String, unitCode: String, leaf: String, value: String, source: String, expectedVersion: Int, by user: User, now: Date
    ) async throws -> ParAssessment {
        let view = try await assessment(campaign: code, unitCode: unitCode, by: user)
        var assessment = view.assessment
        guard let node = view.criteria.set.leaf(leaf)?.item, let method = node.method, !method.isSelfAssessed else {
            throw DomainError.validation([FieldError("leaf", "par.item.not_filled")])
        }
        try ParPolicy.check(.fill, by: user, unit: view.unit, tree: try await store.units.tree(), campaign: view.campaign, assessment: assessment)
        guard assessment.version == expectedVersion else { throw DomainError.staleVersion(current: assessment.version) }
        var errors: [FieldError] = []
        let response = Self.response(ParEntryInput(value: value), leaf: node, place: "", errors: &errors)
        var named = errors.map { FieldError(String($0.field.dropFirst()), $0.code, $0.arguments) }
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if source.isEmpty { named.append(FieldError("source", "error.required")) }
        if response == nil, errors.isEmpty { named.append(FieldError("value", "error.required")) }
        try named.throwIfAny()
        assessment.entries[leaf, default: ParEntry()].response = response
        assessment.entries[leaf, default: ParEntry()].source = source
        assessment.version += 1
        assessment.updatedAt = now
        try await store.par.updateAssessment(
            assessment, expectedVersion: expectedVersion,
            events: [
                ParEvent(
                    assessmentID: assessment.id, kind: .filled, item: leaf, detail: "\(Self.describe(response)) (\(source))", actor: user.username, at: now)
            ],
            newFiles: [])
        return assessment
    }

    /// Closes the appraisal of an assessment: every self-assessed leaf decided and none waiting for the
    /// unit. The live figures and the survey indices are read now and kept with it, each with its source,
    /// where the appraiser has not entered one.
    public func finishAppraisal(campaign code: String, unitCode: String, expectedVersion: Int, by user: User, now: Date) async throws -> ParAssessment {
        let view = try await assessment(campaign: code, unitCode: unitCode, by: user)
        var assessment = view.assessment
        try ParPolicy.check(.finishAppraisal, by: user, unit: view.unit, tree: try await store.units.tree(), campaign: view.campaign, assessment: assessment)
        guard assessment.version == expectedVersion else { throw DomainError.staleVersion(current: assessment.version) }
        var errors: [FieldError] = []
        for (_, leaf) in view.criteria.set.leaves where leaf.method?.isSelfAssessed == true {
            let entry = assessment.entry(leaf.code)
            if entry.sentBack != nil { errors.append(FieldError("items.\(leaf.code)", "par.appraisal.waiting")) }
            if entry.appraisal == nil, entry.sentBack == nil { errors.append(FieldError("items.\(leaf.code)", "par.appraisal.undecided")) }
        }
        try errors.throwIfAny()
        var events: [ParEvent] = []
        let figures = try await liveFigures(view.criteria.set, units: [view.unit], year: view.campaign.year, now: now)[view.unit.id] ?? [:]
        for (_, leaf) in view.criteria.set.leaves where assessment.entry(leaf.code).response == nil {
            guard let figure = figures[leaf.code] else { continue }
            assessment.entries[leaf.code, default: ParEntry()].response = ParResponse(value: figure.value)
            assessment.entries[leaf.code, default: ParEntry()].source = figure.source
            events.append(
                ParEvent(
                    assessmentID: assessment.id, kind: .filled, item: leaf.code, detail: "\(ParRule.number(figure.value)) (\(figure.source))", actor: "cchc",
                    at: now))
        }
        events.append(ParEvent(assessmentID: assessment.id, kind: .appraised, actor: user.username, at: now))
        assessment.state = .appraised
        assessment.version += 1
        assessment.updatedAt = now
        try await store.par.updateAssessment(assessment, expectedVersion: expectedVersion, events: events, newFiles: [])
        return assessment
    }

    /// The review council confirms an appraised assessment.
    public func confirm(campaign code: String, unitCode: String, expectedVersion: Int, by user: User, now: Date) async throws -> ParAssessment {
        let view = try await assessment(campaign: code, unitCode: unitCode, by: user)
        var assessment = view.assessment
        try ParPolicy.check(.confirm, by: user, unit: view.unit, tree: try await store.units.tree(), campaign: view.campaign, assessment: assessment)
        guard assessment.version == expectedVersion else { throw DomainError.staleVersion(current: assessment.version) }
        assessment.state = .confirmed
        assessment.version += 1
        assessment.updatedAt = now
        try await store.par.updateAssessment(
            assessment, expectedVersion: expectedVersion, events: [ParEvent(assessmentID: assessment.id, kind: .confirmed, actor: user.username, at: now)],
            newFiles: [])
        return assessment
    }
}
