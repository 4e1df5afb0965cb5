import CCHCCore
import Foundation
import WorkCalendar

extension APIHandler {
    func getProvinceSettings(_ input: Operations.GetProvinceSettings.Input) async throws -> Operations.GetProvinceSettings.Output {
        let request = try self.request
        let history = try await request.store.provinceSettings.history()
        let today = request.today
        return .ok(
            .init(
                body: .json(
                    .init(
                        current: history.inForce(on: today).map { .init($0, today: today) }, versions: history.versions.map { .init($0, today: today) }))))
    }

    func createProvinceSettingsVersion(_ input: Operations.CreateProvinceSettingsVersion.Input) async throws -> Operations.CreateProvinceSettingsVersion.Output
    {
        let request = try self.request
        let body =
            switch input.body {
            case .json(let json): json
            }
        guard let from = LocalDate(body.effectiveFrom) else { throw Problem.malformed([FieldError("effectiveFrom", "error.date_invalid")]) }
        let settings = try ProvinceSettings(body.settings)
        let added = try await ProvinceSettingsService(store: request.store).propose(
            settings, effectiveFrom: from, reason: body.reason, by: try request.requireUser(), now: request.now,
            expectedLatest: body.expectedLatestVersion == 0 ? nil : body.expectedLatestVersion)
        return .created(.init(body: .json(.init(added, today: request.today))))
    }
}

extension ProvinceSettings {
    /// The settings sent to the API; office hours that cannot be read are a field error.
    init(_ body: Components.Schemas.ProvinceSettings) throws {
        guard let hours = try? OfficeHours(parsing: body.officeHours) else {
            throw DomainError.validation([FieldError("settings.officeHours", "settings.office_hours_invalid")])
        }
        self.init(
            officeHours: hours, workingDayCounting: .init(body.workingDayCounting), calendarDaysEndOnWorkingDay: body.calendarDaysEndOnWorkingDay,
            maximumSupplementRequests: body.maximumSupplementRequests, apologyBeforeDeadline: body.apologyBeforeDeadline,
            nearingDueHours: body.nearingDueHours, ratingBands: body.ratingBands.map { RatingBands.Band(minimum: $0.minimum, label: $0.label) },
            dialoguesPerQuarter: body.dialoguesPerQuarter ?? ProvinceSettings.standard.dialoguesPerQuarter)
    }
}

extension Components.Schemas.ProvinceSettingsVersion {
    init(_ version: ProvinceSettingsVersion, today: LocalDate) {
        let rules = version.rules
        self.init(
            version: version.version, effectiveFrom: version.effectiveFrom.description, effectiveTo: version.effectiveTo?.description,
            settings: .init(
                officeHours: rules.officeHours.description, workingDayCounting: .init(rules.workingDayCounting),
                calendarDaysEndOnWorkingDay: rules.calendarDaysEndOnWorkingDay, maximumSupplementRequests: rules.maximumSupplementRequests,
                apologyBeforeDeadline: rules.apologyBeforeDeadline, nearingDueHours: rules.nearingDueHours,
                ratingBands: rules.ratingBands.map { .init(minimum: $0.minimum, label: $0.label) }, dialoguesPerQuarter: rules.dialoguesPerQuarter),
            setBy: version.setBy, reason: version.reason, setAt: version.setAt, inForce: version.isInForce(on: today))
    }
}
