import CCHCCore
import QREncoder
import Vapor

/// Invitations to print (each with its link and QR code), and ballots keyed in at the desk: from paper
/// (marked as such) or on the counter's tablet (the kiosk: the form again, blank, after each answer).
extension SurveysController {
    struct Slip: Encodable {
        var unit: String
        var about: String
        var link: String
        var token: String
        var qrSVG: String
    }

    struct InvitationsPage: Encodable {
        var code: String
        var title: String
        var closesOn: String
        var slips: [Slip]
        var spent: Int
    }

    func invitations(_ request: Request) async throws -> Response {
        let (campaign, invitations) = try await SurveyService(store: request.store).invitations(
            code: request.parameters.get("code") ?? "", by: try request.requireUser())
        let unit = request.query[String.self, at: "unit"]
        var slips: [Slip] = []
        for invitation in invitations {
            guard let token = invitation.token else { continue }
            let target = campaign.target(invitation.unitID)
            if let unit, !unit.isEmpty, target?.unitCode != unit { continue }
            let link = request.publicAddress(PublicSurveyController.path(token: token))
            slips.append(
                Slip(
                    unit: target?.unitName ?? "",
                    about: invitation.dossierCode.map { request.t("survey.invitation.dossier", ["code": $0]) } ?? invitation.group ?? "", link: link,
                    token: token, qrSVG: try QRCode(link).svg(moduleSize: 3, label: request.t("survey.invitation.qr"))))
        }
        let page = InvitationsPage(
            code: campaign.code, title: campaign.title, closesOn: campaign.closesOn.vietnameseFormat, slips: slips,
            spent: invitations.count - invitations.filter { $0.token != nil }.count)
        return try await request.render("surveys/invitations", title: request.t("survey.invitations.title"), page)
    }

    struct BallotPage: Encodable {
        var code: String
        var title: String
        var unitCode: String
        var unitName: String
        var channel: String
        var kiosk: Bool
        var survey: SurveyForm
        var form: FormState
        var saved: Bool
    }

    func ballotForm(_ request: Request) async throws -> Response {
        try await renderBallot(request, form: FormState(), saved: request.query[String.self, at: "saved"] == "1")
    }

    func recordBallot(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        let service = SurveyService(store: request.store)
        let campaign = try await service.campaign(code: code, by: user)
        let questionnaire = try await service.questionnaire(of: campaign)
        let values = request.formValues(SurveyForm.fields(questionnaire))
        let unit = request.field("unit")
        let channel = SurveyChannel(rawValue: request.field("channel")) ?? .paper
        do {
            try await service.answerAtDesk(code: code, unitCode: unit, values, channel: channel, by: user, now: request.now)
            return request.redirect(
                to: "\(Self.path)/\(campaign.code)/ballot?unit=\(Request.percentEncoded(unit))&channel=\(channel.rawValue)&saved=1",
                flash: channel == .kiosk ? "flash.survey_kiosk_thanks" : "flash.survey_ballot_saved")
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, request)
            return try await renderBallot(request, form: form, status: .unprocessableEntity)
        }
    }

    private func renderBallot(_ request: Request, form: FormState, saved: Bool = false, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let service = SurveyService(store: request.store)
        let campaign = try await service.campaign(code: request.parameters.get("code") ?? "", by: user)
        let unitCode = request.query[String.self, at: "unit"] ?? request.field("unit")
        guard let target = campaign.targets.first(where: { $0.unitCode == unitCode }) else { throw Abort(.notFound) }
        let channelText = request.query[String.self, at: "channel"] ?? request.field("channel")
        let channel = SurveyChannel(rawValue: channelText).flatMap { $0 == .online ? nil : $0 } ?? .paper
        let page = BallotPage(
            code: campaign.code, title: campaign.title, unitCode: target.unitCode, unitName: target.unitName, channel: channel.rawValue,
            kiosk: channel == .kiosk, survey: SurveyForm(try await service.questionnaire(of: campaign), form: form, request: request), form: form,
            saved: saved)
        return try await request.render("surveys/ballot", title: request.t("survey.ballot.\(channel.rawValue)"), page, status: status)
    }
}
