import CCHCCore
import Foundation
import WorkCalendar

/// A few reform initiatives and models: one recognised and taken up by three communes, one applied, one
/// just proposed.
struct DemoInitiatives {
    let store: any Store
    let now: Date

    func generate() async throws -> Int {
        guard let staff = try await store.users.find(username: "noivu") else { return 0 }
        let today = VietnamTime.localDate(of: now)
        let tree = try await store.units.tree()
        let communes = tree.units.filter { $0.kind == .commune && $0.isEffective(on: today) }
        guard communes.count >= 5 else { return 0 }
        let service = InitiativeService(store: store)
        let entries: [(Initiative.Kind, String, String, String, Int, Initiative.Status, String?, [OrgUnit])] = [
            (
                .model, "Mô hình \"Bộ phận Một cửa không giấy\" (demo)", "Tiếp nhận, số hóa toàn bộ hồ sơ tại quầy; trả kết quả điện tử (dữ liệu mẫu).",
                communes[0].code, today.year - 1, .recognised, "122/QĐ-UBND (demo)", Array(communes[1...3])
            ),
            (
                .initiative, "Trợ lý ảo hướng dẫn TTHC đất đai (demo)", "Trả lời câu hỏi thường gặp về TTHC đất đai trên Zalo (dữ liệu mẫu).",
                DemoUnits.agricultureEnvironmentCode, today.year, .applied, nil, []
            ),
            (
                .initiative, "Tổ công nghệ số cộng đồng hỗ trợ nộp hồ sơ trực tuyến (demo)",
                "Đoàn viên hỗ trợ người cao tuổi nộp hồ sơ trực tuyến (dữ liệu mẫu).",
                communes[4].code, today.year, .proposed, nil, []
            ),
        ]
        for (kind, title, summary, unitCode, year, status, recognition, replicated) in entries {
            let initiative = try await service.register(
                kind: kind.rawValue, title: title, summary: summary, unitCode: unitCode, year: String(year), by: staff, now: now)
            guard status != .proposed else { continue }
            _ = try await service.update(
                code: initiative.code, status: status.rawValue, recognition: recognition ?? "", replicatedTo: replicated.map(\.code).joined(separator: ","),
                expectedVersion: initiative.version, by: staff, now: now)
        }
        return entries.count
    }
}
