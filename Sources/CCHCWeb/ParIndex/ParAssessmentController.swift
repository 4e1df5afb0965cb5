import CCHCCore
import Foundation
import Vapor

/// A unit's assessment: an overview of its fields and what happened to it, one page per field where the
/// unit scores and attaches evidence and Home Affairs appraises each item, and the steps between (submit,
/// answer a send-back, finish the appraisal, confirm).
struct ParAssessmentController {
    let limits: UploadForm.Limits

    init(uploadMaximumBytes: Int) {
        limits = UploadForm.Limits(fileBytes: uploadMaximumBytes, files: 20)
    }

    func register(_ routes: any RoutesBuilder) {
        let readers = routes.access(.permission(.viewPar))
        let base: [PathComponent] = ["par", "campaigns", ":code", "units", ":unit"]
        readers.get(base, use: overview)
        readers.get(base + ["fields", ":field"], use: field)
        readers.upload(base + ["fields", ":field"], limits: limits, use: score)
        readers.get(base + ["files", ":id"], use: file)
        readers.post(base + ["submit"], use: step(.submit))
        readers.post(base + ["finish"], use: step(.finishAppraisal))
        readers.post(base + ["confirm"], use: step(.confirm))
        readers.post(base + ["items", ":item", "appraise"], use: appraise)
        readers.post(base + ["items", ":item", "answer"], use: answer)
        readers.post(base + ["items", ":item", "fill"], use: fill)
    }

    static func names(_ request: Request) -> (code: String, unit: String) {
        (request.parameters.get("code") ?? "", request.parameters.get("unit") ?? "")
    }

    static func path(_ view: ParAssessmentView, field: String? = nil) -> String {
        "/par/campaigns/\(view.campaign.code)/units/\(view.unit.code)" + (field.map { "/fields/\($0)" } ?? "")
    }

    // MARK: Overview

    struct OverviewPage: Encodable {
        struct Field: Encodable {
            var code: String
            var name: String
            var maximum: String
            var selfPoints: String
            var appraisedPoints: String?
            var section: String?
            var href: String
        }

        struct Event: Encodable {
            var at: String
            var actor: String
            var kind: String
            var item: String?
            var detail: String?
        }

        var campaignCode: String
        var campaignTitle: String
        var unitCode: String
        var unitName: String
        var state: String
        var stateCode: String
        var version: Int
        var criteria: String
        var fields: [Field]
        var selfTotal: String
        var appraisedTotal: String?
        var selfIndex: String
        var appraisedIndex: String?
        var sentBack: [String]
        var canSubmit: Bool
        var canFinish: Bool
        var canConfirm: Bool
        var events: [Event]
        var form: FormState
    }

    func overview(_ request: Request) async throws -> Response {
        try await renderOverview(request, form: FormState())
    }

    func renderOverview(_ request: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let (code, unit) = Self.names(request)
        let view = try await ParService(store: request.store).assessment(campaign: code, unitCode: unit, by: user)
        let tree = try await request.store.units.tree()
        let assessment = view.assessment
        let set = view.criteria.set
        let selfScore = ParScore(set, responses: assessment.selfResponses)
        let appraised = assessment.state == .draft ? nil : ParScore(set, responses: assessment.appraisedResponses)
        func allowed(_ action: ParAction) -> Bool {
            (try? ParPolicy.check(action, by: user, unit: view.unit, tree: tree, campaign: view.campaign, assessment: assessment)) != nil
        }
        func n(_ value: Double?) -> String { value.map { ParRule.number(ParCriteriaSet.rounded($0)) } ?? "—" }
        let page = OverviewPage(
            campaignCode: view.campaign.code, campaignTitle: view.campaign.title, unitCode: view.unit.code, unitName: view.unit.name,
            state: request.t(assessment.state.messageKey), stateCode: assessment.state.rawValue, version: assessment.version,
            criteria: "\(set.title) (v\(view.criteria.version), \(set.decision))",
            fields: set.fields.enumerated().map { index, field in
                OverviewPage.Field(
                    code: field.code, name: field.name, maximum: ParRule.number(field.maximum), selfPoints: n(selfScore.fields[index].points),
                    appraisedPoints: appraised.map { n($0.fields[index].points) },
                    section: field.section == .scale ? nil : request.t("par.section.\(field.section.rawValue)"), href: Self.path(view, field: field.code))
            }, selfTotal: n(selfScore.points), appraisedTotal: appraised.map { n($0.points) }, selfIndex: n(selfScore.index),
            appraisedIndex: appraised.map { n($0.index) }, sentBack: assessment.sentBack, canSubmit: allowed(.submit),
            canFinish: allowed(.finishAppraisal), canConfirm: allowed(.confirm),
            events: try await request.store.par.events(assessmentID: assessment.id).reversed().map { event in
                OverviewPage.Event(
                    at: DisplayFormat.dateTime(event.at), actor: event.actor, kind: request.t(event.kind.messageKey), item: event.item, detail: event.detail)
            }, form: form)
        return try await request.render("par/assessment", title: "\(view.unit.name): \(view.campaign.title)", page, status: status)
    }

    /// Submit, finish the appraisal, confirm: each a button with the version it was based on; what is missing
    /// comes back on the overview, each item named.
    func step(_ action: ParAction) -> @Sendable (Request) async throws -> Response {
        { request in
            let user = try request.requireUser()
            let (code, unit) = Self.names(request)
            let version = Int(request.formValues(["version"])["version"] ?? "") ?? -1
            let service = ParService(store: request.store)
            do {
                switch action {
                case .submit: _ = try await service.submit(campaign: code, unitCode: unit, expectedVersion: version, by: user, now: request.now)
                case .finishAppraisal:
                    _ = try await service.finishAppraisal(campaign: code, unitCode: unit, expectedVersion: version, by: user, now: request.now)
                default: _ = try await service.confirm(campaign: code, unitCode: unit, expectedVersion: version, by: user, now: request.now)
                }
                return request.redirect(to: "/par/campaigns/\(code)/units/\(unit)", flash: "flash.par_\(action.rawValue)")
            } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
                var form = FormState()
                form.show(error, request)
                return try await renderOverview(request, form: form, status: Problem(error).status)
            }
        }
    }

    func file(_ request: Request) async throws -> Response {
        let (code, unit) = Self.names(request)
        let view = try await ParService(store: request.store).assessment(campaign: code, unitCode: unit, by: try request.requireUser())
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let file = view.assessment.entries.values.flatMap(\.files).first(where: { $0.id == id })
        else { throw Abort(.notFound) }
        return try await request.download(file, named: file.originalName)
    }
}
