import ArgumentParser
import CCHCStore
import Crypto
import Foundation
import SQLiteEngine

/// `cchc backup --to DIR` and `cchc restore --from DIR`: the database (SQLite through its online backup API,
/// consistent while the server runs; PostgreSQL through `pg_dump`) and the uploaded files, with a manifest of
/// every file's checksum and every table's row count, which the restore checks.
struct BackupCommand: AsyncParsableCommand, EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up the database and the uploaded files into a new folder.",
        discussion: "SQLite is copied while the server serves; PostgreSQL needs pg_dump on the PATH. Restore with `cchc restore --from DIR`.")

    @ArgumentParser.Option(help: "The folder to create (it must not exist or be empty).")
    var to: String

    func run() async throws {
        try await run(.process)
    }

    func run(_ environment: CommandEnvironment) async throws {
        let config = try AppConfig.load(from: environment.variables, demoMode: false)
        let folder = URL(fileURLWithPath: to)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw CommandFailure(description: "\(folder.path) is not empty; back up into a new folder.")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var manifest = BackupManifest(createdAt: Date(), database: "", tables: [:], files: [])
        switch config.database {
        case .sqlite(let path, _):
            manifest.database = "sqlite"
            try SQLiteBackup.copy(from: path, to: folder.appendingPathComponent(BackupManifest.sqliteName).path)
            manifest.tables = try SQLiteBackup.rowCounts(path: folder.appendingPathComponent(BackupManifest.sqliteName).path)
        case .postgres(let url, let schema):
            manifest.database = "postgres"
            manifest.schema = schema
            let file = folder.appendingPathComponent(BackupManifest.postgresName).path
            // The rows are counted in the very snapshot pg_dump copies, while the server goes on writing.
            manifest.tables = try await environment.withApplication(migrate: false) { app in
                try await DatabaseInventory.withExportedSnapshot(app.db) { snapshot, db in
                    let counts = try await DatabaseInventory.rowCounts(db, schema: schema)
                    try BackupManifest.runTool(
                        "pg_dump", ["--format=custom", "--no-owner", "--snapshot", snapshot, "--file", file] + (schema.map { ["--schema", $0] } ?? []) + [url])
                    return counts
                }
            }
        }
        manifest.files = try BackupManifest.copyFiles(from: URL(fileURLWithPath: config.dataDirectory), to: folder.appendingPathComponent("files"))
        try BackupManifest.write(manifest, to: folder)
        let rows = manifest.tables.values.reduce(0, +)
        environment.print(
            "Backed up the \(manifest.database) database\(manifest.tables.isEmpty ? "" : " (\(manifest.tables.count) tables, \(rows) rows)") and \(manifest.files.count) files into \(folder.path)."
        )
    }
}

