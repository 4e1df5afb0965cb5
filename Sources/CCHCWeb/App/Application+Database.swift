import CCHCStore
import Fluent
import Vapor

/// Why the program cannot start, in one line an operator can act on.
public enum StartupError: Error, CustomStringConvertible {
    case databaseUnreachable(target: String, reason: String)
    case databaseNewerThanCode(unknownMigrations: [String])

    public var description: String {
        switch self {
        case .databaseUnreachable(let target, let reason):
            "Cannot use the database (\(target)): \(reason)"
        case .databaseNewerThanCode(let names):
            "The database was upgraded by a newer cchc (it has migrations this version does not know: "
                + names.joined(separator: ", ") + "). Run that newer version, or restore a backup made before the upgrade."
        }
    }
}

extension Application {
    /// Readies the database before anything uses it: the data folder, connection settings, a first query,
    /// the schema version check, and (when asked) the pending migrations.
    public func prepareDatabase(migrate: Bool) async throws {
        let target = config.database
        do {
            if case .sqlite(let path, _) = target {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try await DatabasePreparation.prepare(target, databases: databases, logger: logger)
            try await DatabasePreparation.ping(db)
        } catch {
            throw StartupError.databaseUnreachable(target: target.redactedDescription, reason: Self.oneLine(error))
        }
        let unknown = try await SchemaMigrations.unknownApplied(on: db)
        guard unknown.isEmpty else { throw StartupError.databaseNewerThanCode(unknownMigrations: unknown) }
        if migrate { try await autoMigrate() }
    }

    /// A driver's error as one short line (PostgreSQL's errors hide their cause from `description`).
    static func oneLine(_ error: any Error) -> String {
        let text = error is CocoaError || error is StartupError ? "\(error)" : String(reflecting: error)
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
