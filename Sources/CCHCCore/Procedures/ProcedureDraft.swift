import Foundation
import WorkCalendar

/// A procedure as typed into a form, imported from a file or sent to the API: units by code, nothing
/// checked yet. `ProcedureRules.build` turns it into a `Procedure` or names every bad field.
public struct ProcedureDraft: Equatable, Sendable {
    public enum TimeUnit: String, Codable, CaseIterable, Sendable {
        case workingDays = "working_days"
        case workingHours = "working_hours"
        case calendarDays = "calendar_days"
    }

    public struct Step: Equatable, Sendable {
        public var name: String
        /// `receiving`, `competent`, or a unit code.
        public var holder: String
        public var role: Role
        public var allowance: Int

        public init(name: String, holder: String, role: Role, allowance: Int) {
            self.name = name
            self.holder = holder
            self.role = role
            self.allowance = allowance
        }
    }

    /// The competent-unit keyword for procedures of local government.
    public static let localGovernment = "local"

    public var code: String
    public var name: String
    public var field: String
    /// A unit code, or `local` for the local government of the receiving desk.
    public var competentUnitCode: String
    public var receivingUnitCodes: [String]
    public var timeUnit: TimeUnit
    public var timeValue: Int
    /// `HH:MM` or empty.
    public var cutoff: String
    public var supplementRule: SupplementRule
    public var fee: Int
    public var feeNote: String
    public var components: [ProcedureComponent]
    public var steps: [Step]
    public var onlineLevel: OnlineLevel
    public var effectiveFrom: LocalDate
    /// Why this version: the decision that published it, or what changed.
    public var changeReason: String

    public init(
        code: String, name: String, field: String, competentUnitCode: String, receivingUnitCodes: [String], timeUnit: TimeUnit,
        timeValue: Int, cutoff: String = "", supplementRule: SupplementRule = .pause, fee: Int = 0, feeNote: String = "",
        components: [ProcedureComponent], steps: [Step], onlineLevel: OnlineLevel = .none, effectiveFrom: LocalDate, changeReason: String = ""
    ) {
        self.code = code
        self.name = name
        self.field = field
        self.competentUnitCode = competentUnitCode
        self.receivingUnitCodes = receivingUnitCodes
        self.timeUnit = timeUnit
        self.timeValue = timeValue
        self.cutoff = cutoff
        self.supplementRule = supplementRule
        self.fee = fee
        self.feeNote = feeNote
        self.components = components
        self.steps = steps
        self.onlineLevel = onlineLevel
        self.effectiveFrom = effectiveFrom
        self.changeReason = changeReason
    }

    /// The draft that reproduces a stored procedure (for editing, export, a new version).
    public init(_ procedure: Procedure, tree: UnitTree) {
        func code(_ id: UUID) -> String { tree.unit(id: id)?.code ?? "" }
        let (unit, value): (TimeUnit, Int) =
            switch procedure.processingTime {
            case .workingDays(let days): (.workingDays, days)
            case .workingHours(let hours): (.workingHours, hours)
            case .calendarDays(let days): (.calendarDays, days)
            }
        self.init(
            code: procedure.code, name: procedure.name, field: procedure.field,
            competentUnitCode: procedure.competentUnitID.map(code) ?? ProcedureDraft.localGovernment,
            receivingUnitCodes: procedure.receivingUnitIDs.map(code), timeUnit: unit, timeValue: value,
            cutoff: procedure.cutoff.map(OfficeHours.clock) ?? "", supplementRule: procedure.supplementRule, fee: procedure.fee,
            feeNote: procedure.feeNote, components: procedure.components,
            steps: procedure.steps.map { step in
                let holder: String =
                    switch step.holder {
                    case .receivingUnit: "receiving"
                    case .competentUnit: "competent"
                    case .unit(let id): code(id)
                    }
                return Step(name: step.name, holder: holder, role: step.role, allowance: step.allowance)
            },
            onlineLevel: procedure.onlineLevel, effectiveFrom: procedure.effectiveFrom, changeReason: procedure.changeReason)
    }
}

/// What makes a procedure valid.
public enum ProcedureRules {
    public static let maximumNameLength = 500
    public static let maximumFieldLength = 100
    /// A year of working hours, or of days.
    public static let maximumTime = 2920