struct RestoreCommand: AsyncParsableCommand, EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup onto an empty data folder or database.",
        discussion: "Every file's checksum and every table's row count are checked against the backup's manifest; run `cchc audit verify` after.")

    @ArgumentParser.Option(help: "The folder `cchc backup` wrote.")
    var from: String

    func run() async throws {
        try await run(.process)
    }

    func run(_ environment: CommandEnvironment) async throws {
        let config = try AppConfig.load(from: environment.variables, demoMode: false)
        let folder = URL(fileURLWithPath: from)
        let manifest = try BackupManifest.read(from: folder)
        let broken = manifest.files.filter { BackupManifest.checksum(of: folder.appendingPathComponent("files").appendingPathComponent($0.path)) != $0.sha256 }
        guard broken.isEmpty else {
            throw CommandFailure(description: "The backup is damaged: \(broken.map(\.path).joined(separator: ", ")) no longer match their checksums.")
        }
        switch config.database {
        case .sqlite(let path, _):
            guard manifest.database == "sqlite" else { throw CommandFailure(description: "This backup is of a \(manifest.database) database.") }
            if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0 {
                throw CommandFailure(description: "\(path) exists; restore onto an empty data folder.")
            }
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try SQLiteBackup.copy(from: folder.appendingPathComponent(BackupManifest.sqliteName).path, to: path)
            let counts = try SQLiteBackup.rowCounts(path: path)
            guard counts == manifest.tables else { throw CommandFailure(description: "The restored tables' row counts differ from the backup's.") }
        case .postgres(let url, let schema):
            guard manifest.database == "postgres" else { throw CommandFailure(description: "This backup is of a \(manifest.database) database.") }
            guard manifest.schema == schema else {
                throw CommandFailure(
                    description: "This backup is of the schema \(manifest.schema ?? "public"); set CCHC_DATABASE_SCHEMA=\(manifest.schema ?? "") to restore it."
                )
            }
            let file = folder.appendingPathComponent(BackupManifest.postgresName).path
            try await environment.withApplication(migrate: false) { app in
                let existing = try await DatabaseInventory.tables(app.db, schema: schema)
                guard existing.isEmpty else {
                    throw CommandFailure(
                        description:
                            "The database already holds \(existing.count) tables (\(existing.prefix(3).joined(separator: ", "))…); restore onto an empty database or schema."
                    )
                }
                if let schema { try await DatabaseInventory.dropEmptySchema(app.db, schema: schema) }
                try BackupManifest.runTool("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", url, file])
                let counts = try await DatabaseInventory.rowCounts(app.db, schema: schema)
                guard manifest.tables.isEmpty || counts == manifest.tables else {
                    throw CommandFailure(description: "The restored tables' row counts differ from the backup's.")
                }
            }
        }
        let data = URL(fileURLWithPath: config.dataDirectory)
        for file in manifest.files {
            let destination = data.appendingPathComponent(file.path)
            if FileManager.default.fileExists(atPath: destination.path) {
                guard BackupManifest.checksum(of: destination) == file.sha256 else {
                    throw CommandFailure(description: "\(destination.path) exists with other content; restore onto an empty data folder.")
                }
                continue
            }
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: folder.appendingPathComponent("files").appendingPathComponent(file.path), to: destination)
        }
        environment.print(
            "Restored the \(manifest.database) database\(manifest.tables.isEmpty ? "" : " (\(manifest.tables.count) tables, row counts as backed up)") and \(manifest.files.count) files, checksums verified. Run `cchc audit verify` next."
        )
    }
}

/// `manifest.json` of a backup folder.
struct BackupManifest: Codable {
    struct File: Codable, Equatable {
        var path: String
        var bytes: Int
        var sha256: String
    }

    static let sqliteName = "cchc.sqlite"
    static let postgresName = "cchc.pgdump"

    var createdAt: Date
    /// `sqlite` or `postgres`.
    var database: String
    /// The PostgreSQL schema backed up; nil for the server's default.
    var schema: String?
    /// Rows by table.
    var tables: [String: Int]
    var files: [File]

    /// Copies every committed upload (staging is left out) and lists it with its checksum.
    static func copyFiles(from data: URL, to destination: URL) throws -> [File] {
        let uploads = data.appendingPathComponent("uploads")
        guard let walker = FileManager.default.enumerator(at: uploads, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [File] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = "uploads/" + url.path.dropFirst(uploads.path.count + 1)
            guard !relative.hasPrefix("uploads/staging/") else { continue }
            let target = destination.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: url, to: target)
            let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
            files.append(File(path: relative, bytes: size, sha256: checksum(of: target)))
        }
        return files.sorted { $0.path < $1.path }
    }

    static func checksum(of url: URL) -> String {
        guard let data = try? Data(contentsOf: url) else { return "" }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func write(_ manifest: BackupManifest, to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(manifest).write(to: folder.appendingPathComponent("manifest.json"), options: .atomic)
    }

    static func read(from folder: URL) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")), let manifest = try? decoder.decode(Self.self, from: data)
        else { throw CommandFailure(description: "\(folder.path) holds no backup manifest (manifest.json).") }
        return manifest
    }

    /// Runs a PostgreSQL client tool found on the PATH; its error output becomes the failure.
    static func runTool(_ name: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw CommandFailure(description: "\(name) could not be started: \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw CommandFailure(description: "\(name) failed (\(process.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
