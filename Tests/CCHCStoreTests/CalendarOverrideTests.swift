import CCHCCore
import CCHCStore
import CCHCTestSupport
import Foundation
import Testing
import WorkCalendar

@Suite("Calendar overrides")
struct CalendarOverrideTests {
    let now = Fixtures.now
    let staff = User(username: "noivu", fullName: "Nội vụ", role: .reformStaff, unitID: nil, createdAt: Fixtures.now, updatedAt: Fixtures.now)

    func override(
        _ date: String, _ kind: CalendarOverride.Kind, name: String = "Theo quyết định mới", basis: String = "Quyết định 99/QĐ-TTg"
    ) -> CalendarOverride {
        CalendarOverride(date: Fixtures.day(date), kind: kind, name: name, legalBasis: basis)
    }

    @Test("Add, list, remove with a reason; history keeps everything", arguments: TestDatabases.kinds)
    func lifecycle(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let repository = store.calendarOverrides
            let before = try await repository.fingerprint()
            let added = try await repository.add(override("2027-02-11", .dayOff), by: staff, officeHours: .standard, now: now)
            #expect(try await repository.active().map(\.id) == [added.id])
            #expect(try await repository.fingerprint() != before)

            let afterAdd = try await repository.fingerprint()
            await #expect(throws: DomainError.validation([FieldError("reason", "error.required")])) {
                _ = try await repository.remove(id: added.id, reason: "  ", by: staff, now: now)
            }
            let removed = try await repository.remove(id: added.id, reason: "Nhập nhầm ngày", by: staff, now: now)
            #expect(removed.removedByUsername == "noivu" && removed.removalReason == "Nhập nhầm ngày" && !removed.isActive)
            #expect(try await repository.active().isEmpty)
            #expect(try await repository.history(year: 2027).map(\.id) == [added.id])
            #expect(try await repository.history(year: 2026).isEmpty)
            #expect(try await repository.fingerprint() != afterAdd)
            await #expect(throws: DomainError(.conflict, "calendar.override.already_removed")) {
                _ = try await repository.remove(id: added.id, reason: "lần nữa", by: staff, now: now)
            }
        }
    }

    @Test("An override must change the day, carry a legal basis, and be the only one for its date", arguments: TestDatabases.kinds)
    func rules(kind: DatabaseKind) async throws {
        try await TestDatabases.withStore(kind) { store, _ in
            let repository = store.calendarOverrides
            func codes(_ override: CalendarOverride) async -> [String] {
                do {
                    _ = try await repository.add(override, by: staff, officeHours: .standard, now: now)
                    return []
                } catch let error as DomainError {
                    return error.fields.map(\.code)
                } catch {
                    return ["\(error)"]
                }
            }
            #expect(await codes(override("2026-02-17", .dayOff)) == ["calendar.override.already_off"])
            #expect(await codes(override("2026-03-02", .workday)) == ["calendar.override.already_worked"])
            #expect(await codes(override("2026-03-03", .cancelDayOff)) == ["calendar.override.nothing_to_cancel"])
            #expect(await codes(override("2026-03-04", .dayOff, name: "", basis: "")) == ["error.required", "error.required"])
            #expect(await codes(override("1990-03-05", .dayOff)) == ["calendar.year_unsupported"])
            #expect(await codes(override("2026-11-24", .cancelDayOff)).isEmpty)
            #expect(await codes(override("2026-11-24", .dayOff)) == ["calendar.override.exists"])
            #expect(await codes(override("2026-03-07", .workday)).isEmpty)
            let calendar = WorkingCalendar(overrides: try await repository.active().map(\.override))
            #expect(calendar.isWorkingDay(Fixtures.day("2026-11-24")) && calendar.isWorkingDay(Fixtures.day("2026-03-07")))
        }
    }
}