    public static func normalizeCode(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// National codes are digits and dots (`1.001612`); some provinces add letters.
    public static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 40 && code.first != "." && code.last != "."
            && code.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("A"..."Z").contains($0) || $0 == "." }
    }

    /// The procedure a draft describes, or a validation error naming each bad field.
    public static func build(
        _ draft: ProcedureDraft, tree: UnitTree, id: UUID = UUID(), version: Int, today: LocalDate, now: Date, setBy: String = ""
    ) throws -> Procedure {
        var errors: [FieldError] = []
        let code = normalizeCode(draft.code)
        if !isValidCode(code) { errors.append(FieldError("code", "procedure.code.invalid")) }
        errors += text(draft.name, field: "name", maximum: maximumNameLength)
        errors += text(draft.field, field: "field", maximum: maximumFieldLength)

        func unit(_ code: String, field: String) -> OrgUnit? {
            let normalized = UnitCode.normalize(code)
            guard !normalized.isEmpty else {
                errors.append(FieldError(field, "error.required"))
                return nil
            }
            guard let unit = tree.unit(code: normalized) else {
                errors.append(FieldError(field, "unit.reference.not_found", ["code": normalized]))
                return nil
            }
            if unit.effectiveTo.map({ $0 <= today }) ?? false {
                errors.append(FieldError(field, "user.unit.closed", ["code": normalized]))
            }
            return unit
        }
        let isLocal = draft.competentUnitCode.trimmingCharacters(in: .whitespaces).lowercased() == ProcedureDraft.localGovernment
        let competent = isLocal ? nil : unit(draft.competentUnitCode, field: "competentUnitCode")
        let receivingCodes = draft.receivingUnitCodes.map { UnitCode.normalize($0) }.filter { !$0.isEmpty }
        if receivingCodes.isEmpty { errors.append(FieldError("receivingUnitCodes", "error.required")) }
        let receiving = receivingCodes.compactMap { unit($0, field: "receivingUnitCodes") }

        let time: ProcessingTime =
            switch draft.timeUnit {
            case .workingDays: .workingDays(draft.timeValue)
            case .workingHours: .workingHours(draft.timeValue)
            case .calendarDays: .calendarDays(draft.timeValue)
            }
        if draft.timeValue <= 0 || draft.timeValue > maximumTime {
            errors.append(FieldError("timeValue", "procedure.time.range", ["max": String(maximumTime)]))
        }
        var cutoff: Int?
        if !draft.cutoff.trimmingCharacters(in: .whitespaces).isEmpty {
            cutoff = OfficeHours.seconds(draft.cutoff.trimmingCharacters(in: .whitespaces))
            if cutoff == nil { errors.append(FieldError("cutoff", "calendar.time_invalid")) }
        }
        if draft.fee < 0 { errors.append(FieldError("fee", "procedure.fee.negative")) }

        if draft.components.isEmpty { errors.append(FieldError("components", "procedure.components.required")) }
        for (index, component) in draft.components.enumerated() {
            if component.name.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(FieldError("components.\(index).name", "error.required"))
            }
            if [component.originals, component.certifiedCopies, component.photocopies].contains(where: { $0 < 0 })
                || component.originals + component.certifiedCopies + component.photocopies == 0
            {
                errors.append(FieldError("components.\(index).counts", "procedure.components.counts"))
            }
        }

        var steps: [ProcedureStep] = []
        if draft.steps.isEmpty { errors.append(FieldError("steps", "procedure.steps.required")) }
        for (index, step) in draft.steps.enumerated() {
            if step.name.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(FieldError("steps.\(index).name", "error.required"))
            }
            if step.allowance <= 0 { errors.append(FieldError("steps.\(index).allowance", "procedure.steps.allowance")) }
            if ![.deskOfficer, .specialist, .unitLeader].contains(step.role) {
                errors.append(FieldError("steps.\(index).role", "procedure.steps.role"))
            }
            let holder: ProcedureStep.Holder
            switch step.holder.trimmingCharacters(in: .whitespaces).lowercased() {
            case "receiving": holder = .receivingUnit
            case "competent": holder = .competentUnit
            default: holder = .unit(unit(step.holder, field: "steps.\(index).holder")?.id ?? UUID())
            }
            steps.append(ProcedureStep(name: step.name.trimmingCharacters(in: .whitespaces), holder: holder, role: step.role, allowance: step.allowance))
        }
        let procedure = Procedure(
            id: id, code: code, version: version, name: draft.name.trimmingCharacters(in: .whitespaces),
            field: draft.field.trimmingCharacters(in: .whitespaces), competentUnitID: isLocal ? nil : competent?.id ?? UUID(),
            receivingUnitIDs: receiving.map(\.id), processingTime: time, cutoff: cutoff, supplementRule: draft.supplementRule,
            fee: draft.fee, feeNote: draft.feeNote.trimmingCharacters(in: .whitespaces),
            components: draft.components.map {
                var component = $0; component.name = component.name.trimmingCharacters(in: .whitespaces); return component
            },
            steps: steps, onlineLevel: draft.onlineLevel, effectiveFrom: draft.effectiveFrom, setBy: setBy,
            changeReason: String(draft.changeReason.trimmingCharacters(in: .whitespacesAndNewlines).prefix(1000)), createdAt: now, updatedAt: now)
        if !steps.isEmpty, draft.timeValue > 0 {
            let sum = steps.reduce(0) { $0 + $1.allowance }
            if sum != procedure.total() {
                let code = procedure.allowanceUnit == .calendarDays ? "procedure.steps.sum_days" : "procedure.steps.sum_hours"
                errors.append(FieldError("steps", code, ["sum": String(sum), "total": String(procedure.total())]))
            }
        }
        try errors.throwIfAny()
        return procedure
    }

    static func text(_ value: String, field: String, maximum: Int) -> [FieldError] {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [FieldError(field, "error.required")] }
        if trimmed.count > maximum { return [FieldError(field, "error.too_long", ["max": String(maximum)])] }
        return []
    }
}
