/// SQLite's `PRAGMA synchronous`. FULL (the default here) loses no acknowledged write on power failure;
/// NORMAL is faster in WAL mode and may lose the last transactions, never corrupting the file.
public enum SQLiteSynchronous: String, Sendable, CaseIterable {
    case off = "OFF"
    case normal = "NORMAL"
    case full = "FULL"
    case extra = "EXTRA"

    /// The number SQLite reports for `PRAGMA synchronous`.
    public var level: Int {
        switch self {
        case .off: 0
        case .normal: 1
        case .full: 2
        case .extra: 3
        }
    }
}
