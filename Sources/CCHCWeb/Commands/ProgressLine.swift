import Foundation
import Synchronization

/// "events 1200000/9750000 (12 %), 10400 a second, about 14 min left": a line every tenth of the way, and
/// in between every whole percent once `interval` has passed since the last line, so that a rebuild or a
/// synth that runs for an hour shows it is moving.
final class ProgressLine: Sendable {
    let print: @Sendable (String) -> Void
    /// What is counted: "events", "dossiers".
    let noun: String
    let interval: Duration
    private let state: Mutex<State>

    private struct State {
        let started = ContinuousClock.now
        var lastPrinted = ContinuousClock.now
        var lastTenth = -1
        var lastPercent = -1
    }

    init(_ print: @escaping @Sendable (String) -> Void, noun: String = "events", interval: Duration = .seconds(10)) {
        self.print = print
        self.noun = noun
        self.interval = interval
        state = Mutex(State())
    }

    var report: @Sendable (Int, Int) -> Void {
        { done, total in self.advance(done, of: total) }
    }

    private func advance(_ done: Int, of total: Int) {
        let percent = total == 0 ? 100 : done * 100 / total
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            let tenth = percent / 10
            let due = tenth > state.lastTenth || (percent > state.lastPercent && now - state.lastPrinted >= interval)
            guard due else { return nil }
            (state.lastTenth, state.lastPercent, state.lastPrinted) = (max(state.lastTenth, tenth), percent, now)
            return "\(noun) \(done)/\(total) (\(percent) %)" + Self.pace(done: done, total: total, elapsed: now - state.started)
        }
        if let line { print(line) }
    }

    /// ", 10400 a second, about 14 min left" once a second of work has been seen; nothing at the end.
    private static func pace(done: Int, total: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds >= 1, done > 0, done < total else { return "" }
        let rate = Double(done) / seconds
        let left = Int((Double(total - done) / rate / 60).rounded(.up))
        return ", \(Int(rate)) a second, about \(left) min left"
    }
}
