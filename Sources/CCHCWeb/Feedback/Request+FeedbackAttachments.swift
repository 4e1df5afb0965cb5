import CCHCCore
import Vapor

extension Request {
    /// One of a feedback item's attachments, named by the id in its path, once the caller found the item
    /// for this reader.
    func download(_ feedback: Feedback, file id: String?) async throws -> Response {
        guard let id = id.flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound("upload.not_found") }
        let file = try feedbackService.attachment(id, of: feedback)
        return try await download(file, named: file.originalName)
    }
}
