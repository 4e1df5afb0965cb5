import CCHCCore
import Crypto
import Foundation
import NIOPosix
import WorkCalendar

#if canImport(Glibc)
    import Glibc
#endif

/// Uploaded files in the data folder: `uploads/staging/` while they wait for their record, then
/// `uploads/YYYY/MM/<id>.<kind>`. Every write and move is synced to disk and runs on threads of the
/// storage's own, never on an event loop. Each staged file has a small JSON beside it (`<id>.json`, the
/// `StagedFile`), written last: a staged file without one is an upload cut short.
public struct DiskFileStorage: FileStorage {
    public let dataDirectory: String

    /// Blocking file work, apart from the pool that runs SQLite statements.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    var stagingDirectory: URL { URL(fileURLWithPath: dataDirectory).appendingPathComponent("uploads/staging") }

    func stagedData(_ id: UUID, _ kind: DossierFile.Kind) -> URL { stagingDirectory.appendingPathComponent("\(id.uuidString.lowercased()).\(kind.rawValue)") }
    func stagedInfo(_ id: UUID) -> URL { stagingDirectory.appendingPathComponent("\(id.uuidString.lowercased()).json") }

    public func storagePath(of file: StagedFile) -> String {
        let day = VietnamTime.localDate(of: file.stagedAt)
        return "uploads/\(day.year)/\(LocalDate.pad(day.month, 2))/\(file.id.uuidString.lowercased()).\(file.kind.rawValue)"
    }

    /// Where a committed file is (or, after a crash before its move, still in staging).
    public func url(of file: some StoredFile) -> URL {
        let placed = URL(fileURLWithPath: dataDirectory).appendingPathComponent(file.storagePath)
        let staged = stagedData(file.id, file.kind)
        return !FileManager.default.fileExists(atPath: placed.path) && FileManager.default.fileExists(atPath: staged.path) ? staged : placed
    }

    /// A committed file's bytes, read off the event loop.
    public func read(_ file: some StoredFile) async throws -> Data {
        let url = url(of: file)
        return try await Self.pool.runIfActive { try Data(contentsOf: url) }
    }

    /// Starts writing an upload into staging.
    public func stage(componentIndex: Int, originalName: String, owner: String, now: Date) async throws -> StagingWriter {
        let directory = stagingDirectory
        let id = UUID()
        let partial = directory.appendingPathComponent("\(id.uuidString.lowercased()).part")
        let handle = try await Self.pool.runIfActive {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: partial.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            return try FileHandle(forWritingTo: partial)
        }
        return StagingWriter(
            storage: self, id: id, componentIndex: componentIndex, originalName: String(originalName.suffix(200)), owner: owner, now: now,
            partial: partial, handle: handle)
    }

    public func stage(_ bytes: [UInt8], componentIndex: Int, originalName: String, owner: String, now: Date) async throws -> StagedFile? {
        let writer = try await stage(componentIndex: componentIndex, originalName: originalName, owner: owner, now: now)
        try await writer.write(bytes)
        guard writer.kind != nil else {
            await writer.abort()
            return nil
        }
        return try await writer.finish()
    }

    public func staged(id: UUID, owner: String) async throws -> StagedFile? {
        let info = stagedInfo(id)
        return try await Self.pool.runIfActive {
            guard let data = try? Data(contentsOf: info) else { return nil }
            let file = try JSONDecoder().decode(StagedFile.self, from: data)
            guard file.owner == owner, FileManager.default.fileExists(atPath: self.stagedData(file.id, file.kind).path) else { return nil }
            return file
        }
    }

    public func commit(_ files: [StagedFile]) async throws {
        guard !files.isEmpty else { return }
        try await Self.pool.runIfActive {
            for file in files {
                let source = self.stagedData(file.id, file.kind)
                let destination = URL(fileURLWithPath: self.dataDirectory).appendingPathComponent(self.storagePath(of: file))
                if FileManager.default.fileExists(atPath: source.path) {
                    try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
                    try FileManager.default.moveItem(at: source, to: destination)
                    try Self.syncDirectory(destination.deletingLastPathComponent())
                }
                try? FileManager.default.removeItem(at: self.stagedInfo(file.id))
            }
            try Self.syncDirectory(self.stagingDirectory)
        }
    }

