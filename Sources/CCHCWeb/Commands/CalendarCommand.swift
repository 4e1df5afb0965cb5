import ArgumentParser
import CCHCCore
import CCHCStore
import Foundation
import Vapor
import WorkCalendar

/// `cchc calendar …`: the working calendar from the command line. Works without a database (built-in
/// rules and decisions); when one is configured (DATABASE_URL, or an existing SQLite file), its
/// overrides are included.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Holidays, lunar dates and working-time deadlines.",
        subcommands: [Holidays.self, Lunar.self, Solar.self, Deadline.self, Between.self])

    struct Holidays: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every day of a year that differs from a normal week (holidays, compensatory days, swaps).")

        @ArgumentParser.Argument(help: "The year, 1995–2199.") var year: Int
        @ArgumentParser.Flag(help: "JSON: [{\"date\",\"kind\",\"name\",\"estimated\",\"legalBasis\"}]") var json = false

        func run() async throws { try await run(.process) }

        func run(_ environment: CommandEnvironment) async throws {
            let calendar = try await environment.workingCalendar()
            let entries = try environment.plain { try calendar.entries(year: year) }
            if json { return environment.print(try CalendarCommand.json(entries)) }
            let labels: [SpecialDayKind: String] = [.holiday: "Ngày lễ", .compensatory: "Nghỉ bù", .swapOff: "Nghỉ hoán đổi", .makeupWorkday: "Làm bù"]
            environment.print(
                "Năm \(year) (\(LunarCalendar.canChi(year: year)))" + (year > calendar.schedule.lastDecisionYear ? " — dự kiến, chưa có quyết định" : ""))
            for (entry, day) in zip(entries, calendar.specialDays(in: year)) {
                let weekday = day.date.vietnameseWeekday.padding(toLength: 8, withPad: " ", startingAt: 0)
                let label = (labels[entry.kind] ?? entry.kind.rawValue).padding(toLength: 13, withPad: " ", startingAt: 0)
                environment.print("\(day.date.vietnameseFormat)  \(weekday)  \(label)  \(entry.name)\(entry.estimated ? " (dự kiến)" : "")")
            }
        }
    }

    struct Lunar: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(abstract: "The lunar date of a Gregorian day.")

        @ArgumentParser.Argument(help: "A day, YYYY-MM-DD.") var date: LocalDate
        @ArgumentParser.Flag(help: "JSON output.") var json = false

        func run() async throws { try await run(.process) }

        func run(_ environment: CommandEnvironment) async throws {
            guard let lunar = LunarCalendar.lunarDate(of: date) else { throw CommandFailure(description: "Lunar dates are computed for 1900–2199.") }
            try CalendarCommand.printLunar(date, lunar, json: json, environment)
        }
    }

    struct Solar: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(abstract: "The Gregorian day of a lunar date.")

        @ArgumentParser.Argument(help: "A lunar date, YYYY-MM-DD (year, month, day of the lunar calendar).") var date: String
        @ArgumentParser.Flag(help: "The month is the leap month (tháng nhuận).") var leap = false
        @ArgumentParser.Flag(help: "JSON output.") var json = false

        func run() async throws { try await run(.process) }

        /// The lunar date as typed, if it has a year, a month and a day.
        private var lunarDate: LunarDate? {
            let parts = date.split(separator: "-").compactMap { Int($0) }
            return parts.count == 3 ? LunarDate(year: parts[0], month: parts[1], day: parts[2], isLeapMonth: leap) : nil
        }

        func validate() throws {
            guard lunarDate != nil else { throw ValidationError("Not a lunar date YYYY-MM-DD: \(date)") }
        }

        func run(_ environment: CommandEnvironment) async throws {
            let lunar = lunarDate!
            guard let day = LunarCalendar.solarDate(of: lunar) else {
                throw CommandFailure(description: "No such lunar date: \(lunar) (a day 30 of a short month, or a leap month that year does not have).")
            }
            try CalendarCommand.printLunar(day, lunar, json: json, environment)
        }
    }

    struct Deadline: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(
            abstract: "When something received at a moment is due.",
            discussion:
                "N working days count as N working days of office hours from receipt, or as whole days after it, as the province settings in force today say (/admin/settings)."
        )

        @ArgumentParser.Option(help: "Received at, local time YYYY-MM-DDTHH:MM.") var from: String
        @ArgumentParser.Option(help: "Working days (ngày làm việc).") var workingDays: Int?
        @ArgumentParser.Option(help: "Working hours (giờ làm việc).") var workingHours: Int?
        @ArgumentParser.Option(help: "Calendar days (ngày).") var days: Int?
        @ArgumentParser.Option(help: "Cut-off HH:MM: received at or after it, counting starts the next working day.") var cutoff: String?
        @ArgumentParser.Flag(help: "JSON: {\"due\",\"appointmentDate\",\"session\"}") var json = false

        func run() async throws { try await run(.process) }

        func run(_ environment: CommandEnvironment) async throws {
            let (calendar, settings) = try await environment.calendarAndSettings()
            let question = DeadlineQuestion(from: from, workingDays: workingDays, workingHours: workingHours, days: days, cutoff: cutoff)
            let (received, time, policy) = try environment.plain { try question.resolve(policy: settings.deadlinePolicy) }
            let answer = DeadlineAnswer(due: calendar.deadline(from: received, time, policy: policy), calendar: calendar)
            if json { return environment.print(try CalendarCommand.json(answer)) }
            let due = VietnamTime.parseLocal(answer.due)!
            let dueDay = VietnamTime.localDate(of: due)
            environment.print("Hạn: \(dueDay.vietnameseWeekday) \(dueDay.vietnameseFormat) lúc \(OfficeHours.clock(VietnamTime.secondsOfDay(of: due)))")
            environment.print("Hẹn trả: \(answer.session == .morning ? "sáng" : "chiều") \(dueDay.vietnameseWeekday) \(dueDay.vietnameseFormat)")
        }
    }

    struct Between: AsyncParsableCommand, EnvironmentCommand {
        static let configuration = CommandConfiguration(abstract: "Working time between two moments.")

        @ArgumentParser.Option(help: "From, local time YYYY-MM-DDTHH:MM.") var from: String
        @ArgumentParser.Option(help: "To, local time YYYY-MM-DDTHH:MM.") var to: String
        @ArgumentParser.Flag(help: "JSON: {\"workingSeconds\",\"workingHours\",\"workingDays\"}") var json = false

        struct Answer: Codable {
            var workingSeconds: Int
            var workingHours: Double
            var workingDays: Double
        }

        func run() async throws { try await run(.process) }

        func validate() throws {
            guard VietnamTime.parseLocal(from) != nil else { throw ValidationError("--from: not a local time YYYY-MM-DDTHH:MM") }
            guard VietnamTime.parseLocal(to) != nil else { throw ValidationError("--to: not a local time YYYY-MM-DDTHH:MM") }
        }

        func run(_ environment: CommandEnvironment) async throws {
            let start = VietnamTime.parseLocal(from)!, end = VietnamTime.parseLocal(to)!
            let calendar = try await environment.workingCalendar()
            let seconds = calendar.workingSeconds(from: start, to: end)
            let answer = Answer(
                workingSeconds: seconds, workingHours: Double(seconds) / 3600,
                workingDays: Double(seconds) / Double(calendar.officeHours.daySeconds))
            if json { return environment.print(try CalendarCommand.json(answer)) }
            environment.print("\(Self.decimal(answer.workingHours)) giờ làm việc = \(Self.decimal(answer.workingDays)) ngày làm việc")
        }

        /// Vietnamese decimals: a comma, at most three places.
        static func decimal(_ value: Double) -> String {
            var text = String(format: "%.3f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text.replacingOccurrences(of: ".", with: ",")
        }
    }

    static func printLunar(_ day: LocalDate, _ lunar: LunarDate, json: Bool, _ environment: CommandEnvironment) throws {
        let answer = LunarAnswer(date: day, lunar: lunar)
        if json { return environment.print(try self.json(answer)) }
        let month = lunar.month == 1 ? "Giêng" : lunar.month == 12 ? "Chạp" : String(lunar.month)
        environment.print(
            "\(day.vietnameseWeekday) \(day.vietnameseFormat) dương lịch = ngày \(lunar.day) tháng \(month)\(lunar.isLeapMonth ? " nhuận" : "") năm \(lunar.yearName) âm lịch"
        )
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

}

extension CommandEnvironment {
    /// Runs work that needs no application, turning a domain error into one line.
    func plain<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DomainError {
            let directory = (try? AppConfig.load(from: variables))?.workingDirectory ?? FileManager.default.currentDirectoryPath
            throw Self.plain(error, localizer: try? Localizer.load(directory: directory + "/Resources/Localization"))
        }
    }

    /// The built-in calendar, plus the database's overrides, under the province settings in force today,
    /// when a database is configured and migrated; otherwise the standard settings (or those the
    /// environment still sets from before they were versioned data).
    func calendarAndSettings() async throws -> (WorkingCalendar, ProvinceSettings) {
        let config = try AppConfig.load(from: variables)
        let fallback = config.legacyProvinceSettings?.settings ?? .standard
        switch config.database {
        case .sqlite(let path, _) where !FileManager.default.fileExists(atPath: path):
            return (WorkingCalendar(officeHours: fallback.officeHours), fallback)
        default:
            let (overrides, settings) = try await withApplication(migrate: false) { app -> ([CalendarOverride], ProvinceSettings) in
                let pending = try await SchemaMigrations.pending(on: app.db)
                let overrides = pending.contains("0006_create_calendar_overrides") ? [] : try await app.store.calendarOverrides.active().map(\.override)
                let settings =
                    pending.contains("0014_create_province_settings")
                    ? fallback : try await app.store.provinceSettings.history().inForce(on: VietnamTime.localDate(of: app.clock.now))?.rules ?? fallback
                return (overrides, settings)
            }
            return (WorkingCalendar(officeHours: settings.officeHours, overrides: overrides), settings)
        }
    }

    func workingCalendar() async throws -> WorkingCalendar {
        try await calendarAndSettings().0
    }
}
