import Foundation
import WorkCalendar

/// Turns a period's counts into each unit's index under one version of the indicator set. A unit's
/// figures are its whole subtree's numerators and denominators added up, never its children's scores
/// averaged; a dossier counts for its competent authority and every unit above it.
public struct ServiceIndexCalculator: Sendable {
    public var set: IndicatorSetVersion
    public var tree: UnitTree
    /// The catalogue: the latest version of each procedure.
    public var procedures: [Procedure]
    public var period: ReportPeriod
    public var counts: ServiceIndexCounts

    public init(set: IndicatorSetVersion, tree: UnitTree, procedures: [Procedure], period: ReportPeriod, counts: ServiceIndexCounts) {
        self.set = set
        self.tree = tree
        self.procedures = procedures
        self.period = period
        self.counts = counts
    }

    public func score(_ unitID: UUID) -> ServiceIndexScore {
        let measures = self.measures(tree.subtreeIDs(of: unitID))
        let indicators = set.rules.indicators.map { indicator in
            let value = { (measure: IndicatorMeasure) -> Double? in measure == .unspecified ? 0 : measures[measure] }
            return indicator.result(numerator: value(indicator.numerator), denominator: value(indicator.denominator))
        }
        let groups = set.rules.groups.map { group in
            let members = indicators.filter { $0.group == group.code }
            return GroupResult(
                code: group.code, score: members.compactMap { $0.isMeasured ? $0.score : nil }.reduce(0, +),
                measuredMaximum: members.filter(\.isMeasured).reduce(0) { $0 + $1.maximum }, maximum: group.maximum)
        }
        return ServiceIndexScore(unitID: unitID, period: period, version: set.version, indicators: indicators, groups: groups)
    }

    /// The value of every measure cchc captures, over a set of units; the others are absent.
    public func measures(_ units: Set<UUID>) -> [IndicatorMeasure: Double] {
        typealias Counter = ServiceIndexCounters.Counter
        func total(_ counter: Counter) -> Double { Double(counts.total(counter.rawValue, units: units)) }
        let open = total(.open)
        let openOverdue = total(.openOverdue)
        let onlineFiled = counts.byProcedure(Counter.receivedOnline.rawValue, units: units).filter { $0.value > 0 }
        let own = Set(procedures.filter { $0.competentUnitID.map(units.contains) ?? false }.map(\.code))
        let offered = own.union(counts.procedures(units: units))
        let levels = Dictionary(procedures.map { ($0.code, $0.onlineLevel) }, uniquingKeysWith: { first, _ in first })
        let online = offered.filter { (levels[$0] ?? OnlineLevel.none) != OnlineLevel.none }
        let fees = Dictionary(procedures.map { ($0.code, $0.fee) }, uniquingKeysWith: { first, _ in first })
        let withFee = offered.filter { (fees[$0] ?? 0) > 0 }
        let paidOnline = counts.byProcedure(Counter.paidOnline.rawValue, units: units).filter { $0.value > 0 }
        let verified = counts.byProcedure(Counter.populationVerified.rawValue, units: units).filter { $0.value > 0 }
        return [
            .dossiersReceived: total(.received),
            .dossiersReceivedOnline: total(.receivedOnline),
            .dossiersReceivedDigitised: total(.receivedDigitised),
            .dossiersFinished: total(.finished),
            .dossiersJudged: total(.finished) + open,
            .dossiersOnTime: total(.finishedOnTime) + open - openOverdue,
            .dossiersLateOrDissatisfied: total(.finishedLateOrDissatisfied),
            .dossiersElapsedHours: total(.elapsedHours),
            .proceduresTotal: Double(offered.count),
            .proceduresOnline: Double(online.count),
            .proceduresOnlineUsed: Double(online.filter { onlineFiled[$0] != nil }.count),
            .dossiersSynced: total(.synced),
            .dossiersReused: total(.reused),
            .dossiersDataStore: total(.dataStore),
            .dossiersPopulationData: total(.populationVerified),
            .dossiersWithFee: total(.withFee),
            .dossiersPaidOnline: total(.paidOnline),
            // Every result is taken to be a paper one unless issued electronically: the catalogue does not say yet.
            .dossiersPaperResult: total(.finished),
            .dossiersElectronicResult: total(.electronicResult),
            // Every procedure is taken to serve citizens (the catalogue does not tell citizens from businesses yet).
            .proceduresForCitizens: Double(offered.count),
            .proceduresPopulationVerified: Double(offered.filter { verified[$0] != nil }.count),
            .proceduresWithFee: Double(withFee.count),
            .proceduresWithOnlinePaymentUsed: Double(withFee.filter { paidOnline[$0] != nil }.count),
        ]
    }
}
