import ArgumentParser
import CCHCCore
import Foundation
import WorkCalendar

/// `cchc index rebuild|show`: the real-time service index's counters recomputed from the events, and a
/// unit's scores for a period printed as the API computes them.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "The real-time service index (QĐ 766): rebuild its counters, print a unit's scores.",
        subcommands: [Rebuild.self, Show.self, Check.self, BackTest.self])

    struct Rebuild: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the index's counters from the stored events, with progress (`projections rebuild service_index`).",
            discussion: "Dossier writes wait while it runs (it holds the write lock): run it when the desk is quiet.")

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let counts = try await environment.withApplication { app in
                try await app.store.projections.rebuild([ServiceIndexCounters.name], progress: ProgressLine(environment.print).report)
            }
            environment.print("Rebuilt \(ServiceIndexCounters.name): \(counts[ServiceIndexCounters.name] ?? 0) counters.")
        }
    }

    struct Show: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(abstract: "Print a unit's index for a period, indicator by indicator.")

        @Option(help: "The unit's code (the province when left out).")
        var unit: String?

        @Option(help: "2026, 2026-Q3, 2026-H1, 2026-9M, 2026-09, 2026-01-01..2026-06-30 or 2026-report-Q1 (this year when left out).")
        var period: String?

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let (unitCode, periodText) = (unit, period)
            let lines = try await environment.withApplication { app in
                let service = ServiceIndexService(store: app.store)
                let context = try await service.context(try await service.period(periodText, now: app.clock.now))
                let unit = try ServiceIndexPages.unit(unitCode, tree: context.tree)
                let score = context.calculator.score(unit.id)
                func n(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
                var lines = [
                    "\(unit.code) \(unit.name), \(context.period.start)..\(context.period.end), indicator set version \(context.set.version)",
                    "total \(n(score.total)) of \(n(score.measuredMaximum)) measured (100 in all)",
                ]
                for result in score.indicators {
                    let name = context.set.rules.indicator(result.code)?.nameEn ?? ""
                    lines.append(
                        result.hasData
                            ? "\(result.code)\t\(n(result.numerator)) / \(n(result.denominator))\tratio \(n(result.ratio))\tscore \(n(result.score)) of \(n(result.maximum))\t\(name)"
                            : "\(result.code)\tno data\t\t\tof \(n(result.maximum))\t\(name)")
                }
                return lines
            }
            lines.forEach(environment.print)
        }
    }

    struct Check: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count a period's figures from the counters and again by reading every dossier; compare them and the time each took.",
            discussion: "Exits with status 1 when they differ. Reads every accepted dossier of the province up to the period's end.")

        @Option(help: "The period (this year when left out).")
        var period: String?

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let periodText = period
            let (lines, agree) = try await environment.withApplication { app in
                let service = ServiceIndexService(store: app.store)
                let period = try await service.period(periodText, now: app.clock.now)
                let clock = ContinuousClock()
                let countersStart = clock.now
                let context = try await service.context(period)
                let countersTime = clock.now - countersStart
                let scanStart = clock.now
                let (scanned, dossiers) = try await service.countFromDossiers(period, tree: context.tree)
                let scanTime = clock.now - scanStart
                let agree = scanned.withoutZeros == context.calculator.counts.dossiersOnly.withoutZeros
                let ratio = scanTime / countersTime
                return (
                    [
                        "period \(period.start)..\(period.end): counters read in \(countersTime.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))",
                        "\(dossiers) dossiers read and counted in \(scanTime.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1)))) (\(Int(ratio))× the counters)",
                        agree ? "the figures agree" : "the figures DIFFER: `cchc index rebuild` recomputes the counters from the events",
                    ], agree
                )
            }
            lines.forEach(environment.print)
            if !agree { throw CommandFailure(description: "The counters differ from the dossiers.") }
        }
    }

    struct BackTest: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            commandName: "backtest", abstract: "Replay the at-risk forecast on finished dossiers: precision and recall.",
            discussion: """
                Finished dossiers are ordered by when they finished; step durations are learnt from the first half and the
                forecast is made for each dossier of the second half at the moment --share of its allowed time had passed.
                The same is done with each step's allowance alone, for comparison.
                """)

        @Option(help: "How much of the allowed time had passed when the forecast is made.")
        var share = 0.5

        @Option(help: "Finished dossiers to read at most.")
        var limit = 200_000

        func run() async throws {
            try await run(.process)
        }

        func run(_ environment: CommandEnvironment) async throws {
            let (share, limit) = (self.share, self.limit)
            let lines = try await environment.withApplication { app in
                let store = app.store
                var finished: [Dossier] = []
                for queue in [DossierQuery.Queue.finished, .readyToReturn] {
                    var query = DossierQuery(scope: .province, queue: queue, limit: 500)
                    repeat {
                        let page = try await store.dossiers.list(query)
                        finished += page.items.filter { $0.finishedAt != nil }
                        query.cursor = page.nextCursor
                    } while query.cursor != nil && finished.count < limit
                }
                finished.sort { $0.finishedAt! < $1.finishedAt! }
                let (training, testing) = (finished.prefix(finished.count / 2), finished.suffix(finished.count - finished.count / 2))
                var procedures: [UUID: Procedure] = [:]
                for id in Set(finished.map(\.procedureID)) { procedures[id] = try await store.procedures.find(id: id) }
                let calendar = try await app.dossierService().clock(on: VietnamTime.localDate(of: app.clock.now)).calendar
                func line(_ label: String, _ result: AtRiskBackTest) -> String {
                    let percent = { (value: Double?) in value.map { String(format: "%.1f %%", $0 * 100) } ?? "-" }
                    return "\(label): \(result.cases) dossiers, precision \(percent(result.precision)), recall \(percent(result.recall)) "
                        + "(flagged and late \(result.truePositives), flagged but on time \(result.falsePositives), late but not flagged \(result.falseNegatives))"
                }
                let history = AtRiskBackTest.run(
                    testing, procedures: procedures, durations: StepDurations(learningFrom: training, calendar: calendar), calendar: calendar,
                    elapsedShare: share)
                let allowance = AtRiskBackTest.run(testing, procedures: procedures, durations: StepDurations(), calendar: calendar, elapsedShare: share)
                return [
                    "learnt from \(training.count) finished dossiers, tested on \(testing.count), at \(Int(share * 100)) % of the allowed time",
                    line("step durations from history", history), line("step allowances only", allowance),
                ]
            }
            lines.forEach(environment.print)
        }
    }
}
