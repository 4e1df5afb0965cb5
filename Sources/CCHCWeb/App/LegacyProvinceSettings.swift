import CCHCCore
import WorkCalendar

/// The province rules earlier versions of cchc read from environment variables. On upgrade they become
/// the first version of the province's settings (with a notice); once a version exists they are ignored
/// (with a warning naming them), and the settings are edited on the settings page or through the API.
public struct LegacyProvinceSettings: Sendable, Equatable {
    public static let variables = [
        "CCHC_OFFICE_HOURS", "CCHC_WORKING_DAY_COUNTING", "CCHC_CALENDAR_DAYS_END_ON_WORKING_DAY", "CCHC_MAX_SUPPLEMENT_REQUESTS",
        "CCHC_APOLOGY_BEFORE_DEADLINE", "CCHC_NEARING_DUE_HOURS",
    ]

    /// The standard settings with the values the environment sets.
    public var settings: ProvinceSettings
    /// The variables that were set.
    public var names: [String]

    /// Nil when the environment sets none of them; their values are checked as before, a bad one named.
    static func read(_ reader: inout EnvironmentReader) -> LegacyProvinceSettings? {
        let names = variables.filter { reader.string($0) != nil }
        guard !names.isEmpty else { return nil }
        var settings = ProvinceSettings.standard
        if let text = reader.string("CCHC_OFFICE_HOURS") {
            do {
                settings.officeHours = try OfficeHours(parsing: text)
            } catch {
                reader.problems.append("CCHC_OFFICE_HOURS: must be periods HH:MM-HH:MM separated by commas, in order, not overlapping (got \"\(text)\")")
            }
        }
        settings.workingDayCounting = reader.choice("CCHC_WORKING_DAY_COUNTING", DeadlinePolicy.WorkingDayCounting.self) ?? settings.workingDayCounting
        settings.calendarDaysEndOnWorkingDay = reader.bool("CCHC_CALENDAR_DAYS_END_ON_WORKING_DAY") ?? settings.calendarDaysEndOnWorkingDay
        settings.maximumSupplementRequests =
            reader.integer("CCHC_MAX_SUPPLEMENT_REQUESTS", in: ProvinceSettings.supplementRequestRange)
            ?? settings.maximumSupplementRequests
        settings.apologyBeforeDeadline = reader.bool("CCHC_APOLOGY_BEFORE_DEADLINE") ?? settings.apologyBeforeDeadline
        settings.nearingDueHours = reader.integer("CCHC_NEARING_DUE_HOURS", in: ProvinceSettings.nearingDueHoursRange) ?? settings.nearingDueHours
        return LegacyProvinceSettings(settings: settings, names: names)
    }
}
