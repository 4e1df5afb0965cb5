import CCHCCore
import Foundation
import Vapor

/// One field of a unit's assessment (a page per field, as the issue asks): each leaf with the unit's score
/// and evidence, the appraised score beside it, the figure cchc filled in, and the forms the reader may use
/// now. Rows are built here because a template cannot read a value whose key holds dots.
struct ParFieldPage: Encodable {
    struct Choice: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct File: Encodable {
        var id: String
        var name: String
        var href: String
    }

    struct Leaf: Encodable {
        var index: Int
        var code: String
        var name: String
        var maximum: String
        /// "Tự chấm" for the unit's own items, "Số liệu" for a figure filled in.
        var valueLabel: String
        var method: String
        var rule: String
        var evidence: String?
        var allowsNotApplicable: Bool
        /// The unit's response and points; the appraised ones; where a filled-in figure came from.
        var selfValue: String?
        var selfPoints: String?
        var appraisedPoints: String?
        var appraisal: String?
        var sentBack: String?
        var source: String?
        var explanation: String?
        var links: [String]
        var files: [File]
        /// Inputs, when the reader may score it now.
        var canScore: Bool
        var choices: [Choice]
        var value: String
        var notApplicable: Bool
        var explanationValue: String
        var linksValue: String
        var kept: UploadForm.KeptFile?
        var errors: [String]
        var canAppraise: Bool
        var canAnswer: Bool
        var canFill: Bool
        /// The appraisal and fill forms' values and errors, when one of them came back.
        var actionValues: [String: String]
        var actionErrors: [String]
    }

    var campaignCode: String
    var unitCode: String
    var unitName: String
    var fieldCode: String
    var fieldName: String
    var fieldMaximum: String
    var state: String
    var version: Int
    var leaves: [Leaf]
    var canScoreAny: Bool
    var fields: [SelectOption]
    var today: String
    var form: FormState

    /// The page for `view`'s field `code`, read by `user`; `form` holds what came back with errors (keys
    /// `items.<code>.<name>` for the scores, `action.<code>.<name>` for an appraisal or a figure).
    init(
        _ view: ParAssessmentView, field code: String, user: User, tree: UnitTree, figures: [String: ParLiveFigure], form: FormState,
        kept: [Int: StagedFile], request: Request
    ) throws {
        guard let field = view.criteria.set.fields.first(where: { $0.code == code }) else { throw Abort(.notFound) }
        let assessment = view.assessment
        func allowed(_ action: ParAction, _ leaf: String) -> Bool {
            (try? ParPolicy.check(action, by: user, unit: view.unit, tree: tree, campaign: view.campaign, assessment: assessment, leaf: leaf)) != nil
        }
        let base = "/par/campaigns/\(view.campaign.code)/units/\(view.unit.code)"
        campaignCode = view.campaign.code
        unitCode = view.unit.code
        unitName = view.unit.name
        fieldCode = field.code
        fieldName = field.name
        fieldMaximum = ParRule.number(field.maximum)
        state = request.t(assessment.state.messageKey)
        version = assessment.version
        today = request.today.description
        self.form = form
        fields = view.criteria.set.fields.map { SelectOption(value: $0.code, label: "\($0.code). \($0.name)", selected: $0.code == code) }
        leaves = field.leaves.enumerated().map { index, leaf in
            let entry = assessment.entry(leaf.code)
            let isSelf = leaf.method?.isSelfAssessed == true
            let figure = isSelf || entry.response != nil ? nil : figures[leaf.code]
            let response = entry.response ?? figure.map { ParResponse(value: $0.value) }
            func points(_ response: ParResponse?) -> String? {
                guard let response else { return nil }
                if response.notApplicable { return request.t("par.not_applicable") }
                guard let value = response.value, let rule = leaf.rule, let points = try? rule.points(value, maximum: leaf.maximum).get() else { return nil }
                return ParRule.number(ParCriteriaSet.rounded(points))
            }
            let prefix = "items.\(leaf.code)."
            let actionPrefix = "action.\(leaf.code)."
            let typed = form.values[prefix + "value"] ?? entry.response?.value.map(ParRule.number) ?? ""
            return Leaf(
                index: index, code: leaf.code, name: leaf.name, maximum: ParRule.number(leaf.maximum),
                valueLabel: request.t(isSelf ? "par.self_score" : "par.figure"),
                method: leaf.method.map { request.t("par.method.\($0.kind)") } ?? "", rule: leaf.rule.map { ParIndexController.describe($0, request) } ?? "",
                evidence: leaf.evidence, allowsNotApplicable: leaf.allowsNotApplicable,
                selfValue: response.map { $0.notApplicable ? request.t("par.not_applicable") : $0.value.map(ParRule.number) ?? "" },
                selfPoints: points(response), appraisedPoints: entry.appraisal.flatMap { points($0.response) },
                appraisal: entry.appraisal.map { appraisal in
                    request.t(appraisal.adjusted ? "par.appraisal.adjusted" : "par.appraisal.accepted", ["by": appraisal.by, "reason": appraisal.reason])
                },
                sentBack: entry.sentBack.map { request.t("par.sent_back", ["reason": $0.reason, "date": $0.dueOn.vietnameseFormat]) },
                source: entry.source ?? figure?.source, explanation: entry.explanation, links: entry.links,
                files: entry.files.map { File(id: $0.id.uuidString, name: $0.originalName, href: "\(base)/files/\($0.id.uuidString)") },
                canScore: isSelf && allowed(.score, leaf.code), choices: Self.choices(leaf, typed: typed, request), value: typed,
                notApplicable: form.values[prefix + "notApplicable"].map { $0 == "1" } ?? (entry.response?.notApplicable ?? false),
                explanationValue: form.values[prefix + "explanation"] ?? entry.explanation ?? "",
                linksValue: form.values[prefix + "links"] ?? entry.links.joined(separator: "\n"), kept: kept[index].map(UploadForm.KeptFile.init),
                errors: form.errors.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map(\.value),
                canAppraise: isSelf && entry.response != nil && allowed(.appraise, leaf.code), canAnswer: allowed(.answer, leaf.code),
                canFill: !isSelf && allowed(.fill, leaf.code),
                actionValues: Dictionary(
                    uniqueKeysWithValues: form.values.filter { $0.key.hasPrefix(actionPrefix) }.map { (String($0.key.dropFirst(actionPrefix.count)), $0.value) }
                ),
                actionErrors: form.errors.filter { $0.key.hasPrefix(actionPrefix) }.sorted { $0.key < $1.key }.map(\.value))
        }
        canScoreAny = leaves.contains { $0.canScore }
    }

    /// Yes/no and tiers are chosen from a list; other rules take a number.
    static func choices(_ leaf: ParNode, typed: String, _ request: Request) -> [Choice] {
        let options: [(String, String)]
        switch leaf.rule {
        case .yesNo?: options = [("1", request.t("par.choice.yes")), ("0", request.t("par.choice.no"))]
        case .tiers(let shares)?:
            options = shares.enumerated().map { index, share in
                (String(index), request.t("par.choice.tier", ["n": String(index + 1), "share": ParRule.number(share * 100)]))
            }
        default: return []
        }
        return [Choice(value: "", label: "—", selected: typed.isEmpty)] + options.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == typed) }
    }
}
