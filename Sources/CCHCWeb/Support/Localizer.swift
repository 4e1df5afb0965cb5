import CCHCCore
import Foundation

public enum Language: String, CaseIterable, Sendable, Codable {
    case vi, en
}

/// UI strings by key, from Resources/Localization/{vi,en}.json. `{name}` in a string is replaced by the
/// argument of that name. A key missing in English falls back to Vietnamese, then to the key itself.
public struct Localizer: Sendable {
    let tables: [Language: [String: String]]

    public init(tables: [Language: [String: String]]) {
        self.tables = tables
    }

    public static func load(directory: String) throws -> Localizer {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("\(language.rawValue).json")
            let data = try Data(contentsOf: url)
            tables[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return Localizer(tables: tables)
    }

    public func has(_ key: String, in language: Language) -> Bool {
        tables[language]?[key] != nil
    }

    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        let template = tables[language]?[key] ?? tables[.vi]?[key] ?? key
        guard !arguments.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
        // One pass over the template: each `{name}` with an argument is replaced; any other brace stays.
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = arguments[String(rest[rest.index(after: open)..<close])] else {
                result += "{"
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    public func message(_ error: FieldError, _ language: Language) -> String {
        text(error.code, language, error.arguments)
    }

    public func message(_ error: DomainError, _ language: Language) -> String {
        text(error.code, language, error.arguments)
    }
}
