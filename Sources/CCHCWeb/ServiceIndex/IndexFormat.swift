import Foundation

/// Numbers as the reader writes them: 87,33 and 1.234 in Vietnamese, 87.33 and 1,234 in English.
enum IndexFormat {
    static func number(_ value: Double, decimals: Int = 2, language: Language) -> String {
        let scale = pow(10.0, Double(decimals))
        let rounded = (abs(value) * scale).rounded() / scale
        let whole = Int(rounded)
        let fraction = Int(((rounded - Double(whole)) * scale).rounded())
        let (group, point) = language == .vi ? (".", ",") : (",", ".")
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = group + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        let sign = value < 0 && rounded > 0 ? "-" : ""
        let integer = sign + digits + grouped
        guard decimals > 0 else { return integer }
        let padded = String(repeating: "0", count: max(0, decimals - String(fraction).count)) + String(fraction)
        return integer + point + padded
    }

    static func count(_ value: Int, language: Language) -> String { number(Double(value), decimals: 0, language: language) }

    /// A ratio as a percentage with two decimals ("88,62 %").
    static func percent(_ ratio: Double, language: Language) -> String { number(ratio * 100, language: language) + " %" }
}
