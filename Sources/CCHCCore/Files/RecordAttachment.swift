import Foundation

/// A file attached to a record that is not a dossier: a feedback item's photo or letter, a PAR assessment's
/// evidence. Checked by its content like a dossier's files, stored in the data folder, and shown only to
/// those who may read the record (never on a public list).
public struct RecordAttachment: Codable, Equatable, Identifiable, StoredFile {
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
