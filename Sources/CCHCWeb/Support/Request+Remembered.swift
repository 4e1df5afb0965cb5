import Vapor

extension Request {
    /// `make()`'s value, made on the first call for this request and kept in its storage under `key`.
    func remembered<Key: StorageKey>(_ key: Key.Type, _ make: () -> Key.Value) -> Key.Value {
        if let value = storage[key] { return value }
        let value = make()
        storage[key] = value
        return value
    }
}
