import CCHCCore
import CCHCTestSupport
import Foundation
import SQLKit
import Testing
import Vapor

@testable import CCHCWeb

@Suite("cchc index")
struct IndexCommandTests {
    @Test(
        "show prints a unit's figures; check finds the counters equal to the dossiers, then names a damaged counter; rebuild mends it",
        arguments: TestDatabases.kinds)
    func showCheckRebuild(kind: DatabaseKind) async throws {
        let cli = CommandRunner(kind)
        try await TestApp.with(target: cli.target, keepDatabase: true) { app, _ in
            try await ServiceIndexTests.scenario(app)
        }
        try await cli.run(["index", "show", "--unit", Fixtures.landCode, "--period", "2026-11"])
        #expect(cli.printed.contains("indicator set version 1") && cli.printed.contains("2.1\t1.00 / 3.00"))
        try await cli.run(["index", "check", "--period", "2026-11"])
        #expect(cli.printed.contains("3 dossiers read") && cli.printed.contains("the figures agree"))
        try await TestApp.with(target: cli.target, keepDatabase: true) { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE projection_counters SET value = value + 7 WHERE projection = 'service_index'").run()
        }
        await #expect(throws: (any Error).self) { try await cli.run(["index", "check", "--period", "2026-11"]) }
        try await cli.run(["index", "rebuild"])
        #expect(cli.printed.contains("Rebuilt service_index"))
        try await cli.run(["index", "check", "--period", "2026-11"])
        #expect(cli.printed.components(separatedBy: "the figures agree").count == 3)
        try await TestApp.with(target: cli.target) { _, _ in }  // and the test database goes
    }
}
