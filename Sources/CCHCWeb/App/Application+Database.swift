import CCHCCore
import CCHCStore
import Fluent
import Vapor
import WorkCalendar

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
        if migrate {
            try await autoMigrate()
            try await bootstrapProvinceSettings()
            // The service index's first indicator set (QĐ 766, DOMAIN.md §4), where there is none.
            try await ServiceIndexService(store: store).bootstrap(now: clock.now)
            // The feedback deadlines' first version (indicator 5.2's), where there is none.
            try await FeedbackService(store: store, maximumLookupFailures: config.lookupMaximumFailures).bootstrap(now: clock.now)
            // The citizens' questionnaire (SIPAS, DOMAIN.md §6), where there is none.
            try await SurveyService(store: store).bootstrap(now: clock.now)
            // The periodic reports owed (CV 581/BNV-CCHC, DOMAIN.md §7), where no schedule exists.
            try await ReportService(store: store).bootstrap(now: clock.now)
            // The notifications' standard wording, where there is none.
            try await NotificationService(store: store).bootstrap(now: clock.now)
        }
    }

    /// The first version of the province's settings where there is none: the values the environment still
    /// sets from before they became versioned data (with a notice), or the standard ones. Once a version
    /// exists, those variables are ignored, with a warning naming them.
    func bootstrapProvinceSettings() async throws {
        let legacy = config.legacyProvinceSettings
        let names = legacy?.names.joined(separator: ", ") ?? ""
        let reason = legacy.map { _ in "Lấy từ biến môi trường \(names) khi nâng cấp" } ?? "Thiết lập mặc định"
        let created = try await ProvinceSettingsService(store: store).bootstrap(
            legacy?.settings ?? .standard, from: Self.firstSettingsDay, reason: reason, now: clock.now)
        if created != nil, legacy != nil {
            logger.notice(
                "Province settings version 1 made from \(names). These variables are no longer read: edit the settings at /admin/settings or through POST /api/v1/province-settings, and remove them from the environment."
            )
        } else if created == nil, legacy != nil {
            logger.warning("Ignoring \(names): the province's settings are versioned data now (/admin/settings, /api/v1/province-settings).")
        }
    }

    /// The first settings version applies from here, before any dossier a province could still hold.
    static let firstSettingsDay = LocalDate(year: 2000, month: 1, day: 1)!

    /// A driver's error as one short line (PostgreSQL's errors hide their cause from `description`).
    static func oneLine(_ error: any Error) -> String {
        let text = error is CocoaError || error is StartupError ? "\(error)" : String(reflecting: error)
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
