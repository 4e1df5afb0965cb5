import Foundation

extension ParCriteriaSet {
    /// The scale every set is on (DOMAIN.md §5: 100 points).
    public static let scaleMaximum = 100.0

    /// Every error in the set, each named by where it is (`fields[2].children[0].rule`), so that a set with
    /// any error is refused whole: maxima that do not add up, a rule that does not fit its method, codes
    /// used twice, grades out of order.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if !(2000...2100).contains(year) { errors.append(FieldError("year", "error.range", ["min": "2000", "max": "2100"])) }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("title", "error.required")) }
        for (value, field, max) in [(title, "title", 300), (decision, "decision", 300)] where value.count > max {
            errors.append(FieldError(field, "error.too_long", ["max": String(max)]))
        }
        if fields.isEmpty { errors.append(FieldError("fields", "error.required")) }
        var codes: Set<String> = []
        for (index, field) in fields.enumerated() {
            errors += field.errors(at: "fields[\(index)]", depth: 1, section: field.section, codes: &codes)
        }
        if !fields.isEmpty, !Self.same(maximum, Self.scaleMaximum) {
            errors.append(FieldError("fields", "par.set.total", ["total": ParRule.number(maximum), "expected": ParRule.number(Self.scaleMaximum)]))
        }
        var minima: Set<Double> = []
        for (index, grade) in grades.enumerated() {
            if grade.label.trimmingCharacters(in: .whitespaces).isEmpty || grade.label.count > 100 {
                errors.append(FieldError("grades[\(index)].label", "error.required"))
            }
            if !(0...100).contains(grade.minimum) || !minima.insert(grade.minimum).inserted {
                errors.append(FieldError("grades[\(index)].minimum", "par.set.grade_minimum"))
            }
        }
        var cohortCodes: Set<String> = []
        for (index, cohort) in cohorts.enumerated() {
            if cohort.code.isEmpty || !cohortCodes.insert(cohort.code).inserted { errors.append(FieldError("cohorts[\(index)].code", "par.set.code_unique")) }
            if cohort.name.isEmpty || cohort.name.count > 200 { errors.append(FieldError("cohorts[\(index)].name", "error.required")) }
            if cohort.unitCodes.contains(where: { $0.count > 50 }) { errors.append(FieldError("cohorts[\(index)].unitCodes", "feedback.unit.not_found")) }
            if cohort.unitKinds.isEmpty, cohort.unitCodes.isEmpty { errors.append(FieldError("cohorts[\(index)].unitKinds", "par.set.cohort_empty")) }
        }
        return errors
    }

    /// Points are written with two decimals at most (61.5, 0.25): compared so.
    static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 0.001 }
}

extension ParNode {
    /// Fields, criteria and sub-criteria: three levels at most.
    static let maximumDepth = 3

    func errors(at place: String, depth: Int, section: Section, codes: inout Set<String>) -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.isCode(code) || !codes.insert(code).inserted { errors.append(FieldError("\(place).code", "par.set.code_unique")) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("\(place).name", "error.required")) }
        for (value, field, max) in [(name, "name", 500), (evidence ?? "", "evidence", 1000), (leadUnit ?? "", "leadUnit", 50)] where value.count > max {
            errors.append(FieldError("\(place).\(field)", "error.too_long", ["max": String(max)]))
        }
        if (method?.text.count ?? 0) > 100 { errors.append(FieldError("\(place).method", "error.too_long", ["max": "100"])) }
        if (rule?.text.count ?? 0) > 200 { errors.append(FieldError("\(place).rule", "error.too_long", ["max": "200"])) }
        if !(maximum > 0 && maximum <= 100) { errors.append(FieldError("\(place).maximum", "error.range", ["min": "0", "max": "100"])) }
        if depth > 1, self.section != .scale { errors.append(FieldError("\(place).section", "par.set.section_on_field")) }
        if isLeaf {
            errors += leafErrors(at: place, section: section)
        } else {
            if depth >= Self.maximumDepth { errors.append(FieldError("\(place).children", "par.set.too_deep")) }
            if method != nil || rule != nil { errors.append(FieldError("\(place).rule", "par.set.rule_on_node")) }
            let sum = children.reduce(0) { $0 + $1.maximum }
            // Bonus and penalty fields are caps over their items, which may add up to more.
            if section == .scale, !ParCriteriaSet.same(sum, maximum) {
                errors.append(FieldError("\(place).maximum", "par.set.maxima", ["sum": ParRule.number(sum), "maximum": ParRule.number(maximum)]))
            }
            for (index, child) in children.enumerated() {
                errors += child.errors(at: "\(place).children[\(index)]", depth: depth + 1, section: section, codes: &codes)
            }
        }
        return errors
    }

    private func leafErrors(at place: String, section: Section) -> [FieldError] {
        guard let method else { return [FieldError("\(place).method", "error.required")] }
        guard let rule else { return [FieldError("\(place).rule", "error.required")] }
        var errors: [FieldError] = []
        switch rule {
        case .tiers(let shares):
            if shares.count < 2 || shares.contains(where: { !(0...1).contains($0) }) || shares != shares.sorted(by: >) {
                errors.append(FieldError("\(place).rule", "par.set.tiers"))
            }
        case .proportional(let target):
            if !(target > 0 && target <= 100) { errors.append(FieldError("\(place).rule", "par.set.target")) }
        case .deduction(let each):
            if !(each > 0 && each <= maximum) { errors.append(FieldError("\(place).rule", "par.set.deduction")) }
        case .yesNo, .points: break
        }
        // A survey or a live figure is a rate: it is scored in proportion to a target; a live count (reports
        // sent late) deducts for each. Bonus and penalty items are points or yes/no.
        let fits =
            switch (section, method) {
            case (.bonus, _), (.penalty, _): rule == .points || rule == .yesNo
            case (.scale, .computed(let measure)) where measure.isCount: if case .deduction = rule { true } else { false }
            case (.scale, .survey), (.scale, .computed): if case .proportional = rule { true } else { false }
            case (.scale, .selfAssessed), (.scale, .statistic): true
            }
        if !fits { errors.append(FieldError("\(place).rule", "par.set.rule_method", ["method": method.text, "rule": rule.text])) }
        return errors
    }

    /// Codes name form fields and CSV rows: letters, digits, dots, dashes and underscores.
    static func isCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 40 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
