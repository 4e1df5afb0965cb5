import Vapor

/// Serves the files in `Public/`, asking the file system only for paths that can be one of them.
///
/// Vapor's `FileMiddleware` looks every request's path up on disk before the routes see it; the API, the
/// lookup and the health checks never name a file, so only paths under the directory's top-level entries
/// (read once, at start) go to it.
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    let prefixes: [String]

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        prefixes = entries.filter { !$0.hasPrefix(".") }.map { entry in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: publicDirectory + entry, isDirectory: &isDirectory)
            return "/" + entry + (isDirectory.boolValue ? "/" : "")
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.path
        guard prefixes.contains(where: { $0.hasSuffix("/") ? path.hasPrefix($0) : path == $0 }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
