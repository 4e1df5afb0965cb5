import Foundation
import WorkCalendar

/// Which dossiers or procedures of an indicator to list.
public enum IndicatorPart: String, CaseIterable, Sendable {
    case numerator, denominator
    /// In the denominator and costing points: not in the numerator (or, for 5.4, in it).
    case lost

    /// Whether what counts in the measures `counted` belongs to this part of `indicator`.
    public func includes(_ counted: Set<IndicatorMeasure>, of indicator: Indicator) -> Bool {
        let inNumerator = counted.contains(indicator.numerator)
        let inDenominator = counted.contains(indicator.denominator)
        return switch self {
        case .numerator: inNumerator
        case .denominator: inDenominator
        case .lost: inDenominator && (indicator.complement ? inNumerator : !inNumerator)
        }
    }
}

/// A dossier behind a figure, with why it cost points when it did.
public struct IndicatorDossier: Equatable, Sendable {
    public var code: String
    public var procedureCode: String
    public var field: String
    public var status: DossierStatus
    public var channel: IntakeChannel
    public var acceptedAt: Date?
    public var dueAt: Date?
    public var finishedAt: Date?
    /// Message keys with their arguments: why it costs points (empty when it does not).
    public var reasons: [String]
    public var lateUnitID: UUID?
    public var lateStep: Int?
    /// The feedback sent about it, where a complaint is why it cost points (5.4).
    public var complaints: [String] = []
}

extension ServiceIndexService {
    /// The measures a dossier counts in for a period, by the same contributions the counters add up.
    public static func measures(of facts: DossierFacts, in days: ClosedRange<LocalDate>) -> Set<IndicatorMeasure> {
        typealias Counter = ServiceIndexCounters.Counter
        let counters = Set(ServiceIndexCounts.contributions(facts, in: days).map(\.counter))
        func has(_ counter: Counter) -> Bool { counters.contains(counter.rawValue) }
        var measures: Set<IndicatorMeasure> = []
        if has(.received) { measures.insert(.dossiersReceived) }
        if has(.receivedOnline) { measures.insert(.dossiersReceivedOnline) }
        if has(.receivedDigitised) { measures.insert(.dossiersReceivedDigitised) }
        if has(.finished) { measures.formUnion([.dossiersFinished, .dossiersJudged, .dossiersElapsedHours]) }
        if has(.open) { measures.insert(.dossiersJudged) }
        if has(.finishedOnTime) || (has(.open) && !has(.openOverdue)) { measures.insert(.dossiersOnTime) }
        if has(.finishedLateOrDissatisfied) { measures.insert(.dossiersLateOrDissatisfied) }
        if has(.finished) { measures.insert(.dossiersPaperResult) }
        let flags: [(Counter, IndicatorMeasure)] = [
            (.synced, .dossiersSynced), (.reused, .dossiersReused), (.dataStore, .dossiersDataStore), (.populationVerified, .dossiersPopulationData),
            (.withFee, .dossiersWithFee), (.paidOnline, .dossiersPaidOnline), (.electronicResult, .dossiersElectronicResult),
        ]
        for (counter, measure) in flags where has(counter) { measures.insert(measure) }
        return measures
    }

    /// The period's counts taken straight from every accepted dossier of the province, as a check of the
    /// counters and the measure of what they save; also returns how many dossiers were read.
    public func countFromDossiers(_ period: ReportPeriod, tree: UnitTree) async throws -> (ServiceIndexCounts, Int) {
        let units = Set(tree.units.map(\.id))
        let endInstant = VietnamTime.instant(on: LocalDate(dayNumber: period.end.dayNumber + 1))
        var facts: [DossierFacts] = []
        var after: String?
        while true {
            let page = try await store.indicatorSets.acceptedDossiers(
                units: units, acceptedBefore: endInstant, touchedSince: nil, afterCode: after, limit: 2000)
            facts += page.map(DossierFacts.init)
            guard let last = page.last, page.count == 2000 else { break }
            after = last.code
        }
        return (ServiceIndexCounts.counting(facts, in: period.days), facts.count)
    }

    /// How many dossiers a page of an indicator's dossiers examines at most.
    public static let examinedPerPage = 5000

