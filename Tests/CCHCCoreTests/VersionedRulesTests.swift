import Foundation
import Testing
import WorkCalendar

@testable import CCHCCore

@Suite("Versioned rules and the province's settings")
struct VersionedRulesTests {
    typealias World = DossierWorld

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static func version(_ number: Int, _ from: String, _ to: String? = nil, _ rules: ProvinceSettings = .standard) -> ProvinceSettingsVersion {
        ProvinceSettingsVersion(
            version: number, effectiveFrom: day(from), effectiveTo: to.map(day), rules: rules, setBy: "admin", reason: "Lý do", setAt: World.epoch)
    }

    @Test("One rule says which version is in force: from its first day up to the day before the next one's")
    func inForce() {
        let versions = [Self.version(1, "2000-01-01", "2026-06-01"), Self.version(2, "2026-06-01", "2027-01-01"), Self.version(3, "2027-01-01")]
        #expect(versions.inForce(on: Self.day("1999-12-31")) == nil)
        #expect(versions.inForce(on: Self.day("2026-05-31"))?.version == 1)
        #expect(versions.inForce(on: Self.day("2026-06-01"))?.version == 2)
        #expect(versions.inForce(on: Self.day("2030-01-01"))?.version == 3)
        // Procedures use the same rule.
        var next = World.procedure
        next.version = 2
        next.effectiveFrom = Self.day("2026-06-01")
        var first = World.procedure
        first.effectiveTo = VersionRules.closing(first, whenNextStarts: next.effectiveFrom)
        #expect([first, next].inForce(on: Self.day("2026-05-31"))?.version == 1)
        #expect([first, next].inForce(on: Self.day("2026-06-01"))?.version == 2)
    }

    @Test("A new version: after the latest, not before today, with a reason, by the version the user saw")
    func adding() throws {
        let history = ProvinceSettingsHistory([Self.version(1, "2000-01-01")])
        let now = World.at("2026-03-02 09:00")
        let (added, closed) = try history.adding(
            .standard, effectiveFrom: Self.day("2026-04-01"), reason: " QĐ 12/QĐ-UBND ", setBy: "admin", now: now, expectedLatest: 1)
        #expect(added.version == 2 && added.reason == "QĐ 12/QĐ-UBND" && added.effectiveTo == nil)
        #expect(closed?.version == 1 && closed?.effectiveTo == Self.day("2026-04-01"))

        func fields(_ body: () throws -> Any) -> [String] {
            do {
                _ = try body()
                return []
            } catch let error as DomainError {
                return error.fields.map(\.field) + (error.kind == .conflict ? ["conflict"] : [])
            } catch {
                return ["?"]
            }
        }
        #expect(
            fields { try history.adding(.standard, effectiveFrom: Self.day("2026-03-01"), reason: "x", setBy: "a", now: now, expectedLatest: 1) } == [
                "effectiveFrom"
            ])
        #expect(
            fields { try history.adding(.standard, effectiveFrom: Self.day("2026-04-01"), reason: " ", setBy: "a", now: now, expectedLatest: 1) } == ["reason"])
        #expect(
            fields { try history.adding(.standard, effectiveFrom: Self.day("2026-04-01"), reason: "x", setBy: "a", now: now, expectedLatest: nil) } == [
                "conflict"
            ])
        #expect(
            fields { try history.adding(.standard, effectiveFrom: Self.day("2000-01-01"), reason: "x", setBy: "a", now: now, expectedLatest: 1) } == [
                "effectiveFrom"
            ])
    }

    @Test("Settings name every value that cannot be used")
    func settingsErrors() {
        var settings = ProvinceSettings.standard
        #expect(settings.errors().isEmpty)
        settings.maximumSupplementRequests = 0
        settings.nearingDueHours = 401
        settings.ratingBands = [.init(minimum: 20, label: "A"), .init(minimum: 5, label: " "), .init(minimum: 5, label: "C")]
        #expect(
            settings.errors().map(\.field) == [
                "maximumSupplementRequests", "nearingDueHours", "ratingBands.0.minimum", "ratingBands.1.label", "ratingBands.2.minimum",
            ])
        settings.ratingBands = []
        #expect(!settings.errors().map(\.field).contains { $0.hasPrefix("ratingBands") })
    }

    @Test("Deadlines are counted under the version in force when the clock starts, and name it; later versions leave them be")
    func deadlinesByEffectiveDate() throws {
        var short = ProvinceSettings.standard
        short.officeHours = try OfficeHours(parsing: "07:30-11:30,13:30-17:00")
        short.maximumSupplementRequests = 2
        let book = DossierRuleBook(
            settings: ProvinceSettingsHistory([Self.version(1, "2000-01-01", "2026-03-04"), Self.version(2, "2026-03-04", nil, short)]),
            calendar: World.calendar)
        func accept(_ dossier: Dossier, at time: String) throws -> Dossier {
            try DossierMachine.apply(
                .accept, to: dossier, by: .staff(World.desk),
                context: book.context(
                    for: dossier, procedure: World.procedure, tree: World.tree, now: World.at(time))
            ).dossier
        }
        // Accepted Monday 09:00 under version 1: three working days of 8 hours, due Thursday 09:00.
        let before = try accept(try World.intake(at: "2026-03-02 08:00"), at: "2026-03-02 09:00")
        #expect(before.settingsVersion == 1 && World.local(before.dueAt) == "2026-03-05 09:00")
        // Accepted Wednesday 07:10 under version 2, whose day opens at 07:30: counting starts then, and three
        // whole days of office time end at Friday's closing (under version 1 it would be Monday 07:10).
        let after = try accept(try World.intake(at: "2026-03-04 07:00"), at: "2026-03-04 07:10")
        #expect(after.settingsVersion == 2 && World.local(after.dueAt) == "2026-03-06 17:00")
        #expect(World.local(after.stepDueAt.first) == "2026-03-04 11:30")
        // An action on the first dossier once version 2 is in force keeps version 1's deadlines, but the
        // rules of the day apply to the action itself (a second supplement request is allowed now).
        let asked = try DossierMachine.apply(
            .requestSupplement(items: ["Bản vẽ"], reason: "Thiếu"), to: before, by: .staff(World.desk),
            context: book.context(for: before, procedure: World.procedure, tree: World.tree, now: World.at("2026-03-04 10:00"))
        ).dossier
        let back = try DossierMachine.apply(
            .receiveSupplement(note: ""), to: asked, by: .staff(World.desk),
            context: book.context(for: asked, procedure: World.procedure, tree: World.tree, now: World.at("2026-03-04 11:00"))
        ).dossier
        #expect(back.settingsVersion == 1 && World.local(back.dueAt) == "2026-03-05 10:00")
        let context = book.context(for: back, procedure: World.procedure, tree: World.tree, now: World.at("2026-03-04 14:00"))
        #expect(context.settings.maximumSupplementRequests == 2 && context.clock.calendar.officeHours.daySeconds == 8 * 3600)
        #expect(!DossierPolicy.usedUp(.requestSupplement, on: back, settings: context.settings))
    }
}
