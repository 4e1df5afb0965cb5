import CCHCCore
import Vapor
import WorkCalendar

/// A form for one action on the dossier page: its fields, with what was typed and the errors when it came
/// back. The template draws every action the same way from this.
struct DossierActionForm: Encodable {
    struct Field: Encodable {
        enum Kind: String, Encodable {
            case text, textarea, select, date, number
        }

        var name: String
        var label: String
        var kind: Kind
        var value: String
        var hint: String?
        var options: [SelectOption]
        var error: String?
        var required: Bool
    }

    var action: String
    var label: String
    var explanation: String?
    var fields: [Field]
    /// A message for the whole form (the dossier changed meanwhile, not allowed now).
    var general: String?
    var isOpen: Bool
    var isDanger: Bool

    /// The forms for `kinds`, the failed one keeping what was typed.
    static func forms(
        _ kinds: [DossierAction.Kind], dossier: Dossier, procedure: Procedure, failedAction: String?, form: FormState, request: Request
    ) -> [DossierActionForm] {
        kinds.filter { $0 != .rate }.map { kind in
            let failed = failedAction == kind.rawValue
            func field(
                _ name: String, _ kind: Field.Kind, default value: String = "", options: [SelectOption] = [], hint: String? = nil, required: Bool = true
            ) -> Field {
                let typed = failed ? form.values[name] : nil
                return Field(
                    name: name, label: request.t("dossier.form.\(name)"), kind: kind, value: typed ?? value, hint: hint,
                    options: options.map { option in
                        var option = option
                        if let typed { option.selected = option.value == typed }
                        return option
                    },
                    error: failed ? form.errors[name] : nil, required: required)
            }
            let current = dossier.currentStep ?? 0
            func steps(_ indices: [Int], preferred: Int) -> [SelectOption] {
                indices.map { SelectOption(value: String($0), label: "\($0 + 1). \(procedure.steps[$0].name)", selected: $0 == preferred) }
            }
            var fields: [Field]
            switch kind {
            case .accept:
                fields = []
            case .refuse, .withdraw, .stop:
                fields = [field("reason", .textarea)]
            case .requestSupplement:
                fields = [field("items", .textarea, hint: request.t("dossier.form.items_hint")), field("reason", .textarea)]
            case .receiveSupplement, .markResultReady:
                fields = [field("note", .textarea, required: false)]
            case .forward:
                fields = [
                    field("toStep", .select, options: steps(procedure.steps.indices.filter { $0 > current }, preferred: current + 1)),
                    field("note", .textarea, required: false),
                ]
            case .returnToStep:
                fields = [
                    field("toStep", .select, options: steps(procedure.steps.indices.filter { $0 < current }, preferred: current - 1)),
                    field("reason", .textarea),
                ]
            case .requestPayment:
                fields = [field("amount", .number, hint: request.t("dossier.form.amount_hint")), field("description", .text)]
            case .recordPayment:
                fields = [field("reference", .text)]
            case .returnResult:
                fields = [
                    field("returnedTo", .text, default: dossier.applicant.fullName),
                    field(
                        "method", .select,
                        options: ResultDelivery.Method.allCases.map {
                            SelectOption(value: $0.rawValue, label: request.t("result.method.\($0.rawValue)"), selected: $0 == .counter)
                        }),
                ]
            case .apologize:
                let draft = dossier.apologyDraft
                fields = [
                    field("reason", .textarea, default: draft?.reason ?? ""),
                    field("newDueDate", .date, default: draft.map { VietnamTime.localDate(of: $0.proposedDueAt).description } ?? ""),
                    field(
                        "newDueSession", .select,
                        options: Appointment.Session.allCases.map {
                            SelectOption(value: $0.rawValue, label: request.t("appointment.session.\($0.rawValue)"), selected: $0 == .afternoon)
                        }),
                ]
            case .rate, .flagNearingDue, .flagOverdue:
                fields = []
            }
            return DossierActionForm(
                action: kind.rawValue, label: request.t(kind.messageKey), explanation: request.t("dossier.action_help.\(kind.rawValue)"),
                fields: fields, general: failed ? form.general : nil, isOpen: failed,
                isDanger: [.refuse, .withdraw, .stop].contains(kind))
        }
    }
}
