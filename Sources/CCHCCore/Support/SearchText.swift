/// Accent-insensitive matching for Vietnamese: "dat dai" finds "Đất đai".
public enum SearchText {
    /// Lower-cased, without tone marks or vowel marks, đ as d, runs of spaces as one.
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if let base = baseLetter[scalar] {
                result.append(base)
            } else if isCombiningMark(scalar) {
                continue
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { result.append(lower) }
            }
        }
        if result.last == " " { result.removeLast() }
        return String(result)
    }

    /// True when every word of `query` occurs in `text`, both folded.
    public static func matches(_ query: String, in text: String) -> Bool {
        let haystack = fold(text)
        return fold(query).split(separator: " ").allSatisfy { haystack.contains($0) }
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value)
    }

    /// Every precomposed Vietnamese letter, upper and lower case, mapped to its plain lower-case letter.
    private static let baseLetter: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(Character, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
            ("e", "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
            ("i", "ìíỉĩịÌÍỈĨỊ"),
            ("o", "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
            ("u", "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
            ("y", "ỳýỷỹỵỲÝỶỸỴ"),
            ("d", "đĐ"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, letters) in groups {
            let baseScalar = base.unicodeScalars.first!
            for letter in letters.unicodeScalars { table[letter] = baseScalar }
        }
        return table
    }()
}
