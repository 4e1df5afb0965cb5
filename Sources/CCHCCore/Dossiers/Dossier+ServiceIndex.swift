import Foundation

extension Dossier {
    /// When the dossier finished, for the service index: its result was ready, or it was refused, stopped
    /// or withdrawn (terminal, and judged against the due date like a result).
    public var finishedAt: Date? {
        switch status {
        case .resultReady, .returned: result?.readyAt
        case .refused, .stopped, .withdrawn: closure?.at
        case .submitted, .accepted, .processing, .supplementRequested, .paymentRequested: nil
        }
    }

    /// Every component handed in came with a file (uploaded when filed online), or the desk scanned them.
    public var isDigitised: Bool {
        if serviceData?.scannedAtDesk == true { return true }
        let provided = components.filter(\.isProvided)
        return !provided.isEmpty && provided.allSatisfy { !$0.fileIDs.isEmpty }
    }

    /// A fee was asked of the applicant (a payment request of more than zero).
    public var isFeeCharged: Bool { (payment?.amount ?? 0) > 0 }
}
