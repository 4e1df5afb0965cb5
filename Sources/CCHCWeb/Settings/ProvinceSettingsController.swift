import CCHCCore
import Vapor
import WorkCalendar

/// Thiết lập của tỉnh: the rules the law leaves to the province, as versioned data. Reform staff and the
/// steering committee read them and their change log; an administrator sets a new version from a day,
/// with why.
struct ProvinceSettingsController {
    static let path = "/admin/settings"

    func register(_ routes: any RoutesBuilder) {
        routes.access(.permission(.viewSettings)).get("admin", "settings", use: index)
        routes.access(.permission(.manageSettings)).post("admin", "settings", use: create)
    }

    struct VersionRow: Encodable {
        var version: Int
        var from: String
        var to: String?
        var inForce: Bool
        var setBy: String
        var setAt: String
        var reason: String
        var summary: [String]
    }

    struct Page: Encodable {
        var current: VersionRow?
        var versions: [VersionRow]
        var canEdit: Bool
        var form: FormState
        var countings: [SelectOption]
        var latestVersion: Int
    }

    func index(_ request: Request) async throws -> Response {
        let history = try await request.store.provinceSettings.history()
        let settings = history.settings(on: request.today).rules
        var form = FormState(values: Self.values(settings))
        form.values["effectiveFrom"] = request.today.adding(days: 1).description
        return try await render(request, history: history, form: form)
    }

