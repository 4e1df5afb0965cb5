import Foundation

extension IndicatorSet {
    /// Every reason the set cannot be used, each naming the place in the JSON it is about: a version with
    /// any is refused whole and the one in force stays.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if groups.isEmpty { errors.append(FieldError("groups", "index.set.empty")) }
        if indicators.isEmpty { errors.append(FieldError("indicators", "index.set.empty")) }
        for code in Self.repeated(groups.map(\.code)) { errors.append(FieldError("groups", "index.set.duplicate_code", ["code": code])) }
        for code in Self.repeated(indicators.map(\.code)) { errors.append(FieldError("indicators", "index.set.duplicate_code", ["code": code])) }
        for (position, group) in groups.enumerated() {
            let field = "groups[\(position)]"
            if group.code.isEmpty || group.nameVi.isEmpty || group.nameEn.isEmpty { errors.append(FieldError(field, "index.set.names")) }
            let sum = indicators(in: group.code).reduce(0) { $0 + $1.maximum }
            if abs(sum - group.maximum) > 0.001 {
                errors.append(FieldError(field, "index.set.group_sum", ["code": group.code, "maximum": Self.text(group.maximum), "sum": Self.text(sum)]))
            }
        }
        let total = groups.reduce(0) { $0 + $1.maximum }
        if !groups.isEmpty, abs(total - 100) > 0.001 { errors.append(FieldError("groups", "index.set.total", ["sum": Self.text(total)])) }
        for (position, indicator) in indicators.enumerated() {
            errors += indicator.errors(field: "indicators[\(position)]", groups: Set(groups.map(\.code)))
        }
        for code in Self.repeated(reportWindows.map(\.code)) { errors.append(FieldError("reportWindows", "index.set.duplicate_code", ["code": code])) }
        for (position, window) in reportWindows.enumerated() {
            let valid = window.code.range(of: "^[A-Za-z0-9]{1,8}$", options: .regularExpression) != nil
            // A non-leap year, so that a window that would not exist every year is refused.
            if !valid || window.range(in: 2027) == nil || window.nameVi.isEmpty || window.nameEn.isEmpty {
                errors.append(FieldError("reportWindows[\(position)]", "index.set.window", ["code": window.code]))
            }
        }
        for (position, band) in ratingBands.enumerated() where band.label.isEmpty || !(0...100).contains(band.from) {
            errors.append(FieldError("ratingBands[\(position)]", "index.set.band"))
        }
        for from in Self.repeated(ratingBands.map { Self.text($0.from) }) {
            errors.append(FieldError("ratingBands", "index.set.duplicate_code", ["code": from]))
        }
        return errors
    }

    static func repeated(_ codes: [String]) -> [String] {
        Dictionary(grouping: codes, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }

    static func text(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension Indicator {
    func errors(field: String, groups: Set<String>) -> [FieldError] {
        var errors: [FieldError] = []
        if code.range(of: "^[0-9]+\\.[0-9]+[a-z]?$", options: .regularExpression) == nil {
            errors.append(FieldError("\(field).code", "index.set.indicator_code", ["code": code]))
        }
        if nameVi.isEmpty || nameEn.isEmpty { errors.append(FieldError(field, "index.set.names")) }
        if !groups.contains(group) { errors.append(FieldError("\(field).group", "index.set.unknown_group", ["code": code, "group": group])) }
        if maximum < 0 || maximum > 100 { errors.append(FieldError("\(field).maximum", "index.set.maximum", ["code": code])) }
        switch scaling.kind {
        case .target:
            if !(scaling.target.map { $0 > 0 && $0 <= 1 } ?? false) {
                errors.append(FieldError("\(field).scaling", "index.set.target", ["code": code]))
            }
        case .none:
            if maximum != 0 { errors.append(FieldError("\(field).scaling", "index.set.unscored_maximum", ["code": code])) }
        case .linear: break
        }
        return errors
    }
}
