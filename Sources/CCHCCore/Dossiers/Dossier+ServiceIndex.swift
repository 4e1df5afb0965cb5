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

    /// Every component handed in came with a file: uploaded when filed online, or scanned at the desk.
    public var isDigitised: Bool {
        let provided = components.filter(\.isProvided)
        return !provided.isEmpty && provided.allSatisfy { !$0.fileIDs.isEmpty }
    }
}