    /// One page of the dossiers in an indicator's numerator, denominator or lost part for a unit's subtree
    /// and the period; `cursor` is the last code of the page before. The search stops after `examining`
    /// dossiers the period may count, with a cursor to go on from: a part that few dossiers are in (lost
    /// points at a well-run unit) would otherwise read every dossier of the period for one page.
    public func dossiers(
        indicator code: String, part: IndicatorPart, unit: OrgUnit, context: Context, cursor: String?, limit: Int, examining: Int = examinedPerPage
    ) async throws -> ResultPage<IndicatorDossier> {
        guard let indicator = context.set.rules.indicator(code) else {
            throw DomainError(.notFound, "index.indicator.not_found", arguments: ["code": code])
        }
        guard indicator.denominator.countsDossiers else {
            throw DomainError(.notFound, "index.indicator.no_dossiers", arguments: ["code": code])
        }
        let days = context.period.days
        let units = context.tree.subtreeIDs(of: unit.id)
        let endInstant = VietnamTime.instant(on: LocalDate(dayNumber: days.upperBound.dayNumber + 1))
        // A day early for the last write: the clocks of several servers may disagree by seconds.
        let touchedSince = VietnamTime.instant(on: LocalDate(dayNumber: days.lowerBound.dayNumber - 1))
        var found: [IndicatorDossier] = []
        var after = cursor
        var examined = 0
        let batch = 200
        while found.count < limit {
            if examined >= examining { return ResultPage(items: found, nextCursor: after) }
            let dossiers = try await store.indicatorSets.acceptedDossiers(
                units: units, acceptedBefore: endInstant, touchedSince: touchedSince, afterCode: after, limit: batch)
            examined += dossiers.count
            for dossier in dossiers {
                after = dossier.code
                let facts = DossierFacts(dossier)
                let measures = Self.measures(of: facts, in: days)
                guard part.includes(measures, of: indicator) else { continue }
                found.append(Self.item(dossier, facts: facts, days: days, indicator: indicator, measures: measures))
                if found.count == limit { return ResultPage(items: found, nextCursor: dossier.code) }
            }
            if dossiers.count < batch { break }
        }
        return ResultPage(items: found, nextCursor: nil)
    }

    static func item(
        _ dossier: Dossier, facts: DossierFacts, days: ClosedRange<LocalDate>, indicator: Indicator, measures: Set<IndicatorMeasure>
    ) -> IndicatorDossier {
        var reasons: [String] = []
        let judged = ServiceIndexJudgement(facts)
        if measures.contains(.dossiersJudged), !measures.contains(.dossiersOnTime) {
            if judged?.finished(in: days) == true {
                reasons.append(facts.supplementRequests > 1 ? "index.reason.supplements" : "index.reason.finished_late")
            } else {
                reasons.append("index.reason.open_overdue")
            }
        }
        if measures.contains(.dossiersReceived), !measures.contains(.dossiersReceivedOnline) { reasons.append("index.reason.not_online") }
        if measures.contains(.dossiersReceived), !measures.contains(.dossiersReceivedDigitised) { reasons.append("index.reason.not_digitised") }
        if measures.contains(.dossiersFinished), facts.satisfaction == .dissatisfied { reasons.append("index.reason.dissatisfied") }
        if measures.contains(.dossiersFinished), facts.complained == true { reasons.append("index.reason.complaint") }
        var relevant = reasons.filter { reason in
            switch indicator.denominator {
            case .dossiersJudged: reason == "index.reason.finished_late" || reason == "index.reason.open_overdue" || reason == "index.reason.supplements"
            case .dossiersReceived:
                (indicator.numerator == .dossiersReceivedOnline && reason == "index.reason.not_online")
                    || (indicator.numerator == .dossiersReceivedDigitised && reason == "index.reason.not_digitised")
            case .dossiersFinished: reason != "index.reason.not_online" && reason != "index.reason.not_digitised"
            default: false
            }
        }
        let missing: [(IndicatorMeasure, IndicatorMeasure, String)] = [
            (.dossiersReceived, .dossiersSynced, "index.reason.not_synced"), (.dossiersReceived, .dossiersReused, "index.reason.not_reused"),
            (.dossiersReceived, .dossiersDataStore, "index.reason.no_data_store"),
            (.dossiersReceived, .dossiersPopulationData, "index.reason.not_verified"),
            (.dossiersWithFee, .dossiersPaidOnline, "index.reason.not_paid_online"),
            (.dossiersPaperResult, .dossiersElectronicResult, "index.reason.no_electronic_result"),
        ]
        for (whole, part, reason) in missing where indicator.denominator == whole && indicator.numerator == part {
            if measures.contains(whole), !measures.contains(part) { relevant.append(reason) }
        }

        return IndicatorDossier(
            code: dossier.code, procedureCode: dossier.procedureCode, field: dossier.field, status: dossier.status, channel: dossier.channel,
            acceptedAt: dossier.acceptedAt, dueAt: dossier.originalDueAt ?? dossier.dueAt, finishedAt: dossier.finishedAt, reasons: relevant,
            lateUnitID: dossier.lateAttribution?.unitID, lateStep: dossier.lateAttribution?.step,
            complaints: relevant.contains("index.reason.complaint") ? dossier.complaints ?? [] : [])
    }
}
