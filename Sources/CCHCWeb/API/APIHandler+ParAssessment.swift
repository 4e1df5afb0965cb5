import CCHCCore
import Foundation
import OpenAPIRuntime
import Vapor
import WorkCalendar

extension APIHandler {
    func getParAssessment(_ input: Operations.GetParAssessment.Input) async throws -> Operations.GetParAssessment.Output {
        let request = try self.request
        let view = try await ParService(store: request.store).assessment(campaign: input.path.code, unitCode: input.path.unit, by: try request.requireUser())
        return .ok(.init(body: .json(.init(view))))
    }

    func scoreParItems(_ input: Operations.ScoreParItems.Input) async throws -> Operations.ScoreParItems.Output {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        let inputs = body.items.additionalProperties.mapValues { item in
            ParEntryInput(
                value: item.value.map(ParRule.number) ?? "", notApplicable: item.notApplicable ?? false, explanation: item.explanation ?? "",
                links: (item.links ?? []).joined(separator: "\n"))
        }
        return .ok(
            .init(
                body: .json(
                    try await parStep(input.path.code, input.path.unit) { service, user in
                        try await service.score(
                            campaign: input.path.code, unitCode: input.path.unit, inputs, expectedVersion: body.version, by: user, now: request.now)
                    })))
    }

    func submitParAssessment(_ input: Operations.SubmitParAssessment.Input) async throws -> Operations.SubmitParAssessment.Output {
        let version =
            switch input.body {
            case .json(let json): json.version
            }
        return .ok(
            .init(
                body: .json(
                    try await parStep(input.path.code, input.path.unit) { service, user in
                        try await service.submit(
                            campaign: input.path.code, unitCode: input.path.unit, expectedVersion: version, by: user, now: try self.request.now)
                    })))
    }

    func finishParAppraisal(_ input: Operations.FinishParAppraisal.Input) async throws -> Operations.FinishParAppraisal.Output {
        let version =
            switch input.body {
            case .json(let json): json.version
            }
        return .ok(
            .init(
                body: .json(
                    try await parStep(input.path.code, input.path.unit) { service, user in
                        try await service.finishAppraisal(
                            campaign: input.path.code, unitCode: input.path.unit, expectedVersion: version, by: user, now: try self.request.now)
                    })))
    }

    func confirmParAssessment(_ input: Operations.ConfirmParAssessment.Input) async throws -> Operations.ConfirmParAssessment.Output {
        let version =
            switch input.body {
            case .json(let json): json.version
            }
        return .ok(
            .init(
                body: .json(
                    try await parStep(input.path.code, input.path.unit) { service, user in
                        try await service.confirm(
                            campaign: input.path.code, unitCode: input.path.unit, expectedVersion: version, by: user, now: try self.request.now)
                    })))
    }

    func appraiseParItem(_ input: Operations.AppraiseParItem.Input) async throws -> Operations.AppraiseParItem.Output {
        let body =
            switch input.body {
            case .json(let json): json
            }
        let decision: ParDecision =
            switch body.decision {
            case .accept: .accept(reason: body.reason ?? "")
            case .adjust: .adjust(value: body.value.map(ParRule.number) ?? "", notApplicable: body.notApplicable ?? false, reason: body.reason ?? "")
            case .sendBack: .sendBack(reason: body.reason ?? "", dueOn: body.dueOn ?? "")
            }
        return .ok(
            .init(
                body: .json(
                    try await parStep(input.path.code, input.path.unit) { service, user in
                        try await service.appraise(
                            campaign: input.path.code, unitCode: input.path.unit, leaf: input.path.item, decision, expectedVersion: body.version, by: user,
                            now: try self.request.now)
                    })))
    }

    func answerParItem(_ input: Operations.AnswerParItem.Input) async throws -> Operations.AnswerParItem.Output {
        let version =
            switch input.body {
            case .json(let json): json.version
            }
        return .ok(
            .init(
                body: .json(
                    try await parStep(input.path.code, input.path.unit) { service, user in
                        try await service.answer(
                            campaign: input.path.code, unitCode: input.path.unit, leaf: input.path.item, expectedVersion: version, by: user,
                            now: try self.request.now)
                    })))
    }

