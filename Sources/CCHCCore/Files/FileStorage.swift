import Foundation

/// A committed file's place: enough to read it back (a dossier's file, a feedback item's attachment).
public protocol StoredFile: Sendable {
    var id: UUID { get }
    var kind: DossierFile.Kind { get }
    /// Relative to the data folder.
    var storagePath: String { get }
}

/// An uploaded file written to the staging area and not yet part of any record: its content checked, its
/// hash taken, its bytes synced to disk. It becomes a `DossierFile` when the record it proves commits.
public struct StagedFile: Codable, Equatable, Identifiable, Sendable {
    public var id: UUID
    /// The component it was uploaded for (`DossierFile.supplementIndex` for a supplement's files).
    public var componentIndex: Int
    public var originalName: String
    public var kind: DossierFile.Kind
    public var size: Int
    public var sha256: String
    /// Who staged it: an account's username, or a tag of an anonymous visitor's form cookie, so that only
    /// the same browser can reuse a file it uploaded.
    public var owner: String
    public var stagedAt: Date

    public init(id: UUID, componentIndex: Int, originalName: String, kind: DossierFile.Kind, size: Int, sha256: String, owner: String, stagedAt: Date) {
        self.id = id
        self.componentIndex = componentIndex
        self.originalName = originalName
        self.kind = kind
        self.size = size
        self.sha256 = sha256
        self.owner = owner
        self.stagedAt = stagedAt
    }

    /// The attachment a feedback item records once it commits, stored at `storagePath`.
    public func attachment(storagePath: String) -> RecordAttachment {
        RecordAttachment(id: id, originalName: originalName, kind: kind, size: size, sha256: sha256, storagePath: storagePath, uploadedAt: stagedAt)
    }

    /// The file's row once it belongs to `dossierID`, stored at `storagePath`.
    public func record(dossierID: UUID, storagePath: String) -> DossierFile {
        DossierFile(
            id: id, dossierID: dossierID, componentIndex: componentIndex, originalName: originalName, kind: kind, size: size,
            sha256: sha256, storagePath: storagePath, uploadedBy: owner, uploadedAt: stagedAt)
    }
}

/// Where uploaded files live (a port: the data folder on disk here). A use case writes the rows of its
/// staged files in the transaction that writes its record, then `commit`s them into place; if the
/// transaction fails it `discard`s them. A crash between the two leaves a staged file whose row either
/// committed (`recover` finishes the move) or did not (`recover` deletes the file): no record without its
/// files, no file without its record, once recovery has run.
public protocol FileStorage: Sendable {
    /// Stages a file whose bytes are all at hand (the demo, imports); nil when they are not a PDF, JPEG or PNG.
    func stage(_ bytes: [UInt8], componentIndex: Int, originalName: String, owner: String, now: Date) async throws -> StagedFile?
    /// A file still in staging that `owner` uploaded (a form sent back with errors keeps its files).
    func staged(id: UUID, owner: String) async throws -> StagedFile?
    /// Where the committed file will be, relative to the data folder: the path its row records.
    func storagePath(of file: StagedFile) -> String
    /// Moves committed files from staging into place, synced to disk.
    func commit(_ files: [StagedFile]) async throws
    /// Removes staged files that will belong to nothing.
    func discard(_ files: [StagedFile]) async
    /// After a crash or at start: finishes moving staged files whose rows exist (`isRecorded`) and removes
    /// the others once older than `olderThan` (a form left with errors keeps its files that long).
    func recover(olderThan: Date, isRecorded: @Sendable (UUID) async throws -> Bool) async throws -> (moved: Int, removed: Int)
}

/// How a use case stores a record with the files staged for it.
public enum StagedFiles {
    /// Runs `write`, which records `staged`'s rows with its record in one transaction, then moves the files
    /// into place. On a validation error they stay in staging (the form offers them again); on any other
    /// failure they are discarded. A move that fails after the record committed is finished by recovery.
    public static func storing<Result: Sendable>(
        _ staged: [StagedFile], in files: (any FileStorage)?, _ write: () async throws -> Result
    ) async throws -> Result {
        let result: Result
        do {
            result = try await write()
        } catch let error as DomainError where error.kind == .validation {
            throw error
        } catch {
            await files?.discard(staged)
            throw error
        }
        try? await files?.commit(staged)
        return result
    }
}
