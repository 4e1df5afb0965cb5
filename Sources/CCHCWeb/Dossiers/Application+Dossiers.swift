import CCHCCore
import Vapor

extension Application {
    /// The dossier service on the calendar in force, with the province's settings.
    func dossierService() async throws -> DossierService {
        DossierService(
            store: store, clock: DossierClock(calendar: try await services.calendars.current(store), policy: config.deadlinePolicy),
            settings: config.dossierSettings)
    }
}

extension Request {
    func dossierService() async throws -> DossierService {
        DossierService(
            store: store, clock: DossierClock(calendar: try await workingCalendar(), policy: config.deadlinePolicy),
            settings: config.dossierSettings)
    }
}
