import CCHCCore
import Foundation
import WorkCalendar

/// The demo province's settings history: after the first version, office hours half an hour later from
/// 1 June of the demo year (the same eight hours, so the procedures' step allowances still fit their
/// deadlines; dossiers accepted since are counted under version 2, and say so), and a nearing-deadline
/// warning twice as early, scheduled a month ahead.
enum DemoSettings {
    /// Versions added, none when the history already has more than its first.
    static func load(store: any Store, now: Date) async throws -> Int {
        let history = try await store.provinceSettings.history()
        guard let first = history.latest, history.versions.count == 1 else { return 0 }
        let today = VietnamTime.localDate(of: now)
        var summer = first.rules
        summer.officeHours = try OfficeHours(parsing: "07:30-11:30,13:30-17:30")
        let june = LocalDate(year: today.month >= 7 ? today.year : today.year - 1, month: 6, day: 1)!
        var earlyWarning = summer
        earlyWarning.nearingDueHours = 16
        var added = 0
        for (rules, from, reason) in [
            (summer, june, "Quyết định số 1234/QĐ-UBND ngày 20/5 về thời gian làm việc của cơ quan hành chính (demo)"),
            (earlyWarning, today.adding(days: 30), "Kết luận họp Ban Chỉ đạo quý III: cảnh báo hồ sơ sắp đến hạn sớm hơn (demo)"),
        ] {
            let latest = try await store.provinceSettings.history().latest!
            var closed = latest
            closed.effectiveTo = VersionRules.closing(latest, whenNextStarts: from)
            let setAt = VietnamTime.instant(on: min(from, today), secondsOfDay: 9 * 3600)
            try await store.provinceSettings.add(
                ProvinceSettingsVersion(version: latest.version + 1, effectiveFrom: from, rules: rules, setBy: "admin", reason: reason, setAt: setAt),
                closing: closed)
            added += 1
        }
        return added
    }
}
