import CCHCCore
import Vapor
import WorkCalendar

/// The working calendar page: a year as month grids with lunar dates, every day off or made-up day with
/// its name and legal basis, and the overrides a province records.
struct CalendarController {
    func register(_ routes: any RoutesBuilder) {
        let staff = routes.access(.permission(.manageCalendar))
        staff.get("calendar", use: show)
        staff.post("calendar", "overrides", use: addOverride)
        staff.post("calendar", "overrides", ":id", "remove", use: removeOverride)
    }

    struct DayCell: Encodable {
        var day: Int
        /// The lunar day; "1/3" (day/month) on the first day of a lunar month.
        var lunar: String
        var classes: String
        var note: String?
        var isBlank: Bool
        var isToday: Bool
    }

    struct MonthGrid: Encodable {
        var name: String
        var weeks: [[DayCell]]
    }

    struct SpecialRow: Encodable {
        var date: String
        var weekday: String
        var kind: String
        var kindLabel: String
        var name: String
        var legalBasis: String
        var estimated: Bool
        var lunar: String
    }

    struct OverrideRow: Encodable {
        var id: String
        var date: String
        var kindLabel: String
        var name: String
        var legalBasis: String
        var createdBy: String
        var createdAt: String
        var isActive: Bool
        var removedBy: String?
        var removedAt: String?
        var removalReason: String?
        /// Why the last attempt to remove it failed.
        var removalError: String?
    }

    struct Page: Encodable {
        var year: Int
        var yearName: String
        var previousYear: Int?
        var nextYear: Int?
        var estimated: Bool
        var lastDecisionYear: Int
        var officeHours: String
        var months: [MonthGrid]
        var specialDays: [SpecialRow]
        var overrides: [OverrideRow]
        var kinds: [SelectOption]
        var form: FormState
    }

    func show(_ request: Request) async throws -> Response {
        let year = try Self.year(request)
        return try await render(request, year: year, form: FormState(values: ["kind": CalendarOverride.Kind.dayOff.rawValue]))
    }

    func addOverride(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        var form = FormState(values: request.formValues(["date", "kind", "name", "legalBasis"]))
        let values = form.values
        let date = LocalDate(flexible: values["date"] ?? "")
        let kind = CalendarOverride.Kind(rawValue: values["kind"] ?? "")
        var status: HTTPStatus = .unprocessableEntity
        if date == nil { form.add("date", "error.date_invalid", request) }
        if kind == nil { form.add("kind", "error.invalid_value", request) }
        if let date, let kind {
            do {
                let override = CalendarOverride(date: date, kind: kind, name: values["name"] ?? "", legalBasis: values["legalBasis"] ?? "")
                _ = try await request.store.calendarOverrides.add(
                    override, by: user, officeHours: try await request.provinceSettings().rules.officeHours, now: request.now)
                request.application.services.calendars.invalidate()
                return request.redirect(to: "/calendar?year=\(date.year)", flash: "flash.calendar_override_added", ["date": date.vietnameseFormat])
            } catch let error as DomainError {
                form.show(error, request)
                status = Problem(error).status
            }
        }
        return try await render(request, year: date?.year ?? (try Self.year(request)), form: form, status: status)
    }

