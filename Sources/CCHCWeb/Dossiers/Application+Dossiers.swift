import CCHCCore
import CCHCStore
import Vapor

extension Application {
    /// The dossier use cases over the application's store, with the province's settings by version and
    /// the calendar of days worked.
    func dossierService() async throws -> DossierService {
        DossierService(
            store: store, files: services.files, settings: try await store.provinceSettings.history(),
            calendar: try await services.calendars.current(store))
    }
}

extension Request {
    func dossierService() async throws -> DossierService {
        DossierService(
            store: store, files: application.services.files, settings: try await store.provinceSettings.history(),
            calendar: try await application.services.calendars.current(store))
    }
}
