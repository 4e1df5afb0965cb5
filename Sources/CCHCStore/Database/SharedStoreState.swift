import CCHCCore
import SQLiteEngine

/// What the stores of one process share between requests.
///
/// The unit tree, the procedure catalogue and the province's settings, which nearly every page and dossier
/// action reads and which change a few times a year: a copy is trusted for `checkInterval` after it was last confirmed; after
/// that, one small query compares a fingerprint of its table and the copy is read again only if the table
/// moved. Changes made through this process's store clear the copy at once; changes made by another
/// instance show within `checkInterval`.
///
/// The intake queue, which writes the dossiers taken in at the same moment in one transaction, and the
/// audit chain's head as this process last moved it.
///
/// On SQLite, the connections that short reads by key use instead of Fluent's pool (`SQLiteReader`).
public final class SharedStoreState: Sendable {
    public let checkInterval: Duration
    let units = CachedValue<UnitTree>()
    let procedures = CachedValue<ProcedureCatalogue>()
    let settings = CachedValue<ProvinceSettingsHistory>()
    let intakes = IntakeQueue()
    let auditHead = AuditChain.RememberedHead()
    let surveys = SurveyDocumentCache()
    let reader: SQLiteReader?
    let writer: SQLiteWriter?

    /// Writes of this process waiting for their turn at the SQLite writer (none on PostgreSQL): Fluent's
    /// transactions at the gate, and the writer's own transactions not yet committed.
    public var queuedWrites: Int { (writer?.gate.waiting ?? 0) + (writer?.waiting ?? 0) }

    /// How many dossiers the intake queue has written, in how many transactions.
    public var intakesWritten: (dossiers: Int, transactions: Int) {
        get async { await intakes.written }
    }

    /// A zero interval checks the fingerprint on every use. `database`: with an SQLite target, short reads
    /// by key go straight to the file and intake batches are written by a writer of their own (it must be the
    /// file the store's Fluent database uses); every write waits its turn there for at most `writePatience`.
    public init(
        checkInterval: Duration = .seconds(1), database: DatabaseTarget? = nil,
        writePatience: Duration = .milliseconds(DatabasePreparation.busyTimeoutMilliseconds)
    ) {
        self.checkInterval = checkInterval
        if case .sqlite(let path, let synchronous) = database {
            reader = SQLiteReader(path: path)
            writer = SQLiteWriter(path: path, synchronous: synchronous, patience: writePatience)
        } else {
            reader = nil
            writer = nil
        }
    }
}
