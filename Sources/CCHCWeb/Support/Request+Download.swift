import CCHCCore
import Vapor

extension Request {
    /// An uploaded file as a download under its original name, never cached by a shared proxy. The caller
    /// checked that the reader may see the record the file belongs to.
    func download(_ file: some StoredFile, named name: String) async throws -> Response {
        let data = try await application.services.files.read(file)
        let response = Response(status: .ok, body: .init(data: data))
        let type = file.kind.contentType.split(separator: "/").map(String.init)
        response.headers.contentType = HTTPMediaType(type: type[0], subType: type[1])
        response.headers.contentDisposition = .init(.attachment, filename: name)
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
