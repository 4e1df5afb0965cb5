import ArgumentParser
import CCHCCore
import CCHCDemo
import Foundation

extension DemoCommand {
    /// `cchc demo synth --dossiers N`: a year of demo histories at the size of a province (a million, ten
    /// million), told through the same state machine as `serve --demo`'s, with progress.
    struct Synth: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make N dossiers with a year of realistic histories (for benchmarks), into an empty database.",
            discussion: """
                Loads the demo province, accounts and procedures if missing, then tells each dossier's story through the \
                state machine (intake, steps, supplements, payments, late steps, apologies, returns, ratings) in memory, \
                fifty dossiers at a time, and writes each batch's histories at once through the dossiers' write path \
                (rows, events on the audit chain, the service index's counters). The database must hold no dossier yet.
                """)

        @ArgumentParser.Option(help: "How many dossiers to make.")
        var dossiers: Int

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            guard dossiers > 0 else { throw ValidationError("--dossiers must be at least 1.") }
            let count = dossiers
            try await environment.withApplication { app in
                let existing = try await app.store.dossiers.count()
                guard existing == 0 else {
                    throw CommandFailure(description: "The database holds \(existing) dossiers already; synth fills an empty one (a new CCHC_DATA_DIR).")
                }
                let started = Date()
                let result = try await DemoData.load(
                    store: app.store, hasher: app.services.hasher, now: app.clock.now, dossiers: count, service: try await app.dossierService(),
                    progress: ProgressLine(environment.print, noun: "dossiers").report)
                let seconds = max(Date().timeIntervalSince(started), 0.001)
                environment.print(
                    "Made \(result.dossiersCreated) dossiers in \(Int(seconds.rounded())) s (\(Int(Double(result.dossiersCreated) / seconds)) a second).")
            }
        }
    }
}
