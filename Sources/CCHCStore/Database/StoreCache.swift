import CCHCCore
import Synchronization

/// What the store keeps between requests of one process: the unit tree, which almost every page and
/// dossier action needs and which changes a few times a year. Each use checks a fingerprint of the units
/// table (one small aggregate query), so a change made by this or any other instance is seen at once.
public final class StoreCache: Sendable {
    private let unitTree = Mutex<(fingerprint: String, tree: UnitTree)?>(nil)

    public init() {}

    func tree(fingerprint: String) -> UnitTree? {
        unitTree.withLock { cached in cached?.fingerprint == fingerprint ? cached?.tree : nil }
    }

    func store(_ tree: UnitTree, fingerprint: String) {
        unitTree.withLock { $0 = (fingerprint, tree) }
    }
}
