import CCHCCore
import CSVFormat
import Foundation

/// A criteria set's tree as a table, one row per field, criterion and sub-criterion, for Excel: each row
/// names its parent. Exported from a version; imported as a new version's tree, the set's title, decision,
/// grades and cohorts coming from the form.
enum ParCriteriaCSV {
    static let columns = ["code", "parent", "name", "maximum", "section", "method", "rule", "evidence", "leadUnit", "notApplicable"]

    static func rows(_ set: ParCriteriaSet) -> [[String]] {
        func rows(_ node: ParNode, parent: String) -> [[String]] {
            [
                [
                    node.code, parent, node.name, ParRule.number(node.maximum), parent.isEmpty ? node.section.rawValue : "", node.method?.text ?? "",
                    node.rule?.text ?? "", node.evidence ?? "", node.leadUnit ?? "", node.allowsNotApplicable ? "1" : "",
                ]
            ] + node.children.flatMap { rows($0, parent: node.code) }
        }
        return [columns] + set.fields.flatMap { rows($0, parent: "") }
    }

    /// The tree of a CSV: every bad cell named with its line, parents before their children.
    static func fields(_ text: String) throws -> [ParNode] {
        let table: CSV.Table
        do {
            table = try CSV.table(text, requiring: ["code", "parent", "name", "maximum"])
        } catch {
            throw DomainError.validation([FieldError("set", "par.csv.header", ["columns": columns.joined(separator: ", ")])])
        }
        var errors: [FieldError] = []
        var nodes: [String: ParNode] = [:]
        var order: [String] = []
        var parents: [String: String] = [:]
        for record in table.records {
            let code = record.value("code")
            guard !code.isEmpty, nodes[code] == nil else {
                errors.append(FieldError("set", "par.csv.line", ["line": String(record.line), "reason": "code"]))
                continue
            }
            let maximum = Double(record.value("maximum").replacingOccurrences(of: ",", with: "."))
            let methodText = record.value("method")
            let ruleText = record.value("rule")
            let method = methodText.isEmpty ? nil : ParMethod(text: methodText)
            let rule = ruleText.isEmpty ? nil : ParRule(text: ruleText)
            let section = ParNode.Section(rawValue: record.value("section")) ?? .scale
            for (bad, column) in [(maximum == nil, "maximum"), (!methodText.isEmpty && method == nil, "method"), (!ruleText.isEmpty && rule == nil, "rule")]
            where bad {
                errors.append(FieldError("set", "par.csv.line", ["line": String(record.line), "reason": column]))
            }
            nodes[code] = ParNode(
                code: code, name: record.value("name"), maximum: maximum ?? 0, section: section, method: method, rule: rule,
                evidence: record.value("evidence").isEmpty ? nil : record.value("evidence"),
                leadUnit: record.value("leadUnit").isEmpty ? nil : record.value("leadUnit"),
                allowsNotApplicable: ["1", "x", "true", "có"].contains(record.value("notApplicable").lowercased()))
            order.append(code)
            let parent = record.value("parent")
            if !parent.isEmpty {
                if nodes[parent] == nil { errors.append(FieldError("set", "par.csv.line", ["line": String(record.line), "reason": "parent"])) }
                parents[code] = parent
            }
        }
        try errors.throwIfAny()
        func build(_ code: String) -> ParNode {
            var node = nodes[code]!
            node.children = order.filter { parents[$0] == code }.map(build)
            return node
        }
        return order.filter { parents[$0] == nil }.map(build)
    }
}
