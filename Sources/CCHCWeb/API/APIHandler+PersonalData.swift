import CCHCCore
import Foundation

extension APIHandler {
    func exportMyData(_ input: Operations.ExportMyData.Input) async throws -> Operations.ExportMyData.Output {
        let request = try self.request
        let export = try await PersonalDataService(store: request.store).export(of: try request.requireUser(), now: request.now)
        return .ok(
            .init(
                body: .json(
                    .init(
                        exportedAt: export.exportedAt, username: export.username, fullName: export.fullName, roles: export.roles,
                        notifications: export.notifications.map {
                            .init(
                                email: $0.email, phone: $0.phone, channels: $0.channels.compactMap { .init(rawValue: $0) },
                                language: .init(rawValue: $0.language) ?? .vi)
                        },
                        dossiers: export.dossiers.map {
                            .init(
                                code: $0.code, procedureCode: $0.procedureCode, procedureName: $0.procedureName, status: $0.status, submittedAt: $0.submittedAt,
                                fullName: $0.fullName, idNumber: $0.idNumber, phone: $0.phone, email: $0.email, address: $0.address)
                        },
                        feedback: export.feedback.map {
                            .init(code: $0.code, title: $0.title, content: $0.content, state: $0.state, receivedAt: $0.receivedAt, answer: $0.answer)
                        },
                        accessLog: export.accessLog.map {
                            .init(dossierCode: $0.dossierCode, at: $0.at, officer: $0.officer, unit: $0.unit, purpose: .init(rawValue: $0.purpose) ?? .view)
                        }))))
    }
}
