import CSVFormat
import Foundation
import WorkCalendar

/// Procedures to and from files. JSON keeps everything as is; CSV puts one procedure per line, with its
/// components and steps as lines inside one cell each, fields separated by `|`:
///
/// - components: `name|originals|certified copies|photocopies|may show original (có/không)|required (có/không)`
/// - steps: `name|holder (receiving, competent or a unit code)|role|allowance`
public enum ProcedureTransfer {
    /// One procedure in a file: units by code, the processing time as unit and value.
    public struct Document: Codable, Equatable, Sendable {
        public struct Step: Codable, Equatable, Sendable {
            public var name: String
            public var holder: String
            public var role: String
            public var allowance: Int
        }

        public var code: String
        public var name: String
        public var field: String
        public var competentUnitCode: String
        public var receivingUnitCodes: [String]
        public var timeUnit: String
        public var timeValue: Int
        public var cutoff: String?
        public var supplementRule: String
        public var fee: Int
        public var feeNote: String
        public var components: [ProcedureComponent]
        public var steps: [Step]
        public var onlineLevel: String
        public var effectiveFrom: String

        /// The draft, or field errors for values that cannot be read.
        public func draft() throws -> ProcedureDraft {
            var errors: [FieldError] = []
            let unit = ProcedureDraft.TimeUnit(rawValue: timeUnit)
            if unit == nil { errors.append(FieldError("timeUnit", "error.invalid_value")) }
            let rule = SupplementRule(rawValue: supplementRule)
            if rule == nil { errors.append(FieldError("supplementRule", "error.invalid_value")) }
            let level = OnlineLevel(rawValue: onlineLevel)
            if level == nil { errors.append(FieldError("onlineLevel", "error.invalid_value")) }
            let from = LocalDate(flexible: effectiveFrom)
            if from == nil { errors.append(FieldError("effectiveFrom", "error.date_invalid")) }
            var steps: [ProcedureDraft.Step] = []
            for (index, step) in self.steps.enumerated() {
                guard let role = Role(rawValue: step.role) else {
                    errors.append(FieldError("steps.\(index).role", "error.invalid_value"))
                    continue
                }
                steps.append(ProcedureDraft.Step(name: step.name, holder: step.holder, role: role, allowance: step.allowance))
            }
            try errors.throwIfAny()
            return ProcedureDraft(
                code: code, name: name, field: field, competentUnitCode: competentUnitCode, receivingUnitCodes: receivingUnitCodes,
                timeUnit: unit!, timeValue: timeValue, cutoff: cutoff ?? "", supplementRule: rule!, fee: fee, feeNote: feeNote,
                components: components, steps: steps, onlineLevel: level!, effectiveFrom: from!)
        }
    }

    // MARK: - JSON

