import Foundation

/// A file a sender attached to a feedback item (a photo of a notice, a letter): checked by its content like
/// a dossier's files, stored in the data folder, and shown only to the sender and the officers who may see
/// the item, never on the public list.
public struct FeedbackAttachment: Codable, Equatable, Identifiable, StoredFile {
    /// How many files one item may carry.
    public static let maximumCount = 3

    public var id: UUID
    public var originalName: String
    public var kind: DossierFile.Kind
    public var size: Int
    public var sha256: String
    public var storagePath: String
    public var uploadedAt: Date

    public init(id: UUID, originalName: String, kind: DossierFile.Kind, size: Int, sha256: String, storagePath: String, uploadedAt: Date) {
        self.id = id
        self.originalName = originalName
        self.kind = kind
        self.size = size
        self.sha256 = sha256
        self.storagePath = storagePath
        self.uploadedAt = uploadedAt
    }
}
