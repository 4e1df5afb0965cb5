import Foundation
import WorkCalendar

/// A plan's target bound to a live figure of the service index: "online dossiers ≥ 50 %" read as indicator
/// 3.3's ratio for the plan's unit. Typed at the end of the target's line as `[766:3.3 >= 50]` (or `<=`).
public struct PlanTargetBinding: Codable, Equatable, Sendable {
    /// The target's place in the plan's list.
    public var target: Int
    public var indicator: String
    /// At least `value` (else at most).
    public var atLeast: Bool
    /// In the indicator's unit: a percentage for a ratio, hours for a mean time.
    public var value: Double

    public init(target: Int, indicator: String, atLeast: Bool, value: Double) {
        self.target = target
        self.indicator = indicator
        self.atLeast = atLeast
        self.value = value
    }

    public func isMet(_ figure: Double) -> Bool { atLeast ? figure >= value : figure <= value }

    /// "≥ 50".
    public var text: String { "\(indicator) \(atLeast ? "≥" : "≤") \(ParRule.number(value))" }

    /// Splits a typed line into its text and its binding: nil binding when the line has none; a line whose
    /// bracket cannot be read is `.failure`.
    static func parse(_ line: String, at index: Int) -> (text: String, binding: Result<PlanTargetBinding, DomainError>?) {
        guard line.hasSuffix("]"), let open = line.range(of: "[766:", options: .backwards) else { return (line, nil) }
        let text = String(line[..<open.lowerBound]).trimmed
        let inside = line[open.upperBound..<line.index(before: line.endIndex)].split(separator: " ").map(String.init)
        guard inside.count == 3, ["<=", ">=", "≤", "≥"].contains(inside[1]), let value = Double(inside[2].replacingOccurrences(of: ",", with: ".")),
            (0...100_000).contains(value), !text.isEmpty
        else {
            return (text.isEmpty ? line : text, .failure(DomainError.validation([FieldError("targets", "plan.target.binding", ["line": String(index + 1)])])))
        }
        return (text, .success(PlanTargetBinding(target: index, indicator: inside[0], atLeast: inside[1] == ">=" || inside[1] == "≥", value: value)))
    }
}

/// A bound target's figure in the periods it is read at: the year so far and each report window begun.
public struct PlanTargetStatus: Equatable, Sendable {
    public struct Reading: Equatable, Sendable {
        public var period: String
        /// nil without data (the indicator measured nothing in the period).
        public var figure: Double?
        public var met: Bool?
    }

    public var text: String
    public var binding: PlanTargetBinding
    public var readings: [Reading]
}

extension PlanService {
    /// Each bound target of `plan`, read for its unit: the year so far (the current year, or the plan's last
    /// year once it is over) and each window of that year's report schedule that has begun.
    public func targetStatus(_ plan: ReformPlan, now: Date) async throws -> [PlanTargetStatus] {
        guard let bindings = plan.targetBindings, !bindings.isEmpty else { return [] }
        let today = VietnamTime.localDate(of: now)
        let year = max(plan.fromYear, min(today.year, plan.toYear))
        var periods: [(label: String, period: ReportPeriod)] = []
        if let whole = ReportPeriod.parse(String(year)) { periods.append(("Năm \(year)", whole)) }
        for due in (try await store.reports.scheduleHistory().owed(year: year)?.periods ?? []) where due.days.lowerBound <= today {
            periods.append((due.rule.window.nameVi, ReportPeriod(text: "\(year)-report-\(due.rule.window.code)", days: due.days)))
        }
        let service = ServiceIndexService(store: store)
        var scores: [(String, ServiceIndexScore)] = []
        for (label, period) in periods {
            // No indicator set loaded: nothing to read.
            guard let context = try? await service.context(period) else { continue }
            scores.append((label, context.calculator.score(plan.unitID)))
        }
        return bindings.compactMap { binding in
            guard plan.targets.indices.contains(binding.target) else { return nil }
            return PlanTargetStatus(
                text: plan.targets[binding.target], binding: binding,
                readings: scores.map { label, score in
                    let result = score.indicator(binding.indicator)
                    // A scored ratio reads as a percentage; an unscored figure of its own (2.2's hours) as it is.
                    let figure = result?.ratio.map { (result?.maximum ?? 0) > 0 ? $0 * 100 : $0 }
                    return .init(period: label, figure: figure.map(ParCriteriaSet.rounded), met: figure.map(binding.isMet))
                })
        }
    }
}
