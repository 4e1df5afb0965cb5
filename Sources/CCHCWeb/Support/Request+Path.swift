import Vapor

extension Request {
    /// The request's path, read once: Vapor rebuilds `url.path` from its components on every call (a
    /// Foundation `replacingOccurrences`, about 3 µs), and the file middleware, the language and error
    /// handling, the API transport and the request log all ask for it.
    var path: String { remembered(PathKey.self) { url.path } }

    private struct PathKey: StorageKey {
        typealias Value = String
    }
}
