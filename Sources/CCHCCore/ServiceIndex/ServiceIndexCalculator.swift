import Foundation
import WorkCalendar

/// Turns a period's counts into each unit's index under one version of the indicator set. A unit's
/// figures are its whole subtree's numerators and denominators added up, never its children's scores
/// averaged; a dossier counts for its competent authority and every unit above it.
public struct ServiceIndexCalculator: Sendable {
    public var set: IndicatorSetVersion
    public var tree: UnitTree
    /// The catalogue: the latest version of each procedure, by code.
    public let catalogue: [String: Procedure]
    /// Every version's publication record by procedure code, oldest first (1.1 and 1.2 judge them all).
    public let publications: [String: [ProcedurePublication]]
    /// Some version of some procedure has had its publication recorded.
    public let isPublicationRecorded: Bool
    /// The procedures whose catalogue entry has all seven parts.
    let completeProcedures: Set<String>
    /// Working days for the publication deadlines.
    public var calendar: WorkingCalendar
    public var period: ReportPeriod
    public var counts: ServiceIndexCounts

    public init(
        set: IndicatorSetVersion, tree: UnitTree, procedures: [Procedure], publications: [String: [ProcedurePublication]] = [:],
        calendar: WorkingCalendar = WorkingCalendar(), period: ReportPeriod, counts: ServiceIndexCounts
    ) {
        self.set = set
        self.tree = tree
        catalogue = Dictionary(procedures.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.publications = publications
        isPublicationRecorded = publications.values.contains { versions in versions.contains { $0.revision > 0 } }
        completeProcedures = Set(procedures.filter(\.missingParts.isEmpty).map(\.code))
        self.calendar = calendar
        self.period = period
        self.counts = counts
    }

    /// 1.1 and 1.2 for one procedure in the period.
    public func publicationTimeliness(_ code: String) -> PublicationTimeliness {
        PublicationTimeliness(
            versions: publications[code] ?? [], period: period.start...period.end, deadlines: set.rules.publicationDeadlines, calendar: calendar)
    }

    public func score(_ unitID: UUID) -> ServiceIndexScore {
        score(unitID, measures: measures(tree.subtreeIDs(of: unitID)))
    }

    /// The score from the unit's `measures`, when the caller has them already.
    public func score(_ unitID: UUID, measures: [IndicatorMeasure: Double]) -> ServiceIndexScore {
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
        let totals = counts.totals(units: units)
        func total(_ counter: Counter) -> Double { Double(totals[counter.rawValue] ?? 0) }
        let open = total(.open)
        let openOverdue = total(.openOverdue)
        var values: [IndicatorMeasure: Double] = [
            .dossiersReceived: total(.received),
            .dossiersReceivedOnline: total(.receivedOnline),
            .dossiersReceivedDigitised: total(.receivedDigitised),
            .dossiersFinished: total(.finished),
            .dossiersJudged: total(.finished) + open,
            .dossiersOnTime: total(.finishedOnTime) + open - openOverdue,
            .dossiersLateOrDissatisfied: total(.finishedLateOrDissatisfied),
            .dossiersElapsedHours: total(.elapsedHours),
            .dossiersSynced: total(.synced),
            .dossiersReused: total(.reused),
            .dossiersDataStore: total(.dataStore),
            .dossiersPopulationData: total(.populationVerified),
            .dossiersWithFee: total(.withFee),
            .dossiersPaidOnline: total(.paidOnline),
            // Every result is taken to be a paper one unless issued electronically: the catalogue does not say yet.
            .dossiersPaperResult: total(.finished),
            .dossiersElectronicResult: total(.electronicResult),
        ]
        func feedback(_ counter: FeedbackCounters.Counter) -> Double { Double(totals[counter.indexName] ?? 0) }
        let feedbackOpen = feedback(.open)
        values[.feedbackReceived] = feedback(.received)
        values[.feedbackClassified] = feedback(.classified)
        values[.feedbackJudged] = feedback(.finished) + feedbackOpen
        values[.feedbackOnTime] = feedback(.finishedOnTime) + feedbackOpen - feedback(.openOverdue)
        values[.feedbackSatisfied] = feedback(.satisfied)
        let procedures = procedureMeasures(units)
        for measure in procedureMeasuresCaptured {
            values[measure] = Double(procedures.values.filter { $0.contains(measure) }.count)
        }
        return values
    }

    /// The procedure measures this calculator can give: publication's only where some has been recorded.
    public var procedureMeasuresCaptured: [IndicatorMeasure] {
        let always: [IndicatorMeasure] = [
            .proceduresTotal, .proceduresOnline, .proceduresOnlineUsed, .proceduresForCitizens, .proceduresPopulationVerified,
            .proceduresWithFee, .proceduresWithOnlinePaymentUsed,
        ]
        // A province that has recorded no publication at all does not capture it: those indicators show
        // "chưa có dữ liệu" rather than losing their points.
        let publication: [IndicatorMeasure] = [
            .proceduresWithOnlinePayment, .proceduresComplete, .proceduresPublished, .proceduresPublishedOnTime, .proceduresPostingJudged,
            .proceduresPostedOnTime,
        ]
        return always + (isPublicationRecorded ? publication : [])
    }

    /// The procedures a set of units offers (its own, and any it took dossiers of in the period), each with
    /// the procedure measures it counts in: what the procedure indicators add up and their drill-down lists.
    public func procedureMeasures(_ units: Set<UUID>) -> [String: Set<IndicatorMeasure>] {
        typealias Counter = ServiceIndexCounters.Counter
        // One pass over the units' counts for the four counters read here (rankings score every unit twice).
        let sums = counts.byProcedure(Set([Counter.received, .receivedOnline, .paidOnline, .populationVerified].map(\.rawValue)), units: units)
        func used(_ counter: Counter) -> Set<String> { Set(sums.compactMap { ($0.value[counter.rawValue] ?? 0) > 0 ? $0.key : nil }) }
        let onlineFiled = used(.receivedOnline), paidOnline = used(.paidOnline), verified = used(.populationVerified)
        // Every procedure with a dossier received by one of the units in the period.
        let received = sums.compactMap { $0.value[Counter.received.rawValue] == nil ? nil : $0.key }
        let own = Set(catalogue.values.filter { $0.competentUnitID.map(units.contains) ?? false }.map(\.code))
        var result: [String: Set<IndicatorMeasure>] = [:]
        for code in own.union(received) {
            let procedure = catalogue[code]
            var measures: Set<IndicatorMeasure> = [.proceduresTotal]
            let isOnline = (procedure?.onlineLevel ?? OnlineLevel.none) != OnlineLevel.none
            let hasFee = (procedure?.fee ?? 0) > 0
            if isOnline { measures.insert(.proceduresOnline) }
            if isOnline, onlineFiled.contains(code) { measures.insert(.proceduresOnlineUsed) }
            if procedure?.servesCitizens ?? true { measures.insert(.proceduresForCitizens) }
            if verified.contains(code) { measures.insert(.proceduresPopulationVerified) }
            if hasFee { measures.insert(.proceduresWithFee) }
            if hasFee, paidOnline.contains(code) { measures.insert(.proceduresWithOnlinePaymentUsed) }
            if hasFee, procedure?.publication.onlinePayment ?? false { measures.insert(.proceduresWithOnlinePayment) }
            if completeProcedures.contains(code) { measures.insert(.proceduresComplete) }
            let timeliness = publicationTimeliness(code)
            if timeliness.published { measures.insert(.proceduresPublished) }
            if timeliness.publishedOnTime { measures.insert(.proceduresPublishedOnTime) }
            if timeliness.postingJudged { measures.insert(.proceduresPostingJudged) }
            if timeliness.postedOnTime { measures.insert(.proceduresPostedOnTime) }
            result[code] = measures
        }
        return result
    }
}
