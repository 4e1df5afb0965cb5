import CCHCCore
import CCHCTestSupport
import Foundation
import SQLiteEngine
import Testing

@testable import CCHCWeb

@Suite("Backup and restore")
struct BackupTests {
    /// Every upload under `data` by its path inside it, with its SHA-256.
    static func uploads(_ data: String) -> [String: String] {
        let root = URL(fileURLWithPath: data).appendingPathComponent("uploads")
        var found: [String: String] = [:]
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) ?? FileManager.DirectoryEnumerator()
        where !url.hasDirectoryPath && !url.path.contains("/staging/") {
            found[String(url.path.dropFirst(root.path.count))] = BackupManifest.checksum(of: url)
        }
        return found
    }

    @Test("SQLite: a backup restored onto an empty data folder has the same rows, the same files and an intact audit chain")
    func sqlite() async throws {
        let original = CommandRunner(.sqlite)
        try await original.run(["demo", "load", "--dossiers", "40"])
        try await original.run(["audit", "verify"])
        let events = try #require(original.printed.split(separator: "\n").last { $0.hasPrefix("Audit chain intact") })
        let data = try #require(original.variables["CCHC_DATA_DIR"])
        #expect(!Self.uploads(data).isEmpty)

        let folder = Fixtures.temporaryFolder() + "/backup"
        try await original.run(["backup", "--to", folder])
        #expect(original.printed.contains("Backed up the sqlite database ("))
        // Into a folder that holds something already: refused.
        await #expect(throws: (any Error).self) { try await original.run(["backup", "--to", folder]) }

        let restored = CommandRunner(.sqlite)
        let restoredData = try #require(restored.variables["CCHC_DATA_DIR"])
        try await restored.run(["restore", "--from", folder])
        #expect(restored.printed.contains("checksums verified"))
        #expect(try SQLiteBackup.rowCounts(path: restoredData + "/cchc.sqlite") == SQLiteBackup.rowCounts(path: data + "/cchc.sqlite"))
        #expect(Self.uploads(restoredData) == Self.uploads(data))
        try await restored.run(["audit", "verify"])
        #expect(restored.printed.split(separator: "\n").last { $0.hasPrefix("Audit chain intact") } == events)
        // Not onto a database that exists.
        await #expect(throws: (any Error).self) { try await restored.run(["restore", "--from", folder]) }

        // A damaged file in the backup is named, and nothing is restored.
        let manifest = try BackupManifest.read(from: URL(fileURLWithPath: folder))
        let damaged = try #require(manifest.files.first)
        try Data("changed".utf8).write(to: URL(fileURLWithPath: folder + "/files/" + damaged.path))
        let third = CommandRunner(.sqlite)
        await #expect(throws: (any Error).self) { try await third.run(["restore", "--from", folder]) }
    }

    @Test(
        "PostgreSQL: pg_dump of one snapshot with its row counts; refused onto a schema in use; after losing the schema, restored with the same rows, files and audit chain",
        .enabled(if: TestDatabases.postgresURL != nil))
    func postgres() async throws {
        let cli = CommandRunner(.postgres)
        guard case .postgres(let url, let schema?) = cli.target else { return }
        let data = Fixtures.temporaryFolder() + "/data"
        let files = ["CCHC_DATA_DIR": data]
        try await cli.run(["demo", "load", "--dossiers", "40"], extra: files)
        try await cli.run(["audit", "verify"], extra: files)
        let events = try #require(cli.printed.split(separator: "\n").last { $0.hasPrefix("Audit chain intact") })
        #expect(!Self.uploads(data).isEmpty)

        let folder = Fixtures.temporaryFolder() + "/backup"
        try await cli.run(["backup", "--to", folder], extra: files)
        #expect(cli.printed.contains("Backed up the postgres database ("))
        let manifest = try BackupManifest.read(from: URL(fileURLWithPath: folder))
        #expect(manifest.schema == schema)
        #expect((manifest.tables["dossiers"] ?? 0) >= 40)

        // Onto the schema still in use: refused, nothing touched.
        let refused = await #expect(throws: (any Error).self) { try await cli.run(["restore", "--from", folder], extra: files) }
        #expect(refused.map { "\($0)" }?.contains("already holds") == true)

        // The schema is lost; the restore brings back every row, every file and the chain.
        try BackupManifest.runTool("psql", ["--quiet", url, "-c", "DROP SCHEMA \"\(schema)\" CASCADE"])
        let restoredData = Fixtures.temporaryFolder() + "/data"
        try await cli.run(["restore", "--from", folder], extra: ["CCHC_DATA_DIR": restoredData])
        #expect(cli.printed.contains("row counts as backed up"))
        #expect(Self.uploads(restoredData) == Self.uploads(data))
        try await cli.run(["audit", "verify"], extra: ["CCHC_DATA_DIR": restoredData])
        #expect(cli.printed.split(separator: "\n").last { $0.hasPrefix("Audit chain intact") } == events)
        try BackupManifest.runTool("psql", ["--quiet", url, "-c", "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"])
    }
}
