import Foundation

extension Questionnaire {
    /// Every error in the questionnaire, each named by where it is (`sections[1].items[0].options`), so a
    /// version with any error is refused whole.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if title.vi.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("title.vi", "error.required")) }
        if sections.isEmpty { errors.append(FieldError("sections", "error.required")) }
        if scale.count < 2 || scale.count > 10 { errors.append(FieldError("scale", "error.range", ["min": "2", "max": "10"])) }
        if satisfiedLevels.isEmpty || satisfiedLevels.contains(where: { $0 < 1 || $0 > scale.count }) {
            errors.append(FieldError("satisfiedLevels", "survey.questionnaire.levels", ["max": String(scale.count)]))
        }
        if !(0.01...0.2).contains(marginOfError) { errors.append(FieldError("marginOfError", "error.range", ["min": "0.01", "max": "0.2"])) }
        var codes: Set<String> = []
        for (s, section) in sections.enumerated() {
            let place = "sections[\(s)]"
            if section.code.isEmpty || !codes.insert("section:" + section.code).inserted {
                errors.append(FieldError("\(place).code", "survey.questionnaire.code_unique"))
            }
            if section.name.vi.isEmpty { errors.append(FieldError("\(place).name.vi", "error.required")) }
            if section.items.isEmpty { errors.append(FieldError("\(place).items", "error.required")) }
            for (i, item) in section.items.enumerated() {
                let place = "\(place).items[\(i)]"
                if !Self.isCode(item.code) || !codes.insert(item.code).inserted {
                    errors.append(FieldError("\(place).code", "survey.questionnaire.code_unique"))
                }
                if item.text.vi.isEmpty { errors.append(FieldError("\(place).text.vi", "error.required")) }
                errors += item.optionErrors(at: place)
            }
        }
        if errors.isEmpty, !items.contains(where: \.isScored) { errors.append(FieldError("sections", "survey.questionnaire.nothing_scored")) }
        return errors
    }

    /// Item codes name form fields and CSV columns: letters, digits, dots, dashes and underscores.
    static func isCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 40 && code.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
            && code.allSatisfy(\.isASCII)
    }
}

extension Questionnaire.Item {
    func optionErrors(at place: String) -> [FieldError] {
        var errors: [FieldError] = []
        switch kind {
        case .choice:
            if options.count < 2 { errors.append(FieldError("\(place).options", "survey.questionnaire.options")) }
        case .yesNo:
            if !options.isEmpty && Set(options.map(\.code)) != ["yes", "no"] {
                errors.append(FieldError("\(place).options", "survey.questionnaire.yes_no"))
            }
        case .satisfaction, .number, .text:
            if !options.isEmpty { errors.append(FieldError("\(place).options", "survey.questionnaire.no_options")) }
        }
        if Set(options.map(\.code)).count != options.count || options.contains(where: { !Questionnaire.isCode($0.code) }) {
            errors.append(FieldError("\(place).options", "survey.questionnaire.code_unique"))
        }
        let weighted = options.filter { $0.weight != nil }
        if !weighted.isEmpty && weighted.count != options.count {
            errors.append(FieldError("\(place).options", "survey.questionnaire.weights_all"))
        }
        if weighted.contains(where: { !(0...100).contains($0.weight ?? 0) }) {
            errors.append(FieldError("\(place).options", "error.range", ["min": "0", "max": "100"]))
        }
        return errors
    }
}