    public static func json(_ drafts: [ProcedureDraft]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(drafts.map(Document.init)), as: UTF8.self)
    }

    /// Drafts from JSON, or the reason it cannot be read (numbered from 1, like lines).
    public static func drafts(json text: String) -> (drafts: [(number: Int, draft: ProcedureDraft)], errors: [UnitImportError]) {
        let documents: [Document]
        do {
            documents = try JSONDecoder().decode([Document].self, from: Data(text.utf8))
        } catch {
            return ([], [UnitImportError(line: 0, error: FieldError("file", "procedure.import.json_invalid"))])
        }
        return collect(documents.enumerated().map { offset, document in (offset + 1, Result { try document.draft() }) })
    }

    // MARK: - CSV

    public static let columns = [
        "code", "name", "field", "competentUnitCode", "receivingUnitCodes", "timeUnit", "timeValue", "cutoff", "supplementRule",
        "fee", "feeNote", "onlineLevel", "effectiveFrom", "components", "steps",
    ]

    public static func csv(_ drafts: [ProcedureDraft]) -> String {
        var text = CSV.byteOrderMark + CSV.line(columns)
        for draft in drafts {
            let components = draft.components.map {
                [$0.name, String($0.originals), String($0.certifiedCopies), String($0.photocopies), yesNo($0.mayPresentOriginal), yesNo($0.required)]
                    .joined(separator: "|")
            }.joined(separator: "\n")
            let steps = draft.steps.map { [$0.name, $0.holder, $0.role.rawValue, String($0.allowance)].joined(separator: "|") }.joined(separator: "\n")
            text += CSV.line([
                draft.code, draft.name, draft.field, draft.competentUnitCode, draft.receivingUnitCodes.joined(separator: " "),
                draft.timeUnit.rawValue, String(draft.timeValue), draft.cutoff, draft.supplementRule.rawValue, String(draft.fee),
                draft.feeNote, draft.onlineLevel.rawValue, draft.effectiveFrom.description, components, steps,
            ])
        }
        return text
    }

    public static func drafts(csv text: String) -> (drafts: [(number: Int, draft: ProcedureDraft)], errors: [UnitImportError]) {
        let table: CSV.Table
        do {
            table = try CSV.table(text, requiring: columns.filter { $0 != "cutoff" && $0 != "feeNote" })
        } catch {
            return ([], [UnitImportError(error)])
        }
        let results = table.records.map { record -> (Int, Result<ProcedureDraft, any Error>) in
            let value = record.value
            return (
                record.line,
                Result {
                    var errors: [FieldError] = []
                    let components = value("components").split(separator: "\n").enumerated().compactMap { index, line -> ProcedureComponent? in
                        let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                        guard parts.count == 6, let originals = Int(parts[1]), let certified = Int(parts[2]), let copies = Int(parts[3]) else {
                            errors.append(FieldError("components.\(index)", "procedure.import.component_format"))
                            return nil
                        }
                        return ProcedureComponent(
                            name: parts[0], originals: originals, certifiedCopies: certified, photocopies: copies,
                            mayPresentOriginal: isYes(parts[4]), required: isYes(parts[5]))
                    }
                    let steps = value("steps").split(separator: "\n").enumerated().compactMap { index, line -> Document.Step? in
                        let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                        guard parts.count == 4, let allowance = Int(parts[3]) else {
                            errors.append(FieldError("steps.\(index)", "procedure.import.step_format"))
                            return nil
                        }
                        return Document.Step(name: parts[0], holder: parts[1], role: parts[2], allowance: allowance)
                    }
                    let timeValue = Int(value("timeValue"))
                    let fee = Int(value("fee").filter { $0 != "." && $0 != "," && $0 != " " })
                    if timeValue == nil { errors.append(FieldError("timeValue", "error.invalid_value")) }
                    if fee == nil { errors.append(FieldError("fee", "error.invalid_value")) }
                    try errors.throwIfAny()
                    let document = Document(
                        code: value("code"), name: value("name"), field: value("field"), competentUnitCode: value("competentUnitCode"),
                        receivingUnitCodes: value("receivingUnitCodes").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init),
                        timeUnit: value("timeUnit"), timeValue: timeValue ?? 0, cutoff: value("cutoff").isEmpty ? nil : value("cutoff"),
                        supplementRule: value("supplementRule"),
                        fee: fee ?? 0, feeNote: value("feeNote"), components: components, steps: steps, onlineLevel: value("onlineLevel"),
                        effectiveFrom: value("effectiveFrom"))
                    return try document.draft()
                }
            )
        }
        return collect(results)
    }

    static func collect(_ results: [(Int, Result<ProcedureDraft, any Error>)]) -> (drafts: [(number: Int, draft: ProcedureDraft)], errors: [UnitImportError]) {
        var drafts: [(number: Int, draft: ProcedureDraft)] = []
        var errors: [UnitImportError] = []
        for (number, result) in results {
            switch result {
            case .success(let draft): drafts.append((number, draft))
            case .failure(let error as DomainError):
                errors += (error.fields.isEmpty ? [FieldError("file", error.code)] : error.fields).map { UnitImportError(line: number, error: $0) }
            case .failure:
                errors.append(UnitImportError(line: number, error: FieldError("file", "error.invalid_value")))
            }
        }
        return (drafts, errors)
    }

    static func yesNo(_ value: Bool) -> String { value ? "có" : "không" }

    static func isYes(_ text: String) -> Bool {
        ["có", "co", "yes", "true", "1", "x"].contains(text.lowercased())
    }
}

extension ProcedureTransfer.Document {
    // Outside the type, so that the memberwise initialiser stays available to the CSV reader.
    public init(_ draft: ProcedureDraft) {
        code = draft.code
        name = draft.name
        field = draft.field
        competentUnitCode = draft.competentUnitCode
        receivingUnitCodes = draft.receivingUnitCodes
        timeUnit = draft.timeUnit.rawValue
        timeValue = draft.timeValue
        cutoff = draft.cutoff.isEmpty ? nil : draft.cutoff
        supplementRule = draft.supplementRule.rawValue
        fee = draft.fee
        feeNote = draft.feeNote
        components = draft.components
        steps = draft.steps.map { Step(name: $0.name, holder: $0.holder, role: $0.role.rawValue, allowance: $0.allowance) }
        onlineLevel = draft.onlineLevel.rawValue
        effectiveFrom = draft.effectiveFrom.description
    }
}