    func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let fields = try request.form.fields
        let names = [
            "officeHours", "workingDayCounting", "calendarDaysEndOnWorkingDay", "maximumSupplementRequests", "apologyBeforeDeadline",
            "nearingDueHours", "ratingBands", "dialoguesPerQuarter", "effectiveFrom", "reason", "expectedLatestVersion",
        ]
        let values = fields.filter { names.contains($0.key) }
        let history = try await request.store.provinceSettings.history()
        do {
            let (settings, from) = try Self.settings(from: values)
            let expected = Int(values["expectedLatestVersion"] ?? "") ?? 0
            let added = try await ProvinceSettingsService(store: request.store).propose(
                settings, effectiveFrom: from, reason: values["reason"] ?? "", by: user, now: request.now,
                expectedLatest: expected == 0 ? nil : expected)
            return request.redirect(
                to: Self.path, flash: "flash.settings_saved", ["version": String(added.version), "date": added.effectiveFrom.vietnameseFormat])
        } catch let error as DomainError where error.kind == .validation || error.kind == .conflict {
            var form = FormState(values: values)
            form.show(error, request)
            return try await render(request, history: history, form: form, status: Problem(error).status)
        }
    }

    /// The form's values for `settings`. Rating bands are one per line: the minimum, then the name.
    static func values(_ settings: ProvinceSettings) -> [String: String] {
        [
            "officeHours": settings.officeHours.description, "workingDayCounting": settings.workingDayCounting.rawValue,
            "calendarDaysEndOnWorkingDay": settings.calendarDaysEndOnWorkingDay ? "on" : "",
            "maximumSupplementRequests": String(settings.maximumSupplementRequests), "apologyBeforeDeadline": settings.apologyBeforeDeadline ? "on" : "",
            "nearingDueHours": String(settings.nearingDueHours), "dialoguesPerQuarter": String(settings.dialoguesPerQuarter),
            "ratingBands": RatingBands(settings.ratingBands).bands.map { "\($0.minimum) \($0.label)" }.joined(separator: "\n"),
        ]
    }

    /// The settings and the day they take effect, or every field that cannot be read.
    static func settings(from values: [String: String]) throws -> (ProvinceSettings, LocalDate) {
        var errors: [FieldError] = []
        var settings = ProvinceSettings.standard
        if let hours = try? OfficeHours(parsing: values["officeHours"] ?? "") {
            settings.officeHours = hours
        } else {
            errors.append(FieldError("officeHours", "settings.office_hours_invalid"))
        }
        settings.workingDayCounting = DeadlinePolicy.WorkingDayCounting(rawValue: values["workingDayCounting"] ?? "") ?? .officeTime
        settings.calendarDaysEndOnWorkingDay = values["calendarDaysEndOnWorkingDay"] == "on"
        settings.apologyBeforeDeadline = values["apologyBeforeDeadline"] == "on"
        func number(_ name: String) -> Int? {
            guard let value = Int((values[name] ?? "").trimmingCharacters(in: .whitespaces)) else {
                errors.append(FieldError(name, "error.invalid_value"))
                return nil
            }
            return value
        }
        settings.maximumSupplementRequests = number("maximumSupplementRequests") ?? settings.maximumSupplementRequests
        settings.nearingDueHours = number("nearingDueHours") ?? settings.nearingDueHours
        // A form from before the setting existed leaves it at its default.
        if !(values["dialoguesPerQuarter"] ?? "").isEmpty {
            settings.dialoguesPerQuarter = number("dialoguesPerQuarter") ?? settings.dialoguesPerQuarter
        }
        var bands: [RatingBands.Band] = []
        for line in (values["ratingBands"] ?? "").split(whereSeparator: \.isNewline) {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let minimum = Int(parts[0]) else {
                errors.append(FieldError("ratingBands", "settings.bands.line", ["line": String(line)]))
                continue
            }
            bands.append(.init(minimum: minimum, label: String(parts[1]).trimmingCharacters(in: .whitespaces)))
        }
        settings.ratingBands = bands
        errors += settings.errors().map { $0.field.hasPrefix("ratingBands") ? FieldError("ratingBands", $0.code, $0.arguments) : $0 }
        let from = LocalDate(flexible: values["effectiveFrom"] ?? "")
        if from == nil { errors.append(FieldError("effectiveFrom", "error.date_invalid")) }
        try errors.throwIfAny()
        return (settings, from!)
    }

    private func render(_ request: Request, history: ProvinceSettingsHistory, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let today = request.today
        let rows = history.versions.reversed().map { Self.row($0, today: today, request) }
        var form = form
        form.values["expectedLatestVersion"] = form.values["expectedLatestVersion"] ?? String(history.latest?.version ?? 0)
        let chosen = form.values["workingDayCounting"] ?? DeadlinePolicy.WorkingDayCounting.officeTime.rawValue
        let page = Page(
            current: history.inForce(on: today).map { Self.row($0, today: today, request) }, versions: rows,
            canEdit: request.currentUser?.can(.manageSettings) ?? false, form: form,
            countings: DeadlinePolicy.WorkingDayCounting.allCases.map {
                SelectOption(value: $0.rawValue, label: request.t("settings.counting.\($0.rawValue)"), selected: $0.rawValue == chosen)
            },
            latestVersion: history.latest?.version ?? 0)
        return try await request.render("settings/index", title: request.t("settings.title"), page, status: status)
    }

    static func row(_ version: ProvinceSettingsVersion, today: LocalDate, _ request: Request) -> VersionRow {
        let rules = version.rules
        return VersionRow(
            version: version.version, from: version.effectiveFrom.vietnameseFormat, to: version.effectiveTo?.adding(days: -1).vietnameseFormat,
            inForce: version.isInForce(on: today), setBy: version.setBy, setAt: DisplayFormat.dateTime(version.setAt), reason: version.reason,
            summary: [
                request.t("settings.summary.office_hours", ["hours": rules.officeHours.description]),
                request.t("settings.counting.\(rules.workingDayCounting.rawValue)"),
                request.t(rules.calendarDaysEndOnWorkingDay ? "settings.summary.calendar_days_move" : "settings.summary.calendar_days_stay"),
                request.t("settings.summary.supplements", ["n": String(rules.maximumSupplementRequests)]),
                request.t(rules.apologyBeforeDeadline ? "settings.summary.apology_before" : "settings.summary.apology_any_time"),
                request.t("settings.summary.nearing", ["n": String(rules.nearingDueHours)]),
                request.t("settings.summary.dialogues", ["n": String(rules.dialoguesPerQuarter)]),
                request.t(
                    "settings.summary.bands",
                    [
                        "bands": RatingBands(rules.ratingBands).bands.map { "\($0.label) ≥ \($0.minimum)" }.joined(separator: ", ")
                    ]),
            ])
    }
}
