import ArgumentParser
import CCHCDemo
import Vapor

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Migrate the database if needed, then serve the web pages and the API.")

    @ArgumentParser.Option(help: "Address to listen on (default: HOST, or 127.0.0.1).")
    var host: String?

    @ArgumentParser.Option(help: "Port to listen on (default: PORT, or 8080).")
    var port: Int?

    @ArgumentParser.Flag(help: "Demo mode: load the demo province and accounts the first time, and let demo accounts log in.")
    var demo = false

    @ArgumentParser.Option(help: "With --demo: how many demo dossiers to make when the database has none.")
    var demoDossiers = DemoData.defaultDossiers

    func run() async throws {
        try await run(.process)
    }

    func run(_ environment: CommandEnvironment) async throws {
        var environment = environment
        if let host { environment.variables["HOST"] = host }
        if let port { environment.variables["PORT"] = String(port) }
        let demoMode = demo
        let dossiers = demoDossiers
        let output = environment.print
        try await environment.withApplication(demoMode: demoMode) { app in
            if demoMode {
                // Counting a large database's dossiers reads its whole index: only when some are to be made.
                if dossiers > 0, try await app.store.dossiers.count() == 0 {
                    output("Making \(dossiers) demo dossiers (once, under a minute)...")
                }
                let result = try await DemoData.load(
                    store: app.store, hasher: app.services.hasher, now: app.clock.now, dossiers: dossiers, service: try await app.dossierService())
                if let summary = result.summary { output("Demo data loaded: \(summary).") }
                output("DEMO MODE. Demo accounts (username, password, role):\n\(DemoData.accountList)")
            }
            let config = app.config
            if config.deadlineJobInterval > 0 {
                app.lifecycle.use(DeadlineJob(interval: .seconds(config.deadlineJobInterval)))
            }
            if config.notifications.interval > 0 {
                app.lifecycle.use(NotificationJob(interval: .seconds(config.notifications.interval)))
            }
            output("cchc serving on http://\(config.host):\(config.port) (\(config.database.redactedDescription))")
            try await app.execute()
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations not yet applied, or revert the last batch with --revert.")

    @ArgumentParser.Flag(help: "Revert the last batch of migrations (this deletes the data in the tables they created).")
    var revert = false

    @ArgumentParser.Flag(help: "Do not ask before reverting.")
    var yes = false

    func run() async throws {
        try await run(.process)
    }

    func run(_ environment: CommandEnvironment) async throws {
        let (revert, yes) = (self.revert, self.yes)
        try await environment.withApplication(migrate: false) { app in
            try await app.migrator.setupIfNeeded().get()
            if revert {
                let names = try await app.migrator.previewRevertLastBatch().get().map(\.0.name)
                guard !names.isEmpty else { return environment.print("Nothing to revert.") }
                environment.print("Reverting: \(names.joined(separator: ", "))")
                if !yes {
                    environment.print("This deletes the data in those tables. Type yes to continue:")
                    guard environment.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                        throw CommandFailure(description: "Cancelled; nothing was reverted.")
                    }
                }
                try await app.migrator.revertLastBatch().get()
                environment.print("Reverted \(names.count) migrations.")
            } else {
                let names = try await app.migrator.previewPrepareBatch().get().map(\.0.name)
                guard !names.isEmpty else { return environment.print("The database is up to date.") }
                try await app.migrator.prepareBatch().get()
                environment.print("Applied: \(names.joined(separator: ", "))")
            }
        }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Demo data.", subcommands: [Load.self, Synth.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the demo province and demo accounts (nothing happens if they are already there).",
            discussion: "Demo accounts can log in only while the server runs with `serve --demo`.")

        func run() async throws {
            try await run(.process)
        }

        @ArgumentParser.Option(help: "How many demo dossiers to make when the database has none.")
        var dossiers = DemoData.defaultDossiers

        func run(_ environment: CommandEnvironment) async throws {
            let dossiers = self.dossiers
            try await environment.withApplication() { app in
                let result = try await DemoData.load(
                    store: app.store, hasher: app.services.hasher, now: app.clock.now, dossiers: dossiers, service: try await app.dossierService())
                environment.print("Demo data: \(result.summary ?? "nothing new") created.")
                environment.print("Demo accounts (log in only with `cchc serve --demo`):\n\(DemoData.accountList)")
            }
        }
    }
}
