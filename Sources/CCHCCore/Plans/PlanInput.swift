import Foundation
import WorkCalendar

/// A plan as typed: text as entered, checked by `errors`.
public struct PlanInput: Equatable, Sendable {
    public var kind: String
    public var title: String
    public var number: String
    public var signedOn: String
    public var signer: String
    public var unitCode: String
    public var fromYear: String
    public var toYear: String
    /// One target per line.
    public var targets: String

    public init(
        kind: String = "", title: String = "", number: String = "", signedOn: String = "", signer: String = "", unitCode: String = "",
        fromYear: String = "", toYear: String = "", targets: String = ""
    ) {
        self.kind = kind
        self.title = title
        self.number = number
        self.signedOn = signedOn
        self.signer = signer
        self.unitCode = unitCode
        self.fromYear = fromYear
        self.toYear = toYear
        self.targets = targets
    }

    /// The fields' own errors, every one at once.
    func errors() -> [FieldError] {
        var errors: [FieldError] = []
        for (value, field, max) in [(title, "title", 300), (number, "number", 100), (signer, "signer", 200), (unitCode, "unitCode", 50)] {
            if value.trimmed.isEmpty { errors.append(FieldError(field, "error.required")) }
            if value.trimmed.count > max { errors.append(FieldError(field, "error.too_long", ["max": String(max)])) }
        }
        if ReformPlan.Kind(rawValue: kind) == nil { errors.append(FieldError("kind", "error.invalid_value")) }
        if LocalDate(flexible: signedOn.trimmed) == nil { errors.append(FieldError("signedOn", "error.date_invalid")) }
        let from = Int(fromYear.trimmed)
        let to = Int(toYear.trimmed)
        if from.map({ !(2000...2100).contains($0) }) ?? true { errors.append(FieldError("fromYear", "error.range", ["min": "2000", "max": "2100"])) }
        if to.map({ !(2000...2100).contains($0) }) ?? true { errors.append(FieldError("toYear", "error.range", ["min": "2000", "max": "2100"])) }
        if let from, let to, to < from { errors.append(FieldError("toYear", "plan.years_order")) }
        if let from, let to, ReformPlan.Kind(rawValue: kind) == .annual, from != to { errors.append(FieldError("toYear", "plan.annual_one_year")) }
        if targetLines.count > 50 || targetLines.contains(where: { $0.count > 500 }) { errors.append(FieldError("targets", "plan.targets_invalid")) }
        return errors
    }

    var targetLines: [String] { targets.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty } }

    /// Each target's text, and the bindings typed at the ends of their lines (`PlanTargetBinding.parse`).
    var parsedTargets: (texts: [String], bindings: [PlanTargetBinding], errors: [FieldError]) {
        var texts: [String] = []
        var bindings: [PlanTargetBinding] = []
        var errors: [FieldError] = []
        for (index, line) in targetLines.enumerated() {
            let (text, binding) = PlanTargetBinding.parse(line, at: index)
            texts.append(text)
            switch binding {
            case .success(let binding): bindings.append(binding)
            case .failure(let error): errors += error.fields
            case nil: break
            }
        }
        return (texts, bindings, errors)
    }
}

/// A key task as typed.
public struct KeyTaskInput: Equatable, Sendable {
    public var title: String
    public var leadUnitCode: String
    /// Unit codes, separated by commas or spaces.
    public var supportingUnitCodes: String
    public var dueOn: String
    /// "1"–"8", or empty.
    public var field: String
    public var expectedProduct: String

    public init(
        title: String = "", leadUnitCode: String = "", supportingUnitCodes: String = "", dueOn: String = "", field: String = "", expectedProduct: String = ""
    ) {
        self.title = title
        self.leadUnitCode = leadUnitCode
        self.supportingUnitCodes = supportingUnitCodes
        self.dueOn = dueOn
        self.field = field
        self.expectedProduct = expectedProduct
    }

    var supportingCodes: [String] {
        supportingUnitCodes.split { $0 == "," || $0 == ";" || $0.isWhitespace }.map { String($0).trimmed.uppercased() }.filter { !$0.isEmpty }
    }
}
