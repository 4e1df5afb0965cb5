import CCHCCore
import Vapor
import WorkCalendar

extension AccountController {
    /// A copy of everything cchc holds about the signed-in person, as a JSON file (Decree 13/2023: the data
    /// subject's right to obtain their data).
    func export(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let export = try await PersonalDataService(store: request.store).export(of: user, now: request.now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let response = Response(status: .ok, body: .init(data: try encoder.encode(export)))
        response.headers.contentType = .json
        let day = VietnamTime.localDate(of: request.now).description
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"cchc-\(user.username)-\(day).json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