    public func discard(_ files: [StagedFile]) async {
        guard !files.isEmpty else { return }
        _ = try? await Self.pool.runIfActive {
            for file in files {
                try? FileManager.default.removeItem(at: self.stagedInfo(file.id))
                try? FileManager.default.removeItem(at: self.stagedData(file.id, file.kind))
            }
        }
    }

    public func recover(olderThan: Date, isRecorded: @Sendable (UUID) async throws -> Bool) async throws -> (moved: Int, removed: Int) {
        let directory = stagingDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var moved = 0, removed = 0
        for name in names where name.hasSuffix(".json") {
            guard let file = try? JSONDecoder().decode(StagedFile.self, from: Data(contentsOf: directory.appendingPathComponent(name))) else { continue }
            if try await isRecorded(file.id) {
                try await commit([file])
                moved += 1
            } else if file.stagedAt < olderThan {
                await discard([file])
                removed += 1
            }
        }
        // Uploads cut short (no JSON was written) and data whose JSON is gone.
        let known = Set(names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) })
        for name in names where !name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            let stem = String(name.split(separator: ".").first ?? "")
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
            if (name.hasSuffix(".part") || !known.contains(stem)), modified < olderThan {
                try? FileManager.default.removeItem(at: url)
                removed += 1
            }
        }
        return (moved, removed)
    }

    /// Makes a rename or a new file in `directory` durable.
    static func syncDirectory(_ directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = fsync(descriptor)
    }
}

/// One upload being written into staging, chunk by chunk as the request body arrives: its size is capped,
/// its kind read from its first bytes, its hash taken on the way.
public final class StagingWriter: @unchecked Sendable {
    let storage: DiskFileStorage
    let id: UUID
    let componentIndex: Int
    let originalName: String
    let owner: String
    let now: Date
    let partial: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    private var head: [UInt8] = []
    public private(set) var size = 0

    init(storage: DiskFileStorage, id: UUID, componentIndex: Int, originalName: String, owner: String, now: Date, partial: URL, handle: FileHandle) {
        self.storage = storage
        self.id = id
        self.componentIndex = componentIndex
        self.originalName = originalName
        self.owner = owner
        self.now = now
        self.partial = partial
        self.handle = handle
    }

    /// Appends `bytes`, off the event loop.
    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        hasher.update(data: bytes)
        if head.count < 8 { head += bytes.prefix(8 - head.count) }
        size += bytes.count
        let handle = self.handle
        try await DiskFileStorage.pool.runIfActive { try handle.write(contentsOf: bytes) }
    }

    /// The kind the first bytes say, once at least eight have arrived (or the file ended).
    public var kind: DossierFile.Kind? { DossierFile.Kind.sniff(head) }

    /// Syncs the file and its description to disk; the file is staged from then on.
    public func finish() async throws -> StagedFile {
        guard let kind else { throw CocoaError(.fileReadCorruptFile) }
        let file = StagedFile(
            id: id, componentIndex: componentIndex, originalName: originalName, kind: kind, size: size, sha256: hasher.finalize().hexString,
            owner: owner, stagedAt: now)
        let (handle, partial, storage) = (self.handle, self.partial, self.storage)
        try await DiskFileStorage.pool.runIfActive {
            try handle.synchronize()
            try handle.close()
            try FileManager.default.moveItem(at: partial, to: storage.stagedData(file.id, kind))
            let info = try JSONEncoder().encode(file)
            try info.write(to: storage.stagedInfo(file.id), options: .atomic)
            let written = try FileHandle(forWritingTo: storage.stagedInfo(file.id))
            try written.synchronize()
            try written.close()
            try DiskFileStorage.syncDirectory(storage.stagingDirectory)
        }
        return file
    }

    /// Drops what was written (a refused upload).
    public func abort() async {
        let (handle, partial) = (self.handle, self.partial)
        _ = try? await DiskFileStorage.pool.runIfActive {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
        }
    }
}
