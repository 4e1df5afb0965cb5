import CCHCCore

/// Group commit for intake. While one batch of new dossiers is being written, the dossiers that arrive
/// wait here and then go together into the next transaction: one code-counter update per desk and day,
/// one insert for the dossiers, one for their events, one commit (and one fsync) for them all. A batch
/// that fails is written again one dossier at a time, so that a bad dossier fails alone.
actor IntakeQueue {
    typealias Intake = DossierWritePath.Write

    /// Writes a batch in one transaction and returns the stored dossiers, in order.
    typealias Writer = @Sendable ([Intake]) async throws -> [Dossier]

    private struct Waiting {
        var intake: Intake
        var writer: Writer
        var continuation: CheckedContinuation<Dossier, any Error>
    }

    /// Keeps a statement's bound values well under both databases' limits (27 per dossier, 18 per event).
    static let maximumBatch = 64

    private var waiting: [Waiting] = []
    private var writing = false
    /// Dossiers written, and the transactions that wrote them (fewer when intakes arrive together).
    private(set) var written = (dossiers: 0, transactions: 0)

    func write(_ intake: Intake, with writer: @escaping Writer) async throws -> Dossier {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(intake: intake, writer: writer, continuation: continuation))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.maximumBatch))
            waiting.removeFirst(batch.count)
            do {
                // Written through the first waiter's database handle; each waiter's is the same pool.
                let stored = try await batch[0].writer(batch.map(\.intake))
                guard stored.count == batch.count else { throw StoreError.corruptRow(table: "dossiers", id: nil) }
                written.dossiers += stored.count
                written.transactions += 1
                for (entry, dossier) in zip(batch, stored) { entry.continuation.resume(returning: dossier) }
            } catch {
                if batch.count == 1 {
                    batch[0].continuation.resume(throwing: error)
                    continue
                }
                // The batch was rolled back as a whole; each dossier now gets its own transaction.
                for entry in batch {
                    do {
                        entry.continuation.resume(returning: try await entry.writer([entry.intake])[0])
                        written.dossiers += 1
                        written.transactions += 1
                    } catch {
                        entry.continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}
