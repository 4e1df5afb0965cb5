import CCHCCore
import Vapor
import WorkCalendar

/// The drill-down of an indicator that counts procedures (1.1–1.3, 3.1–3.5, 4.5a): the procedures in its
/// numerator, denominator or lost part, each with the publication facts that decided it.
extension ServiceIndexController {
    struct ProcedureRow: Encodable {
        var code: String
        var name: String
        var field: String
        var decision: String
        var legalBasis: String
        var postedOn: String
        var detail: String
    }

    static func procedureRows(
        indicator code: String, part: IndicatorPart, unit: OrgUnit, context: ServiceIndexService.Context, service: ServiceIndexService, request: Request
    ) throws -> [ProcedureRow] {
        try service.procedures(indicator: code, part: part, unit: unit, context: context).map { item in
            let publication = item.publication
            var detail: [String] = []
            if let missing = ProcedureText.missingParts(item.procedure, request) {
                detail.append(request.t("index.procedure.missing_parts", ["parts": missing]))
            }
            if item.timeliness.published, !item.timeliness.publishedOnTime { detail.append(request.t("index.procedure.decision_late")) }
            if item.timeliness.postingJudged, !item.timeliness.postedOnTime {
                detail.append(request.t(publication.postedOn == nil ? "index.procedure.not_posted" : "index.procedure.posted_late"))
            }
            return ProcedureRow(
                code: item.procedure.code, name: item.procedure.name, field: item.procedure.field,
                decision: ProcedureText.decision(publication, request),
                legalBasis: publication.legalBasisEffectiveFrom?.vietnameseFormat ?? "", postedOn: publication.postedOn?.vietnameseFormat ?? "",
                detail: detail.joined(separator: "; "))
        }
    }

    static func procedureCSV(_ rows: [ProcedureRow], request: Request) -> [[String]] {
        [
            [
                "index.procedure.code", "index.procedure.name", "index.csv.field", "index.procedure.decision", "procedure.publication.legal_basis",
                "procedure.publication.posted_on", "index.dossier.reason",
            ].map { request.t($0) }
        ] + rows.map { [$0.code, $0.name, $0.field, $0.decision, $0.legalBasis, $0.postedOn, $0.detail] }
    }
}
