import ArgumentParser
import CCHCCore
import Foundation

/// `cchc audit verify`: checks every hash-chained log (dossier events, feedback events) and names the first broken link.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail of dossier events.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no dossier or feedback event was changed, removed or inserted since it was written.",
            discussion: "Exits with status 1 and names the first broken event when the chain does not hold.")

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let (dossiers, feedback) = try await environment.withApplication { app in
                (try await app.store.dossiers.verifyAuditChain(), try await app.store.feedback.verifyAuditChain())
            }
            for (name, result) in [("dossier events", dossiers), ("feedback events", feedback)] {
                guard let broken = result.firstBroken else { continue }
                let explanation =
                    switch broken.problem {
                    case "hash": "its content does not match its hash (the row was changed after it was written)"
                    case "link": "it does not point to the event before it (an event was removed or inserted)"
                    case "payload": "its typed payload no longer says what its hashed original (written before payloads were typed) says"
                    case "unreadable": "it cannot be read (its payload or facts are not of a shape this version knows)"
                    default: "it is missing (events were removed)"
                    }
                throw CommandFailure(
                    description:
                        "Audit chain of \(name) broken at event #\(broken.sequence): \(explanation). \(result.eventsChecked) events before it are intact.")
            }
            environment.print("Audit chain intact: \(dossiers.eventsChecked) events checked.")
            environment.print("Feedback audit chain intact: \(feedback.eventsChecked) events checked.")
        }
    }
}

/// `cchc dossiers flag-deadlines`: one run of the deadline job, for cron or a manual check.
struct DossiersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossiers", abstract: "Dossier maintenance.", subcommands: [FlagDeadlines.self])

    struct FlagDeadlines: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            commandName: "flag-deadlines",
            abstract: "Flag dossiers nearing their deadline and overdue now (what `serve` does every CCHC_DEADLINE_JOB_SECONDS).")

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let flagged = try await environment.withApplication { app in try await DeadlineJob.run(app) }
            environment.print("Flagged \(flagged.nearing) nearing their deadline and \(flagged.overdue) overdue.")
        }
    }
}
