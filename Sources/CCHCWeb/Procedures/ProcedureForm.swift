import CCHCCore
import Vapor
import WorkCalendar

/// The procedure editor's rows: components `c{i}_*` and steps `s{i}_*`, with a few blank rows to add
/// more. A row left blank is ignored; errors from the rules (`components.2.name`) land on their row.
struct ProcedureForm: Encodable {
    struct ComponentRow: Encodable {
        var index: Int
        var name: String
        var originals: String
        var certified: String
        var photocopies: String
        var mayPresentOriginal: Bool
        var required: Bool
        var error: String?
    }

    struct StepRow: Encodable {
        var index: Int
        var name: String
        var holder: String
        var roles: [SelectOption]
        var allowance: String
        var error: String?
    }

    static let blankComponents = 3
    static let blankSteps = 2
    static let scalarFields = [
        "code", "name", "field", "competentUnitCode", "receivingUnitCodes", "timeUnit", "timeValue", "cutoff", "supplementRule",
        "fee", "feeNote", "onlineLevel", "effectiveFrom", "changeReason", "expectedVersion",
    ]
    static let stepRoles: [Role] = [.deskOfficer, .specialist, .unitLeader]

    var components: [ComponentRow]
    var steps: [StepRow]

    /// Every input name a submitted form may carry, for a form that showed `componentRows` and `stepRows`.
    static func fieldNames(componentRows: Int, stepRows: Int) -> [String] {
        scalarFields + ["componentRows", "stepRows"]
            + (0..<componentRows).flatMap { i in ["name", "originals", "certified", "photocopies", "mayPresentOriginal", "required"].map { "c\(i)_\($0)" } }
            + (0..<stepRows).flatMap { i in ["name", "holder", "role", "allowance"].map { "s\(i)_\($0)" } }
    }

    /// The form's values for a draft (editing, or a fresh form with defaults).
    static func values(_ draft: ProcedureDraft) -> [String: String] {
        var values: [String: String] = [
            "code": draft.code, "name": draft.name, "field": draft.field, "competentUnitCode": draft.competentUnitCode,
            "receivingUnitCodes": draft.receivingUnitCodes.joined(separator: " "), "timeUnit": draft.timeUnit.rawValue,
            "timeValue": draft.timeValue > 0 ? String(draft.timeValue) : "", "cutoff": draft.cutoff, "supplementRule": draft.supplementRule.rawValue,
            "fee": String(draft.fee), "feeNote": draft.feeNote, "onlineLevel": draft.onlineLevel.rawValue, "effectiveFrom": draft.effectiveFrom.description,
            "changeReason": draft.changeReason,
            "componentRows": String(draft.components.count + blankComponents), "stepRows": String(draft.steps.count + blankSteps),
        ]
        for (i, component) in draft.components.enumerated() {
            values["c\(i)_name"] = component.name
            values["c\(i)_originals"] = String(component.originals)
            values["c\(i)_certified"] = String(component.certifiedCopies)
            values["c\(i)_photocopies"] = String(component.photocopies)
            values["c\(i)_mayPresentOriginal"] = component.mayPresentOriginal ? "1" : ""
            values["c\(i)_required"] = component.required ? "1" : ""
        }
        for (i, step) in draft.steps.enumerated() {
            values["s\(i)_name"] = step.name
            values["s\(i)_holder"] = step.holder
            values["s\(i)_role"] = step.role.rawValue
            values["s\(i)_allowance"] = String(step.allowance)
        }
        return values
    }

    static func rowCounts(_ values: [String: String]) -> (components: Int, steps: Int) {
        (min(max(Int(values["componentRows"] ?? "") ?? blankComponents, 1), 60), min(max(Int(values["stepRows"] ?? "") ?? blankSteps, 1), 30))
    }

    /// The rows to show: what was typed plus blank ones.
    init(values: [String: String], errors: [String: String], request: Request) {
        let (componentRows, stepRows) = Self.rowCounts(values)
        let filledComponents = (0..<componentRows).filter { !(values["c\($0)_name"] ?? "").isEmpty }.count
        let filledSteps = (0..<stepRows).filter { !(values["s\($0)_name"] ?? "").isEmpty }.count
        components = (0..<max(componentRows, filledComponents + Self.blankComponents)).map { i in
            let isNew = values["c\(i)_name"] == nil
            return ComponentRow(
                index: i, name: values["c\(i)_name"] ?? "", originals: values["c\(i)_originals"] ?? (isNew ? "0" : ""),
                certified: values["c\(i)_certified"] ?? (isNew ? "0" : ""), photocopies: values["c\(i)_photocopies"] ?? (isNew ? "0" : ""),
                mayPresentOriginal: !(values["c\(i)_mayPresentOriginal"] ?? "").isEmpty,
                required: isNew || !(values["c\(i)_required"] ?? "").isEmpty,
                error: errors["c\(i)"])
        }
        steps = (0..<max(stepRows, filledSteps + Self.blankSteps)).map { i in
            let role = values["s\(i)_role"] ?? Role.specialist.rawValue
            return StepRow(
                index: i, name: values["s\(i)_name"] ?? "", holder: values["s\(i)_holder"] ?? "",
                roles: Self.stepRoles.map { SelectOption(value: $0.rawValue, label: request.t($0.messageKey), selected: $0.rawValue == role) },
                allowance: values["s\(i)_allowance"] ?? "", error: errors["s\(i)"])
        }
    }