    func removeOverride(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw DomainError.notFound("calendar.override.not_found")
        }
        let reason = request.field("reason")
        do {
            let removed = try await request.store.calendarOverrides.remove(id: id, reason: reason, by: user, now: request.now)
            request.application.services.calendars.invalidate()
            return request.redirect(
                to: "/calendar?year=\(removed.override.date.year)", flash: "flash.calendar_override_removed",
                ["date": removed.override.date.vietnameseFormat])
        } catch let error as DomainError where error.kind == .validation {
            let year = Int(request.field("year")) ?? VietnamTime.localDate(of: request.now).year
            let message = request.localizer.message(error.fields.first ?? FieldError("reason", "error.required"), request.language)
            return try await render(request, year: year, form: FormState(), removalError: (id, message), status: .unprocessableEntity)
        }
    }

    private func render(
        _ request: Request, year: Int, form: FormState, removalError: (id: UUID, message: String)? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let calendar = try await request.workingCalendar()
        let years = calendar.schedule.years
        guard years.contains(year) else {
            throw DomainError.notFound("calendar.year_unsupported", arguments: ["from": String(years.lowerBound), "to": String(years.upperBound)])
        }
        let today = VietnamTime.localDate(of: request.now)
        let overrides = try await request.store.calendarOverrides.history(year: year)
        let page = Page(
            year: year, yearName: LunarCalendar.canChi(year: year),
            previousYear: year > years.lowerBound ? year - 1 : nil, nextYear: year < years.upperBound ? year + 1 : nil,
            estimated: year > calendar.schedule.lastDecisionYear, lastDecisionYear: calendar.schedule.lastDecisionYear,
            officeHours: calendar.officeHours.description.replacingOccurrences(of: ",", with: ", "),
            months: (1...12).map { Self.month($0, year: year, calendar: calendar, today: today, request: request) },
            specialDays: calendar.specialDays(in: year).map { day in
                SpecialRow(
                    date: day.date.vietnameseFormat, weekday: day.date.vietnameseWeekday, kind: day.kind.rawValue,
                    kindLabel: request.t("calendar.kind.\(day.kind.rawValue)"), name: day.name, legalBasis: day.legalBasis,
                    estimated: day.estimated, lunar: Self.lunarText(day.date))
            },
            overrides: overrides.map { record in
                OverrideRow(
                    id: record.id.uuidString, date: record.override.date.vietnameseFormat,
                    kindLabel: request.t("calendar.override.kind.\(record.override.kind.rawValue)"), name: record.override.name,
                    legalBasis: record.override.legalBasis, createdBy: record.createdByUsername,
                    createdAt: DisplayFormat.dateTime(record.createdAt), isActive: record.isActive,
                    removedBy: record.removedByUsername, removedAt: record.removedAt.map(DisplayFormat.dateTime),
                    removalReason: record.removalReason, removalError: removalError?.id == record.id ? removalError?.message : nil)
            },
            kinds: CalendarOverride.Kind.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t("calendar.override.kind.\($0.rawValue)"), selected: $0.rawValue == form.values["kind"])
            },
            form: form)
        return try await request.render("calendar/index", title: request.t("calendar.title", ["year": String(year)]), page, status: status)
    }

    static func month(_ month: Int, year: Int, calendar: WorkingCalendar, today: LocalDate, request: Request) -> MonthGrid {
        let first = LocalDate(year: year, month: month, day: 1)!
        var cells = Array(repeating: DayCell(day: 0, lunar: "", classes: "blank", note: nil, isBlank: true, isToday: false), count: first.weekday - 1)
        for day in 1...LocalDate.daysInMonth(year: year, month: month) {
            let date = LocalDate(year: year, month: month, day: day)!
            let special = calendar.specialDay(on: date)
            var classes: [String] = []
            if date.isWeekend { classes.append("weekend") }
            if !calendar.isWorkingDay(date) { classes.append("off") }
            if let special { classes.append(special.kind.rawValue) }
            if special?.estimated == true { classes.append("estimated") }
            let lunar = LunarCalendar.lunarDate(of: date)
            let lunarText = lunar.map { $0.day == 1 ? "\($0.day)/\($0.month)\($0.isLeapMonth ? "n" : "")" : String($0.day) } ?? ""
            cells.append(
                DayCell(
                    day: day, lunar: lunarText, classes: classes.joined(separator: " "), note: special?.name, isBlank: false,
                    isToday: date == today))
        }
        while cells.count % 7 != 0 {
            cells.append(DayCell(day: 0, lunar: "", classes: "blank", note: nil, isBlank: true, isToday: false))
        }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<($0 + 7)]) }
        return MonthGrid(name: request.t("calendar.month", ["month": String(month)]), weeks: weeks)
    }

    /// "mùng 1 tháng Giêng" style, short: "1/1 âm lịch".
    static func lunarText(_ date: LocalDate) -> String {
        guard let lunar = LunarCalendar.lunarDate(of: date) else { return "" }
        return "\(lunar.day)/\(lunar.month)\(lunar.isLeapMonth ? " (nhuận)" : "")"
    }

    static func year(_ request: Request) throws -> Int {
        guard let text = request.query[String.self, at: "year"], !text.isEmpty else {
            return VietnamTime.localDate(of: request.now).year
        }
        guard let year = Int(text) else { throw DomainError.notFound("calendar.year_unsupported", arguments: ["from": "1995", "to": "2199"]) }
        return year
    }
}
