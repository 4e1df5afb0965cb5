/// What an indicator's numerator or denominator counts, named in a version's JSON. cchc computes those it
/// holds the data for from the dossiers' counters and the procedure catalogue; the others are named so
/// that a version can state the whole law, and an indicator reading one shows "chưa có dữ liệu" (counted
/// neither as earned nor as lost) until a later feature captures it.
public enum IndicatorMeasure: String, Codable, CaseIterable, Sendable {
    /// Dossiers accepted in the period.
    case dossiersReceived = "dossiers.received"
    case dossiersReceivedOnline = "dossiers.received_online"
    /// Accepted in the period with every component handed in as a file, or scanned at the desk.
    case dossiersReceivedDigitised = "dossiers.received_digitised"
    /// Finished in the period (result ready, refused, stopped, withdrawn) or still open at its end.
    case dossiersJudged = "dossiers.judged"
    /// Of those: finished by the due date, or open and not yet due at the period's end.
    case dossiersOnTime = "dossiers.on_time"
    case dossiersFinished = "dossiers.finished"
    /// Finished late, or rated dissatisfied (5.4 takes 100 % less this share of the finished).
    case dossiersLateOrDissatisfied = "dossiers.late_or_dissatisfied"
    /// Hours from acceptance to finish (calendar time), summed; 2.2 shows their mean over the finished.
    case dossiersElapsedHours = "dossiers.elapsed_hours"
    /// Procedures of the unit in the catalogue.
    case proceduresTotal = "procedures.total"
    /// Offered online, fully or in part.
    case proceduresOnline = "procedures.online"
    /// Offered online and filed online at least once in the period.
    case proceduresOnlineUsed = "procedures.online_used"

    // Below: feedback (5.x) comes from the feedback counters (`FeedbackCounters`); publication (1.1–1.3), online payment set up (3.4) and
    // applicants (4.5a) come from the procedures' publication records, the others from `DossierServiceData`,
    // the fees asked and the catalogue's fees.
    /// With a publication decision dated in the period.
    case proceduresPublished = "procedures.published"
    /// Of those: every such decision on time (`PublicationTimeliness`).
    case proceduresPublishedOnTime = "procedures.published_on_time"
    /// With a posting on the national database due or done in the period.
    case proceduresPostingJudged = "procedures.posting_judged"
    /// Of those: every such posting by its due day.
    case proceduresPostedOnTime = "procedures.posted_on_time"
    /// Stating all seven required parts (`Procedure.missingParts`).
    case proceduresComplete = "procedures.complete"
    case proceduresWithFee = "procedures.with_fee"
    case proceduresWithOnlinePayment = "procedures.with_online_payment"
    case proceduresWithOnlinePaymentUsed = "procedures.with_online_payment_used"
    case proceduresForCitizens = "procedures.for_citizens"
    case proceduresPopulationVerified = "procedures.population_verified"
    case dossiersSynced = "dossiers.synced"
    case dossiersWithFee = "dossiers.with_fee"
    case dossiersPaidOnline = "dossiers.paid_online"
    case dossiersPaperResult = "dossiers.paper_result"
    case dossiersElectronicResult = "dossiers.electronic_result"
    case dossiersReused = "dossiers.reused"
    case dossiersDataStore = "dossiers.data_store"
    case dossiersPopulationData = "dossiers.population_data"
    /// Received in the period.
    case feedbackReceived = "feedback.received"
    /// Of those: about rules and procedures or about officials' conduct.
    case feedbackClassified = "feedback.classified"
    /// Finished (refused or published) in the period, or open at its end: "received or handled".
    case feedbackJudged = "feedback.judged"
    /// Of those: finished with every stage on time, or open and not yet late at the period's end.
    case feedbackOnTime = "feedback.on_time"
    /// Received in the period and handled without being late, rated unhelpful or raised again.
    case feedbackSatisfied = "feedback.satisfied"
    /// For indicators whose formula is open (4.6): nothing to count, the empty-denominator rule applies.
    case unspecified = "unspecified"

    /// Counts dossiers (its drill-down lists dossiers), or procedures (it lists procedures).
    public var countsDossiers: Bool { rawValue.hasPrefix("dossiers.") }
    public var countsProcedures: Bool { rawValue.hasPrefix("procedures.") }
    public var countsFeedback: Bool { rawValue.hasPrefix("feedback.") }
}