    /// The draft the form describes; numbers that cannot be read are field errors.
    static func draft(_ values: [String: String]) throws -> ProcedureDraft {
        var errors: [FieldError] = []
        func number(_ name: String, _ text: String?, field: String? = nil) -> Int {
            let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces).filter { $0 != "." && $0 != " " }
            if trimmed.isEmpty { return 0 }
            guard let value = Int(trimmed) else {
                errors.append(FieldError(field ?? name, "error.invalid_value"))
                return 0
            }
            return value
        }
        let (componentRows, stepRows) = rowCounts(values)
        var components: [ProcedureComponent] = []
        for i in 0..<componentRows {
            let name = (values["c\(i)_name"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            components.append(
                ProcedureComponent(
                    name: name, originals: number("c\(i)", values["c\(i)_originals"], field: "components.\(components.count).counts"),
                    certifiedCopies: number("c\(i)", values["c\(i)_certified"], field: "components.\(components.count).counts"),
                    photocopies: number("c\(i)", values["c\(i)_photocopies"], field: "components.\(components.count).counts"),
                    mayPresentOriginal: !(values["c\(i)_mayPresentOriginal"] ?? "").isEmpty, required: !(values["c\(i)_required"] ?? "").isEmpty))
        }
        var steps: [ProcedureDraft.Step] = []
        for i in 0..<stepRows {
            let name = (values["s\(i)_name"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            let role = Role(rawValue: values["s\(i)_role"] ?? "") ?? .specialist
            steps.append(
                ProcedureDraft.Step(
                    name: name, holder: values["s\(i)_holder"] ?? "", role: role,
                    allowance: number("s\(i)", values["s\(i)_allowance"], field: "steps.\(steps.count).allowance")))
        }
        let timeUnit = ProcedureDraft.TimeUnit(rawValue: values["timeUnit"] ?? "")
        if timeUnit == nil { errors.append(FieldError("timeUnit", "error.invalid_value")) }
        let effectiveFrom = LocalDate(flexible: values["effectiveFrom"] ?? "")
        if effectiveFrom == nil { errors.append(FieldError("effectiveFrom", "error.date_invalid")) }
        let draft = ProcedureDraft(
            code: values["code"] ?? "", name: values["name"] ?? "", field: values["field"] ?? "",
            competentUnitCode: values["competentUnitCode"] ?? "",
            receivingUnitCodes: (values["receivingUnitCodes"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0.isNewline }).map(
                String.init),
            timeUnit: timeUnit ?? .workingDays, timeValue: number("timeValue", values["timeValue"]), cutoff: values["cutoff"] ?? "",
            supplementRule: SupplementRule(rawValue: values["supplementRule"] ?? "") ?? .pause, fee: number("fee", values["fee"]),
            feeNote: values["feeNote"] ?? "", components: components, steps: steps,
            onlineLevel: OnlineLevel(rawValue: values["onlineLevel"] ?? "") ?? .none, effectiveFrom: effectiveFrom ?? LocalDate(dayNumber: 0),
            changeReason: values["changeReason"] ?? "")
        try errors.throwIfAny()
        return draft
    }

    /// A rules error (`components.1.name`) as the form's name for it. Rows are numbered among the filled
    /// ones, so they are mapped back to the row they came from.
    static func formField(_ field: String, values: [String: String]) -> String {
        let parts = field.split(separator: ".")
        guard parts.count >= 2, let position = Int(parts[1]), parts[0] == "components" || parts[0] == "steps" else { return field }
        let prefix = parts[0] == "components" ? "c" : "s"
        let (componentRows, stepRows) = rowCounts(values)
        let filled = (0..<(prefix == "c" ? componentRows : stepRows)).filter {
            !(values["\(prefix)\($0)_name"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        }
        return prefix + String(position < filled.count ? filled[position] : position)
    }
}
