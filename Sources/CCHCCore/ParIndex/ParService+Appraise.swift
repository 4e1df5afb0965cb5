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
        try await act(.appraise, campaign: code, unitCode: unitCode, leaf: leaf, expectedVersion: expectedVersion, by: user, now: now) {
            view, assessment in
            guard let node = view.criteria.set.leaf(leaf)?.item, node.method?.isSelfAssessed == true else {
                throw DomainError.validation([FieldError("leaf", "par.item.not_self")])
            }
            var entry = assessment.entry(leaf)
            let event: ParEvent
            switch decision {
            case .accept(let reason):
                guard let response = entry.response else { throw DomainError.validation([FieldError("value", "par.submit.unscored")]) }
                if reason.count > 2000 { throw DomainError.validation([FieldError("reason", "error.too_long", ["max": "2000"])]) }
                entry.appraisal = ParAppraisal(response: response, adjusted: false, reason: reason.trimmed, by: user.username, at: now)
                event = ParEvent(assessmentID: assessment.id, kind: .accepted, item: leaf, detail: reason, actor: user.username, at: now)
            case .adjust(let value, let notApplicable, let reason):
                var errors = Self.valueErrors(ParEntryInput(value: value, notApplicable: notApplicable), leaf: node)
                let reason = reason.trimmed
                if reason.isEmpty { errors.errors.append(FieldError("reason", "par.appraisal.reason")) }
                if reason.count > 2000 { errors.errors.append(FieldError("reason", "error.too_long", ["max": "2000"])) }
                try errors.errors.throwIfAny()
                guard let response = errors.response else { throw DomainError.validation([FieldError("value", "error.required")]) }
                entry.appraisal = ParAppraisal(response: response, adjusted: true, reason: reason, by: user.username, at: now)
                event = ParEvent(
                    assessmentID: assessment.id, kind: .adjusted, item: leaf, detail: "\(Self.describe(response)): \(reason)", actor: user.username, at: now)
            case .sendBack(let reason, let dueOn):
                var errors: [FieldError] = []
                let reason = reason.trimmed
                if reason.isEmpty { errors.append(FieldError("reason", "par.appraisal.reason")) }
                if reason.count > 2000 { errors.append(FieldError("reason", "error.too_long", ["max": "2000"])) }
                let due = LocalDate(flexible: dueOn.trimmed)
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
            return [event]
        }
    }

    /// The appraiser enters the figure of a statistic or of a survey run elsewhere, naming its source.
    public func fill(
        campaign code: String, unitCode: String, leaf: String, value: String, source: String, expectedVersion: Int, by user: User, now: Date
    ) async throws -> ParAssessment {
        try await act(.fill, campaign: code, unitCode: unitCode, expectedVersion: expectedVersion, by: user, now: now) { view, assessment in
            guard let node = view.criteria.set.leaf(leaf)?.item, let method = node.method, !method.isSelfAssessed else {
                throw DomainError.validation([FieldError("leaf", "par.item.not_filled")])
            }
            var checked = Self.valueErrors(ParEntryInput(value: value), leaf: node)
            let source = source.trimmed
            if source.isEmpty { checked.errors.append(FieldError("source", "error.required")) }
            if source.count > 500 { checked.errors.append(FieldError("source", "error.too_long", ["max": "500"])) }
            try checked.errors.throwIfAny()
            guard let response = checked.response else { throw DomainError.validation([FieldError("value", "error.required")]) }
            assessment.entries[leaf, default: ParEntry()].response = response
            assessment.entries[leaf, default: ParEntry()].source = source
            return [
                ParEvent(
                    assessmentID: assessment.id, kind: .filled, item: leaf, detail: "\(Self.describe(response)) (\(source))", actor: user.username, at: now)
            ]
        }
    }

    /// Closes the appraisal of an assessment: every self-assessed leaf decided and none waiting for the
    /// unit. The live figures and the survey indices are read now and kept with it, each with its source,
    /// where the appraiser has not entered one.
    public func finishAppraisal(campaign code: String, unitCode: String, expectedVersion: Int, by user: User, now: Date) async throws -> ParAssessment {
        try await act(.finishAppraisal, campaign: code, unitCode: unitCode, expectedVersion: expectedVersion, by: user, now: now) { view, assessment in
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
                        assessmentID: assessment.id, kind: .filled, item: leaf.code, detail: "\(ParRule.number(figure.value)) (\(figure.source))",
                        actor: "cchc", at: now))
            }
            assessment.state = .appraised
            return events + [ParEvent(assessmentID: assessment.id, kind: .appraised, actor: user.username, at: now)]
        }
    }

    /// The review council confirms an appraised assessment.
    public func confirm(campaign code: String, unitCode: String, expectedVersion: Int, by user: User, now: Date) async throws -> ParAssessment {
        try await act(.confirm, campaign: code, unitCode: unitCode, expectedVersion: expectedVersion, by: user, now: now) { _, assessment in
            assessment.state = .confirmed
            return [ParEvent(assessmentID: assessment.id, kind: .confirmed, actor: user.username, at: now)]
        }
    }

    /// A value typed for `leaf` read by its rule, and its errors named `value`.
    static func valueErrors(_ input: ParEntryInput, leaf: ParNode) -> (response: ParResponse?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let response = response(input, leaf: leaf, place: "", errors: &errors)
        var named = errors.map { FieldError(String($0.field.dropFirst()), $0.code, $0.arguments) }
        if response == nil, errors.isEmpty { named.append(FieldError("value", "error.required")) }
        return (response, named)
    }
}
