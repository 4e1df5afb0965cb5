import Synchronization
import Testing

@testable import CCHCWeb

@Suite("Progress lines of long commands")
struct ProgressLineTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    @Test("A line every tenth of the way; between tenths only new whole percents, and only once the interval has passed")
    func lines() {
        let often = Lines()
        let everyPercent = ProgressLine(often.append, noun: "events", interval: .zero).report
        for done in [0, 1, 1, 2, 9, 10, 11, 100] { everyPercent(done, 100) }
        #expect(
            often.all.map { $0.prefix(while: { $0 != "," }) } == [
                "events 0/100 (0 %)", "events 1/100 (1 %)", "events 2/100 (2 %)", "events 9/100 (9 %)", "events 10/100 (10 %)", "events 11/100 (11 %)",
                "events 100/100 (100 %)",
            ])

        let seldom = Lines()
        let everyTenth = ProgressLine(seldom.append, noun: "dossiers", interval: .seconds(3600)).report
        for done in [0, 5, 9, 10, 15, 20, 25, 100] { everyTenth(done, 100) }
        #expect(
            seldom.all.map { $0.prefix(while: { $0 != "," }) } == [
                "dossiers 0/100 (0 %)", "dossiers 10/100 (10 %)", "dossiers 20/100 (20 %)", "dossiers 100/100 (100 %)",
            ])
        // The last line has nothing left to estimate.
        #expect(seldom.all.last == "dossiers 100/100 (100 %)")
    }

    @Test("Nothing to do is done at once")
    func empty() {
        let lines = Lines()
        let report = ProgressLine(lines.append).report
        report(0, 0)
        report(0, 0)
        #expect(lines.all == ["events 0/0 (100 %)"])
    }
}
