import CCHCCore
import CCHCTestSupport
import Foundation
import Testing
import Vapor
import WorkCalendar

@testable import CCHCWeb

@Suite("cchc demo synth")
struct DemoSynthCommandTests {
    @Test(
        "Makes the histories with progress into an empty database, counted by the index as the dossiers say; refuses a database that has dossiers",
        arguments: TestDatabases.kinds)
    func synth(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await cli.run(["demo", "synth", "--dossiers", "120"])
        #expect(cli.printed.contains("dossiers 120/120 (100 %)") && cli.printed.contains("Made 120 dossiers"))
        try await TestApp.with(target: cli.target, keepDatabase: true) { app, _ in
            #expect(try await app.store.dossiers.count() == 120)
            let events = try await app.store.dossiers.list(DossierQuery(scope: .province, limit: 200)).items.map(\.status)
            #expect(Set(events).count > 3, "the histories end in more than three states")
        }
        try await cli.run(["index", "check", "--period", String(VietnamTime.localDate(of: Date()).year)])
        #expect(cli.printed.contains("the figures agree"))
        await #expect(throws: (any Error).self) { try await cli.run(["demo", "synth", "--dossiers", "10"]) }
        try await TestApp.with(target: cli.target) { _, _ in }  // and the test database goes
    }
}
