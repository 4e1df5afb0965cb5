import Vapor

extension Request {
    static let languageCookie = "cchc_lang"

    /// Pages: the language the user chose with the switch (a cookie), Vietnamese by default.
    /// API: the first of the Accept-Language header's languages that cchc speaks, Vietnamese by default.
    var language: Language {
        remembered(LanguageKey.self) {
            isAPI
                ? headers[.acceptLanguage].first.flatMap(Self.preferredLanguage(acceptLanguage:)) ?? .vi
                : cookies[Self.languageCookie].flatMap { Language(rawValue: $0.string) } ?? .vi
        }
    }

    /// `en-US,en;q=0.9,vi;q=0.8` → en. Quality values are honoured; ties keep the header's order.
    static func preferredLanguage(acceptLanguage header: String) -> Language? {
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Language, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased().split(separator: "-").first,
                let language = Language(rawValue: String(tag))
            else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (language, quality, index)
        }
        return ranked.filter { $0.1 > 0 }.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }.first?.0
    }

    var isAPI: Bool { path.hasPrefix("/api/") }

    var localizer: Localizer { application.localizer }

    /// A UI string in the request's language.
    func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        localizer.text(key, language, arguments)
    }

    private struct LanguageKey: StorageKey {
        typealias Value = Language
    }
}
