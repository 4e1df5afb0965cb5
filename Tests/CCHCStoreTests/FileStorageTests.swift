import CCHCCore
import CCHCTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing
import WorkCalendar

@testable import CCHCStore

@Suite("Uploaded files commit with their record")
struct FileStorageTests {
    let now = Fixtures.now
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".utf8)

    static func stage(_ storage: DiskFileStorage, component: Int = 0, owner: String = "anonymous:test", at now: Date) async throws -> StagedFile {
        let writer = try await storage.stage(componentIndex: component, originalName: "don.pdf", owner: owner, now: now)
        try await writer.write(pdf)
        return try await writer.finish()
    }

    static func files(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { !$0.hasSuffix("/") && $0.contains(".") }.sorted()
    }

    @Test(
        "A failure after the file is staged leaves nothing behind: no dossier, no row, no file; the same filing then succeeds whole",
        arguments: TestDatabases.kinds)
    func atomicity(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, db in
            try await Fixtures.loadUnits(into: store)
            try await Fixtures.loadProcedure(into: store)
            let folder = Fixtures.temporaryFolder()
            let storage = DiskFileStorage(dataDirectory: folder)
            let service = try await Fixtures.service(store, files: storage)
            let staged = try await Self.stage(storage, at: now)
            #expect(Self.files(under: folder).count == 2)
            #expect(try await storage.staged(id: staged.id, owner: "anonymous:test") == staged)
            #expect(try await storage.staged(id: staged.id, owner: "anonymous:other") == nil)
            #expect(staged.size == Self.pdf.count && staged.kind == .pdf)

            // The database refuses the file's row (its id is taken), so the whole intake rolls back.
            let sql = db as! any SQLDatabase
            try await sql.insert(into: "dossier_files").columns(
                "id", "component_index", "original_name", "content_type", "size", "sha256", "storage_path", "uploaded_by", "uploaded_at"
            )
            .values(SQLBind(staged.id), SQLBind(0), SQLBind("x"), SQLBind("pdf"), SQLBind(1), SQLBind("x"), SQLBind("x"), SQLBind("x"), SQLBind(now)).run()
            await #expect(throws: (any Error).self) {
                _ = try await service.fileOnline(Fixtures.intakeRequest(channel: .online), staged: [0: staged], by: .applicant, now: now)
            }
            #expect(try await store.dossiers.count() == 0)
            #expect(try await store.dossiers.verifyAuditChain().eventsChecked == 0)
            #expect(Self.files(under: folder).isEmpty)
            try await sql.delete(from: "dossier_files").where("id", .equal, staged.id).run()

            let again = try await Self.stage(storage, at: now)
            let filed = try await service.fileOnline(Fixtures.intakeRequest(channel: .online), staged: [0: again], by: .applicant, now: now).dossier
            let rows = try await store.dossierFiles.list(dossierID: filed.id)
            #expect(rows.map(\.id) == [again.id] && rows[0].storagePath == storage.storagePath(of: again))
            #expect(Self.files(under: folder) == [storage.storagePath(of: again)])
            #expect(try await storage.read(rows[0]) == Data(Self.pdf))
            #expect(filed.components.first { $0.index == 0 }?.fileIDs == [again.id])
        }
    }

    @Test("A validation error keeps the files staged for the form sent again; recovery moves files whose rows committed and removes what nothing claimed")
    func keptAndRecovered() async throws {
        try await TestDatabases.withStore(.sqlite) { store, db in
            try await Fixtures.loadUnits(into: store)
            try await Fixtures.loadProcedure(into: store)
            let folder = Fixtures.temporaryFolder()
            let storage = DiskFileStorage(dataDirectory: folder)
            let service = try await Fixtures.service(store, files: storage)
            var invalid = Fixtures.intakeRequest(channel: .online)
            invalid.applicant.idNumber = "12"
            let kept = try await Self.stage(storage, at: now)
            await #expect(throws: DomainError.self) { _ = try await service.fileOnline(invalid, staged: [0: kept], by: .applicant, now: now) }
            #expect(try await storage.staged(id: kept.id, owner: kept.owner) == kept)

            // A crash between the commit and the move: the row exists, the file is still in staging.
            let committed = try await Self.stage(storage, component: 1, at: now)
            let row = committed.record(dossierID: UUID(), storagePath: storage.storagePath(of: committed))
            try await (db as! any SQLDatabase).insert(into: "dossier_files").columns(
                "id", "component_index", "original_name", "content_type", "size", "sha256", "storage_path", "uploaded_by", "uploaded_at"
            )
            .values(
                SQLBind(row.id), SQLBind(row.componentIndex), SQLBind(row.originalName), SQLBind(row.kind.rawValue), SQLBind(row.size),
                SQLBind(row.sha256), SQLBind(row.storagePath), SQLBind(row.uploadedBy), SQLBind(row.uploadedAt)
            ).run()
            #expect(storage.url(of: row).path.contains("/staging/"))
            // An upload cut short left a partial file.
            let partial = storage.stagingDirectory.appendingPathComponent("\(UUID().uuidString.lowercased()).part")
            #expect(FileManager.default.createFile(atPath: partial.path, contents: Data([1, 2, 3])))

            let young = try await storage.recover(olderThan: now.addingTimeInterval(-86400)) { try await store.dossierFiles.exists(id: $0) }
            #expect(young.moved == 1)
            #expect(!storage.url(of: row).path.contains("/staging/") && FileManager.default.fileExists(atPath: storage.url(of: row).path))
            #expect(try await storage.staged(id: kept.id, owner: kept.owner) != nil)

            let later = try await storage.recover(olderThan: Date().addingTimeInterval(60)) { try await store.dossierFiles.exists(id: $0) }
            #expect(later.removed == 2)
            #expect(Self.files(under: folder) == [row.storagePath])
        }
    }
}
