import CCHCCore
import CCHCStore
import Foundation
import WorkCalendar

extension Fixtures {
    public static let procedureCode = "1.000001"

    /// A construction permit of 3 working days in three steps: reception at the centre, appraisal and
    /// approval at the department of agriculture and environment (the fixtures' competent unit).
    public static func procedureDraft(code: String = procedureCode, effectiveFrom: String = "2020-01-01") -> ProcedureDraft {
        ProcedureDraft(
            code: code, name: "Cấp giấy phép xây dựng nhà ở riêng lẻ", field: "Xây dựng", competentUnitCode: landCode,
            receivingUnitCodes: [centreCode], timeUnit: .workingDays, timeValue: 3, fee: 75_000, feeNote: "75.000 đồng/giấy phép",
            components: [
                ProcedureComponent(name: "Đơn đề nghị cấp giấy phép", originals: 1),
                ProcedureComponent(name: "Bản vẽ thiết kế", photocopies: 2),
                ProcedureComponent(name: "Giấy tờ về quyền sử dụng đất", certifiedCopies: 1, mayPresentOriginal: true),
            ],
            steps: [
                .init(name: "Tiếp nhận hồ sơ", holder: "receiving", role: .deskOfficer, allowance: 4),
                .init(name: "Thẩm định", holder: "competent", role: .specialist, allowance: 16),
                .init(name: "Phê duyệt", holder: "competent", role: .unitLeader, allowance: 4),
            ],
            onlineLevel: .full, effectiveFrom: day(effectiveFrom))
    }

    @discardableResult
    public static func loadProcedure(into store: any Store, code: String = procedureCode) async throws -> Procedure {
        let tree = try await store.units.tree()
        let procedure = try ProcedureRules.build(procedureDraft(code: code), tree: tree, version: 1, today: day("2026-11-23"), now: now)
        return try await store.procedures.create(procedure)
    }

    public static let applicant = Applicant(
        fullName: "Nguyễn Văn An", idNumber: "001203004567", phone: "0912345678", email: "an@example.vn", address: "Phường Đông Hòa")

    public static func intakeRequest(channel: IntakeChannel = .counter, code: String = procedureCode) -> IntakeRequest {
        IntakeRequest(
            procedureCode: code, channel: channel, applicant: applicant,
            components: [.init(index: 0, originals: 1), .init(index: 1, photocopies: 2), .init(index: 2, certifiedCopies: 1)],
            receivingUnitCode: centreCode)
    }
}

extension Fixtures {
    /// The dossier use cases over `store`: the settings stored there (the standard ones where none are),
    /// the built-in calendar, uploads in a folder of the test's own.
    public static func service(_ store: any Store, files: (any FileStorage)? = nil) async throws -> DossierService {
        DossierService(
            store: store, files: files ?? DiskFileStorage(dataDirectory: temporaryFolder()),
            settings: try await store.provinceSettings.history(), calendar: WorkingCalendar())
    }

    /// A new empty folder under the system's temporary one.
    public static func temporaryFolder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-tests/files-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

extension DossierRepository {
    /// The dossier when `pin` is its PIN, read as the public lookup reads it (without counting a guess).
    public func find(code: String, pin: String) async throws -> Dossier? {
        try await lookUp(Dossier.self, code: code, pin: pin, failuresOf: "tests", in: DossierLookup.throttleScope, since: .distantPast).dossier
    }
}
