import CCHCCore
import Vapor
import WorkCalendar

extension ProceduresController {
    /// The publication record as the procedure page shows it; "chưa ghi nhận" where nothing is recorded.
    static func publicationFacts(_ procedure: Procedure, _ request: Request) -> [DossierView.Fact] {
        let publication = procedure.publication
        let none = request.t("procedure.publication.none")
        let decision = ProcedureText.decision(publication, request)
        return [
            DossierView.Fact(label: request.t("procedure.publication.decision"), value: decision.isEmpty ? none : decision),
            DossierView.Fact(label: request.t("procedure.publication.legal_basis"), value: publication.legalBasisEffectiveFrom?.vietnameseFormat ?? none),
            DossierView.Fact(label: request.t("procedure.publication.posted_on"), value: publication.postedOn?.vietnameseFormat ?? none),
            DossierView.Fact(
                label: request.t("procedure.applicants"),
                value: publication.applicants.isEmpty ? none : publication.applicants.map { request.t($0.messageKey) }.joined(separator: ", ")),
            DossierView.Fact(
                label: request.t("procedure.online_payment"),
                value: procedure.fee == 0 ? request.t("procedure.online_payment.no_fee") : request.t(publication.onlinePayment ? "form.yes" : "form.no")),
        ]
    }
}
