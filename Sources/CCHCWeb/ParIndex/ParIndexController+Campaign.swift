import CCHCCore
import Foundation
import Vapor

extension ParIndexController {
    struct CampaignPage: Encodable {
        struct Unit: Encodable {
            var code: String
            var name: String
            var state: String
            var stateCode: String
            var selfIndex: String?
            var appraisedIndex: String?
            var sentBack: Int
            var href: String
        }

        var code: String
        var title: String
        var year: Int
        var level: String
        var state: String
        var version: Int
        var criteria: String
        var criteriaHref: String
        var dates: [String]
        var units: [Unit]
        var canAdvance: Bool
        var nextState: String?
        var canReadResults: Bool
    }

    /// The campaign and the assessments the reader may see, each unit's state and indices so far.
    func campaign(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let service = ParService(store: request.store)
        let (campaign, criteria) = try await service.campaign(code: request.parameters.get("code") ?? "")
        let tree = try await request.store.units.tree()
        let language = request.language
        func percent(_ value: Double?) -> String? { value.map { IndexFormat.number(ParCriteriaSet.rounded($0), language: language) + " %" } }
        let units = try await service.readableAssessments(campaign, by: user).compactMap { assessment -> CampaignPage.Unit? in
            guard let unit = tree.unit(id: assessment.unitID) else { return nil }
            let touched = assessment.entries.values.contains { $0.response != nil }
            return CampaignPage.Unit(
                code: unit.code, name: unit.name, state: request.t(assessment.state.messageKey), stateCode: assessment.state.rawValue,
                selfIndex: touched ? percent(ParScore(criteria.set, responses: assessment.selfResponses).index) : nil,
                appraisedIndex: assessment.state == .draft ? nil : percent(ParScore(criteria.set, responses: assessment.appraisedResponses).index),
                sentBack: assessment.sentBack.count, href: "/par/campaigns/\(campaign.code)/units/\(unit.code)")
        }.sorted { $0.code < $1.code }
        let next: ParCampaign.State? =
            switch campaign.state {
            case .open: .appraisal
            case .appraisal: .review
            case .review: .published
            case .published: nil
            }
        let page = CampaignPage(
            code: campaign.code, title: campaign.title, year: campaign.year, level: request.t(campaign.level.messageKey),
            state: request.t(campaign.state.messageKey), version: campaign.version, criteria: "\(criteria.set.title) (v\(criteria.version))",
            criteriaHref: "/par/criteria/\(campaign.year)/\(campaign.level.rawValue)/\(criteria.version)",
            dates: [
                request.t("par.campaign.self_due", ["date": campaign.selfAssessmentDue.vietnameseFormat]),
                request.t("par.campaign.appraisal_due", ["date": campaign.appraisalDue.vietnameseFormat]),
                request.t("par.campaign.review_due", ["date": campaign.reviewDue.vietnameseFormat]),
                request.t("par.campaign.publish_on", ["date": campaign.publishOn.vietnameseFormat]),
            ], units: units, canAdvance: user.can(.managePar) && next != nil, nextState: next.map { request.t($0.messageKey) },
            canReadResults: campaign.state == .published || user.reachedUnits(for: .viewPar, in: tree) == nil)
        return try await request.render("par/campaign", title: campaign.title, page)
    }
}
