import Foundation

/// A questionnaire (phiếu khảo sát) as data: its sections (the five SIPAS factors, or the groups of a
/// leaders' survey), their items, the answer scale and how the index is computed. Versioned as a rule set
/// (`rule_sets` kind `questionnaire.<audience>`); every campaign keeps the version it was opened with.
public struct Questionnaire: Codable, Equatable, Sendable {
    public var title: Text
    public var sections: [Section]
    /// The labels of the satisfaction scale's levels, lowest first (five by default).
    public var scale: [Text]
    /// The scale levels counted as satisfied (default "hài lòng" and "rất hài lòng": 4 and 5).
    public var satisfiedLevels: [Int]
    public var index: IndexMethod
    /// The margin of error a sample is drawn for (e in n = N ÷ (1 + N·e²)), 0.05 by default.
    public var marginOfError: Double

    public init(title: Text, sections: [Section], scale: [Text], satisfiedLevels: [Int], index: IndexMethod, marginOfError: Double) {
        self.title = title
        self.sections = sections
        self.scale = scale
        self.satisfiedLevels = satisfiedLevels
        self.index = index
        self.marginOfError = marginOfError
    }

    /// A label in Vietnamese and English.
    public struct Text: Codable, Equatable, Sendable {
        public var vi: String
        public var en: String

        public init(_ vi: String, _ en: String) {
            self.vi = vi
            self.en = en
        }

        public func text(_ language: String) -> String { language == "en" && !en.isEmpty ? en : vi }
    }

    public struct Section: Codable, Equatable, Sendable {
        public var code: String
        public var name: Text
        public var items: [Item]

        public init(code: String, name: Text, items: [Item]) {
            self.code = code
            self.name = name
            self.items = items
        }
    }

    public enum ItemKind: String, Codable, CaseIterable, Sendable {
        /// A level of the questionnaire's satisfaction scale.
        case satisfaction
        /// One of the item's own options (a perception: trips needed, on time or not...).
        case choice
        case yesNo = "yes_no"
        case number
        case text
    }

    public struct Option: Codable, Equatable, Sendable {
        public var code: String
        public var label: Text
        /// The share of the item's points this answer earns, 0–100, where the survey scores the item (A–E
        /// as 100 / 60 / 20 / 0 %); nil when the item is only reported.
        public var weight: Double?

        public init(code: String, label: Text, weight: Double? = nil) {
            self.code = code
            self.label = label
            self.weight = weight
        }
    }

    public struct Item: Codable, Equatable, Sendable {
        public var code: String
        public var kind: ItemKind
        public var text: Text
        public var required: Bool
        /// For `choice` (and `yes_no` when it is scored, as `yes` and `no`).
        public var options: [Option]

        public init(code: String, kind: ItemKind, text: Text, required: Bool = true, options: [Option] = []) {
            self.code = code
            self.kind = kind
            self.text = text
            self.required = required
            self.options = options
        }

        /// Whether the item counts in the index: satisfaction items always, choices and yes/no when their
        /// options carry weights.
        public var isScored: Bool {
            switch kind {
            case .satisfaction: true
            case .choice, .yesNo: !options.isEmpty && options.allSatisfy { $0.weight != nil }
            case .number, .text: false
            }
        }

        /// The options an answer picks from: the item's own, or yes and no.
        public var choices: [String] {
            switch kind {
            case .yesNo: ["yes", "no"]
            case .choice: options.map(\.code)
            default: []
            }
        }
    }

    public enum IndexMethod: String, Codable, CaseIterable, Sendable {
        /// Each section's figure is the mean of its scored items; the index is the mean of the sections.
        case meanOfSections = "mean_of_sections"
        /// The index is the mean of every scored item, whatever its section.
        case meanOfItems = "mean_of_items"
    }

    public var items: [Item] { sections.flatMap(\.items) }

    public func item(_ code: String) -> Item? { items.first { $0.code == code } }
}
