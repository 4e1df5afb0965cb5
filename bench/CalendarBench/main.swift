import Foundation
import WorkCalendar

// Deadline arithmetic throughput on one thread: 30-working-day deadlines from start instants spread over
// 2020–2029 (a fresh instant each time, so nothing is cached), best of several runs.
//
//     swift run -c release CalendarBench [deadlines per run] [runs]

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let perRun = arguments.first ?? 5_000_000
let runs = arguments.dropFirst().first ?? 5

let buildStart = ContinuousClock.now
let calendar = WorkingCalendar()
let buildTime = ContinuousClock.now - buildStart

// Start instants: every 7 minutes and 13 seconds from 2020-01-01, wrapping after ten years.
let origin = VietnamTime.instant(on: LocalDate(year: 2020, month: 1, day: 1)!).timeIntervalSince1970
let span = 10 * 365 * 86400.0
func start(_ index: Int) -> Date {
    Date(timeIntervalSince1970: origin + (Double(index) * 433).truncatingRemainder(dividingBy: span))
}

func measure(_ name: String, _ body: (Int) -> Date) {
    var best = Double.infinity
    var checksum = 0.0
    for _ in 0..<runs {
        let begin = ContinuousClock.now
        for index in 0..<perRun {
            checksum += body(index).timeIntervalSince1970
        }
        let elapsed = ContinuousClock.now - begin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds)
    }
    let rate = Double(perRun) / best
    print(
        "\(name): \(Int(rate).formatted()) per second (best of \(runs) runs of \(perRun.formatted()); \(String(format: "%.1f", best / Double(perRun) * 1e9)) ns each; checksum \(Int(checksum) % 1000))"
    )
}

print("Calendar tables built in \(buildTime) (years \(calendar.schedule.years))")
measure("30 working days") { calendar.deadline(from: start($0), .workingDays(30)) }
measure("30 working days, 15:00 cut-off") { calendar.deadline(from: start($0), .workingDays(30), policy: DeadlinePolicy(cutoff: 15 * 3600)) }
let pause = [DateInterval(start: Date(timeIntervalSince1970: origin + 86400 * 40), duration: 86400 * 3)]
measure("30 working days, one pause") { calendar.deadline(from: start($0), .workingDays(30), pauses: pause) }
measure("15 calendar days") { calendar.deadline(from: start($0), .calendarDays(15)) }
