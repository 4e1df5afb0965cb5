import Foundation
import WorkCalendar

/// One procedure behind a procedure indicator (1.1–1.3, 3.1–3.5, 4.5a), with what decides it.
public struct IndicatorProcedure: Sendable {
    /// The latest version (the catalogue's).
    public var procedure: Procedure
    /// The version whose publication was judged last in the period, if any.
    public var publication: ProcedurePublication
    public var timeliness: PublicationTimeliness
}

extension ServiceIndexService {
    /// The procedures in an indicator's numerator, denominator or lost part for a unit's subtree and the
    /// period, by code: the same membership the score adds up (`ServiceIndexCalculator.procedureMeasures`).
    public func procedures(indicator code: String, part: IndicatorPart, unit: OrgUnit, context: Context) throws -> [IndicatorProcedure] {
        guard let indicator = context.set.rules.indicator(code) else {
            throw DomainError(.notFound, "index.indicator.not_found", arguments: ["code": code])
        }
        let calculator = context.calculator
        let captured = Set(calculator.procedureMeasuresCaptured)
        guard captured.contains(indicator.denominator), captured.contains(indicator.numerator) else {
            throw DomainError(.notFound, "index.indicator.no_procedures", arguments: ["code": code])
        }
        return calculator.procedureMeasures(context.tree.subtreeIDs(of: unit.id)).sorted { $0.key < $1.key }.compactMap { code, measures in
            guard part.includes(measures, of: indicator), let procedure = calculator.catalogue[code] else { return nil }
            let judged = calculator.publications[code]?.last { $0.decisionDate != nil } ?? procedure.publication
            return IndicatorProcedure(
                procedure: procedure, publication: judged, timeliness: calculator.publicationTimeliness(code))
        }
    }
}
