import Foundation

/// A file uploaded for a component of a dossier (online filing, supplement). Files live in the data
/// folder, never under Public/; only people who may see the dossier can download them.
public struct DossierFile: Identifiable, Equatable, StoredFile {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case pdf, jpeg, png

        public var contentType: String {
            switch self {
            case .pdf: "application/pdf"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }

        /// The kind a file really is, from its first bytes, whatever its name or declared type says.
        public static func sniff(_ bytes: some Collection<UInt8>) -> Kind? {
            let head = Array(bytes.prefix(8))
            if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
            if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
            if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
            return nil
        }
    }

    /// `componentIndex` of a file sent with a supplement rather than for one component.
    public static let supplementIndex = -1

    public var id: UUID
    public var dossierID: UUID?
    public var componentIndex: Int
    public var originalName: String
    public var kind: Kind
    public var size: Int
    public var sha256: String
    /// Relative to the data folder.
    public var storagePath: String
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(
        id: UUID = UUID(), dossierID: UUID? = nil, componentIndex: Int, originalName: String, kind: Kind, size: Int, sha256: String,
        storagePath: String, uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.dossierID = dossierID
        self.componentIndex = componentIndex
        self.originalName = originalName
        self.kind = kind
        self.size = size
        self.sha256 = sha256
        self.storagePath = storagePath
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

/// Files are written with their dossier (`DossierRepository.create` and `save`), never on their own.
public protocol DossierFileRepository: Sendable {
    func find(id: UUID) async throws -> DossierFile?
    func list(dossierID: UUID) async throws -> [DossierFile]
    /// Whether a file with this id has its row (a staged file whose record committed).
    func exists(id: UUID) async throws -> Bool
}

/// Counts of recent attempts (wrong lookups...), shared by every app instance through the database.
public protocol ThrottleRepository: Sendable {
    func record(scope: String, key: String, at: Date) async throws
    func count(scope: String, key: String, since: Date) async throws -> Int
    /// Forgets attempts older than `before`; returns how many.
    func purge(before: Date) async throws -> Int
}

/// A stored answer to an API request made with an Idempotency-Key.
public struct IdempotentResponse: Equatable, Sendable {
    public var requestHash: String
    public var status: Int
    public var body: String

    public init(requestHash: String, status: Int, body: String) {
        self.requestHash = requestHash
        self.status = status
        self.body = body
    }
}

public protocol IdempotencyRepository: Sendable {
    func find(owner: String, key: String) async throws -> IdempotentResponse?
    /// Keeps the first answer under the key, in the caller's transaction; `IdempotencyKeyTaken` when another
    /// request kept one first.
    func record(_ key: IdempotencyKey, response: IdempotentResponse, at: Date) async throws
    /// Forgets answers kept before `before` (a retry comes within minutes, not days); returns how many.
    func purge(before: Date) async throws -> Int
}
