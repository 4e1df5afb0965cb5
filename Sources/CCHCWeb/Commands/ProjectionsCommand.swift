import ArgumentParser
import CCHCCore
import Foundation

/// `cchc projections rebuild|check [NAME…]`: the counters dashboards read, recomputed from the events.
struct ProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections", abstract: "The counters derived from dossier events (queue counts, the service index's figures).",
        discussion: "Projections: \(DossierProjections.all.map(\.name).joined(separator: ", ")).",
        subcommands: [Rebuild.self, Check.self])

    struct Rebuild: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute projections from the stored events, replacing their counters.",
            discussion: "Dossier writes wait while it runs (it holds the write lock): run it when the desk is quiet.")

        @ArgumentParser.Argument(help: "Projections to rebuild (all when none is named).")
        var names: [String] = []

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let names = self.names
            let counts = try await environment.withApplication { app in
                try await app.store.projections.rebuild(names, progress: ProgressLine(environment.print).report)
            }
            for (name, count) in counts.sorted(by: { $0.key < $1.key }) { environment.print("Rebuilt \(name): \(count) counters.") }
        }
    }

    struct Check: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute projections from the events and compare them with the counters kept as events were written.",
            discussion: "Exits with status 1 and lists the counters that differ.")

        @ArgumentParser.Argument(help: "Projections to check (all when none is named).")
        var names: [String] = []

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let names = self.names
            let differences = try await environment.withApplication { app in
                try await app.store.projections.check(names, progress: ProgressLine(environment.print).report)
            }
            guard !differences.isEmpty else { return environment.print("Projections agree with the events.") }
            for difference in differences.prefix(20) {
                let key = difference.key
                environment.print(
                    "\(key.projection) \(key.counter) \(key.entity?.uuidString ?? "-") \(key.subject) \(key.day?.description ?? "-"): stored \(difference.stored), from the events \(difference.rebuilt)"
                )
            }
            throw CommandFailure(description: "\(differences.count) counters differ from the events; `cchc projections rebuild` recomputes them.")
        }
    }
}