    func fillParItem(_ input: Operations.FillParItem.Input) async throws -> Operations.FillParItem.Output {
        let body =
            switch input.body {
            case .json(let json): json
            }
        return .ok(
            .init(
                body: .json(
                    try await parStep(input.path.code, input.path.unit) { service, user in
                        try await service.fill(
                            campaign: input.path.code, unitCode: input.path.unit, leaf: input.path.item, value: ParRule.number(body.value), source: body.source,
                            expectedVersion: body.version, by: user, now: try self.request.now)
                    })))
    }

    func getParEvidence(_ input: Operations.GetParEvidence.Input) async throws -> Operations.GetParEvidence.Output {
        let request = try self.request
        let view = try await ParService(store: request.store).assessment(campaign: input.path.code, unitCode: input.path.unit, by: try request.requireUser())
        guard let file = view.assessment.entries.values.flatMap(\.files).first(where: { $0.id.uuidString == input.path.id.uppercased() }) else {
            throw DomainError.notFound("upload.not_found")
        }
        let body = HTTPBody(try await request.application.services.files.read(file))
        let content: Operations.GetParEvidence.Output.Ok.Body =
            switch file.kind {
            case .pdf: .pdf(body)
            case .jpeg: .jpeg(body)
            case .png: .png(body)
            }
        return .ok(.init(body: content))
    }

    /// A step on an assessment, answered with the assessment as it is after it.
    private func parStep(
        _ code: String, _ unit: String, _ act: (ParService, User) async throws -> ParAssessment
    ) async throws -> Components.Schemas.ParAssessment {
        let request = try self.request
        let service = ParService(store: request.store)
        let user = try request.requireUser()
        _ = try await act(service, user)
        return .init(try await service.assessment(campaign: code, unitCode: unit, by: user))
    }
}

extension Components.Schemas.ParAssessment {
    init(_ view: ParAssessmentView) {
        let set = view.criteria.set
        let assessment = view.assessment
        let own = ParScore(set, responses: assessment.selfResponses)
        let appraised = assessment.state == .draft ? nil : ParScore(set, responses: assessment.appraisedResponses)
        self.init(
            campaign: view.campaign.code, unitCode: view.unit.code, unitName: view.unit.name, version: assessment.version,
            state: .init(rawValue: assessment.state.rawValue) ?? .draft, criteriaVersion: view.criteria.version,
            selfPoints: ParCriteriaSet.rounded(own.points), selfIndex: own.index.map(ParCriteriaSet.rounded),
            appraisedPoints: appraised.map { ParCriteriaSet.rounded($0.points) }, appraisedIndex: appraised?.index.map(ParCriteriaSet.rounded),
            maximum: own.maximum,
            items: set.leaves.map { field, leaf in
                let entry = assessment.entry(leaf.code)
                return .init(
                    code: leaf.code, field: field.code, maximum: leaf.maximum, method: leaf.method?.text ?? "", rule: leaf.rule?.text ?? "",
                    value: entry.response?.value, notApplicable: entry.response?.notApplicable, points: own.leaves[leaf.code], source: entry.source,
                    explanation: entry.explanation, links: entry.links,
                    files: entry.files.map {
                        .init(id: $0.id.uuidString, name: $0.originalName, contentType: $0.kind.contentType, size: $0.size, sha256: $0.sha256)
                    },
                    appraisedValue: entry.appraisal?.response.value, appraisedPoints: entry.appraisal == nil ? nil : appraised?.leaves[leaf.code],
                    appraisalReason: entry.appraisal?.reason, adjusted: entry.appraisal?.adjusted, sentBackReason: entry.sentBack?.reason,
                    sentBackDueOn: entry.sentBack?.dueOn.description)
            })
    }
}
