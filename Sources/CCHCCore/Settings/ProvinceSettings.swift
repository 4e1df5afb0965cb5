import Foundation
import WorkCalendar

/// The rules the law leaves to each province (DOMAIN.md §3.2, §3.4, §3.5), as one set that changes by
/// version: an administrator sets a new version with the day it takes effect and why, and every deadline
/// names the version it was counted under.
public struct ProvinceSettings: Codable, Equatable, Sendable {
    /// Office hours; a working day is as long as they add up to.
    public var officeHours: OfficeHours
    /// How N working days are counted where a procedure does not say otherwise.
    public var workingDayCounting: DeadlinePolicy.WorkingDayCounting
    /// A calendar-day period ending on a day off ends on the next working day.
    public var calendarDaysEndOnWorkingDay: Bool
    /// Supplement requests a dossier may receive: the applicant should get one list of everything missing.
    public var maximumSupplementRequests: Int
    /// Whether an apology must be signed before the original deadline passes.
    public var apologyBeforeDeadline: Bool
    /// Working hours before its deadline at which a dossier counts as nearing it.
    public var nearingDueHours: Int
    /// How a citizen's total rating (0–18) reads; each band runs from its minimum to the next band's.
    public var ratingBands: [RatingBands.Band]
    /// Dialogue sessions each department and local government's head must hold per quarter (the seeds:
    /// "hàng quý tổ chức hội nghị đối thoại"); 0 requires none.
    public var dialoguesPerQuarter: Int

    public init(
        officeHours: OfficeHours = .standard, workingDayCounting: DeadlinePolicy.WorkingDayCounting = .officeTime,
        calendarDaysEndOnWorkingDay: Bool = true, maximumSupplementRequests: Int = 1, apologyBeforeDeadline: Bool = false,
        nearingDueHours: Int = 8, ratingBands: [RatingBands.Band] = RatingBands.standard.bands, dialoguesPerQuarter: Int = 1
    ) {
        self.officeHours = officeHours
        self.workingDayCounting = workingDayCounting
        self.calendarDaysEndOnWorkingDay = calendarDaysEndOnWorkingDay
        self.maximumSupplementRequests = maximumSupplementRequests
        self.apologyBeforeDeadline = apologyBeforeDeadline
        self.nearingDueHours = nearingDueHours
        self.ratingBands = ratingBands
        self.dialoguesPerQuarter = dialoguesPerQuarter
    }

    enum CodingKeys: String, CodingKey {
        case officeHours, workingDayCounting, calendarDaysEndOnWorkingDay, maximumSupplementRequests, apologyBeforeDeadline, nearingDueHours
        case ratingBands, dialoguesPerQuarter
    }

    /// Versions stored before a setting existed read it as its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            officeHours: try container.decode(OfficeHours.self, forKey: .officeHours),
            workingDayCounting: try container.decode(DeadlinePolicy.WorkingDayCounting.self, forKey: .workingDayCounting),
            calendarDaysEndOnWorkingDay: try container.decode(Bool.self, forKey: .calendarDaysEndOnWorkingDay),
            maximumSupplementRequests: try container.decode(Int.self, forKey: .maximumSupplementRequests),
            apologyBeforeDeadline: try container.decode(Bool.self, forKey: .apologyBeforeDeadline),
            nearingDueHours: try container.decode(Int.self, forKey: .nearingDueHours),
            ratingBands: try container.decode([RatingBands.Band].self, forKey: .ratingBands),
            dialoguesPerQuarter: try container.decodeIfPresent(Int.self, forKey: .dialoguesPerQuarter) ?? 1)
    }

    public static let standard = ProvinceSettings()

    public static let supplementRequestRange = 1...10
    public static let nearingDueHoursRange = 0...400
    public static let dialoguesPerQuarterRange = 0...12

    /// How deadlines are counted under these settings (a procedure adds its cut-off).
    public var deadlinePolicy: DeadlinePolicy {
        DeadlinePolicy(workingDays: workingDayCounting, calendarDaysEndOnWorkingDay: calendarDaysEndOnWorkingDay)
    }

    /// What the dossier lifecycle reads.
    public var dossierRules: DossierSettings {
        DossierSettings(
            maximumSupplementRequests: maximumSupplementRequests, apologyBeforeDeadline: apologyBeforeDeadline,
            nearingDueWorkingSeconds: nearingDueHours * 3600)
    }

    public var bands: RatingBands { RatingBands(ratingBands) }

    /// Every value that cannot be used, by field.
    public func errors() -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.supplementRequestRange.contains(maximumSupplementRequests) {
            errors.append(FieldError("maximumSupplementRequests", "error.range", ["min": "1", "max": "10"]))
        }
        if !Self.nearingDueHoursRange.contains(nearingDueHours) {
            errors.append(FieldError("nearingDueHours", "error.range", ["min": "0", "max": "400"]))
        }
        if !Self.dialoguesPerQuarterRange.contains(dialoguesPerQuarter) {
            errors.append(FieldError("dialoguesPerQuarter", "error.range", ["min": "0", "max": "12"]))
        }
        errors += RatingBands.errors(ratingBands)
        return errors
    }
}

/// The province's settings in one of their versions.
public typealias ProvinceSettingsVersion = RuleSetVersion<ProvinceSettings>
public typealias ProvinceSettingsHistory = RuleSetHistory<ProvinceSettings>

extension RuleSetHistory where Rules == ProvinceSettings {
    /// The version in force on `day`, or the standard settings as version 0 where none is stored yet (a
    /// database the start-up has not given its first version; tests of the core).
    public func settings(on day: LocalDate) -> ProvinceSettingsVersion {
        inForce(on: day) ?? ProvinceSettingsHistory.unset
    }

    /// The version a dossier's deadlines were counted under, or the one in force on `day` for a dossier
    /// whose clock has not started.
    public func settings(number: Int?, orOn day: LocalDate) -> ProvinceSettingsVersion {
        number.flatMap(version) ?? settings(on: day)
    }

    static var unset: ProvinceSettingsVersion {
        RuleSetVersion(version: 0, effectiveFrom: LocalDate(year: 1995, month: 1, day: 1)!, rules: .standard, setBy: "system", reason: "", setAt: .distantPast)
    }
}
