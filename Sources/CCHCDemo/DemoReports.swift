import CCHCCore
import Foundation
import WorkCalendar

/// Last quarter's reports: a few departments' sent, all on time but the last, the rest missing; then the
/// province's, drafted by Home Affairs from the figures (which list who sent theirs), written, approved by
/// its director and sent before the due day. The province then asks for a nine-month report too (a second
/// version of the schedule).
struct DemoReports {
    let store: any Store
    let now: Date

    func generate() async throws -> Int {
        guard let staff = try await store.users.find(username: "noivu") else { return 0 }
        let service = ReportService(store: store)
        try await service.bootstrap(now: now)
        let today = VietnamTime.localDate(of: now)
        // The latest period already due: this year's or last year's.
        var owed = try await service.periods(year: today.year).periods.filter { $0.dueOn < today }
        if owed.isEmpty { owed = try await service.periods(year: today.year - 1).periods }
        guard let due = owed.max(by: { $0.dueOn < $1.dueOn }) else { return 0 }
        let leaders = try await DemoStaffDirectory(store: store)
        let tree = try await store.units.tree()
        func instant(_ day: LocalDate, hour: Int) -> Date { VietnamTime.instant(on: day, secondsOfDay: hour * 3600) }
        let drafted = instant(LocalDate(dayNumber: due.days.upperBound.dayNumber + 1), hour: 9)
        var count = 0

        let departments = ReportService.reportingUnits(tree, today: today).filter {
            $0.kind == .department && leaders.leader(of: $0.code).username != staff.username
        }
        let chosen = Array(departments.prefix(4))
        for (position, unit) in chosen.enumerated() {
            let leader = leaders.leader(of: unit.code)
            var report = try await service.draft(unitCode: unit.code, year: String(due.year), period: due.rule.window.code, by: leader, now: drafted)
            let sections = Dictionary(
                uniqueKeysWithValues: report.sections.map {
                    ($0.key, "\(unit.name): \($0.title.lowercased()) trong kỳ theo kế hoạch của Ủy ban nhân dân tỉnh (dữ liệu mẫu).")
                })
            report = try await service.edit(
                code: report.code, sections: sections, tables: [:], expectedVersion: report.version, by: leader, now: drafted.addingTimeInterval(3600))
            report = try await service.approve(code: report.code, expectedVersion: report.version, by: leader, now: drafted.addingTimeInterval(7200))
            // The last one is sent five days after its due day.
            let sent =
                position == chosen.count - 1 && chosen.count > 1
                ? instant(LocalDate(dayNumber: due.dueOn.dayNumber + 5), hour: 10) : drafted.addingTimeInterval(86_400)
            _ = try await service.submit(code: report.code, expectedVersion: report.version, by: leader, now: sent)
            count += 1
        }

        let day = 86_400.0
        var province = try await service.draft(
            unitCode: DemoUnits.provinceCode, year: String(due.year), period: due.rule.window.code, by: staff, now: drafted.addingTimeInterval(2 * day))
        province = try await service.edit(
            code: province.code, sections: Self.provinceText(province), tables: [:], expectedVersion: province.version, by: staff,
            now: drafted.addingTimeInterval(2 * day + 3600))
        let director = leaders.leader(of: DemoUnits.homeAffairsCode)
        province = try await service.approve(
            code: province.code, expectedVersion: province.version, by: director, now: drafted.addingTimeInterval(2 * day + 7200))
        _ = try await service.submit(code: province.code, expectedVersion: province.version, by: staff, now: drafted.addingTimeInterval(2 * day + 10_800))
        count += 1

        if due.rule.window.code != "9M", let schedule = try await service.scheduleHistory().latest, schedule.rules.period("9M") == nil {
            var rules = schedule.rules
            rules.periods.insert(
                ReportPeriodRule(
                    window: ReportWindow(code: "9M", nameVi: "Báo cáo 9 tháng", nameEn: "Nine-month report", start: (12, 15), previousYear: true, end: (9, 14)),
                    dueDay: 20), at: min(3, rules.periods.count))
            _ = try await service.proposeSchedule(
                rules, effectiveFrom: today, reason: "Văn bản của UBND tỉnh yêu cầu thêm báo cáo 9 tháng (dữ liệu mẫu)", by: staff, now: now,
                expectedLatest: schedule.version)
        }
        return count
    }

    static func provinceText(_ report: PeriodicReport) -> [String: String] {
        let plans = report.figures.plans.map { "kế hoạch \($0.code) hoàn thành \($0.done)/\($0.total) nhiệm vụ" }.joined(separator: "; ")
        let dossiers = report.figures.dossiers
        let texts: [String: String] = [
            "direction": "Ban Chỉ đạo CCHC tỉnh họp định kỳ, ban hành kết luận giao nhiệm vụ cho các sở, ngành và địa phương (dữ liệu mẫu).",
            "results":
                "Trong kỳ, \(plans.isEmpty ? "các kế hoạch đang triển khai" : plans). Bộ phận Một cửa các cấp tiếp nhận \(dossiers.received) hồ sơ, giải quyết \(dossiers.finished) hồ sơ, trong đó \(dossiers.finishedLate) hồ sơ trễ hạn.",
            "shortcomings": "Tỉ lệ hồ sơ trễ hạn còn cao ở lĩnh vực đất đai và xây dựng; một số đơn vị gửi báo cáo chậm (dữ liệu mẫu).",
            "next_tasks": "Tập trung xử lý hồ sơ tồn đọng, số hóa hồ sơ, nâng tỉ lệ dịch vụ công trực tuyến toàn trình (dữ liệu mẫu).",
            "proposals": "Đề nghị Bộ Nội vụ hướng dẫn thống nhất cách tính một số chỉ tiêu của Bộ chỉ số 766 (dữ liệu mẫu).",
        ]
        return Dictionary(uniqueKeysWithValues: report.sections.map { ($0.key, texts[$0.key] ?? "\($0.title) (dữ liệu mẫu).") })
    }
}
