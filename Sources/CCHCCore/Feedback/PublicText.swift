import Foundation

/// Text a sender typed, made fit for a public page: what looks like a phone or an ID number (nine digits
/// or more, spaces and dots allowed between them) and e-mail addresses are masked.
public enum PublicText {
    public static let mask = "•••"

    public static func masked(_ text: String) -> String {
        var result = ""
        var pending = ""
        var digits = 0
        func flush() {
            result += digits >= 9 ? mask + (pending.last.map { $0.isNumber ? "" : String($0) } ?? "") : pending
            pending = ""
            digits = 0
        }
        for character in text {
            if character.isNumber {
                pending.append(character)
                digits += 1
            } else if !pending.isEmpty, character == " " || character == "." {
                pending.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.contains("@") && word.contains(".") ? mask + "@" + mask : String(word)
        }.joined(separator: " ")
    }
}
