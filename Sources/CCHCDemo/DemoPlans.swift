import CCHCCore
import Foundation
import WorkCalendar

/// The province's 2021–2025 reform plan with 40 key tasks across the eight fields, put to departments:
/// 17 confirmed done (the seed's "17/40"), a few reported done and awaiting Home Affairs, the rest still
/// open, some with progress reported; recorded through the plan use cases.
struct DemoPlans {
    let store: any Store
    let now: Date

    /// Made-up tasks (labelled demo), by field of reform.
    static let titles: [(field: Int, title: String)] = [
        (1, "Ban hành kế hoạch CCHC hằng năm"), (1, "Kiểm tra công tác CCHC tại các đơn vị"), (1, "Tuyên truyền CCHC trên báo, đài tỉnh"),
        (1, "Đánh giá, xếp hạng Chỉ số CCHC các sở, địa phương"), (1, "Khen thưởng tập thể, cá nhân tiêu biểu về CCHC"),
        (2, "Rà soát văn bản quy phạm pháp luật của tỉnh"), (2, "Xây dựng quy chế phối hợp liên thông"), (2, "Hệ thống hóa văn bản kỳ 2019–2023"),
        (2, "Kiểm tra văn bản sau ban hành"), (2, "Lấy ý kiến doanh nghiệp về dự thảo văn bản"),
        (3, "Rà soát, đơn giản hóa TTHC lĩnh vực đất đai"), (3, "Công bố danh mục TTHC đúng hạn"), (3, "Cắt giảm thời gian giải quyết TTHC xây dựng"),
        (3, "Triển khai liên thông khai sinh, thường trú, BHYT"), (3, "Chuẩn hóa quy trình nội bộ giải quyết TTHC"),
        (4, "Sắp xếp đơn vị sự nghiệp công lập"), (4, "Kiện toàn tổ chức phòng chuyên môn"), (4, "Rà soát chức năng, nhiệm vụ các sở"),
        (4, "Sắp xếp đơn vị hành chính cấp xã"), (4, "Phân cấp, ủy quyền giải quyết TTHC"),
        (5, "Phê duyệt vị trí việc làm"), (5, "Đào tạo, bồi dưỡng kỹ năng số cho công chức"), (5, "Tuyển dụng công chức theo vị trí việc làm"),
        (5, "Đánh giá công chức theo kết quả công việc"), (5, "Tăng cường kỷ luật, kỷ cương hành chính"),
        (6, "Giao quyền tự chủ cho đơn vị sự nghiệp"), (6, "Đẩy nhanh giải ngân vốn đầu tư công"), (6, "Thực hiện cơ chế khoán chi hành chính"),
        (6, "Công khai ngân sách theo quy định"), (6, "Quản lý, sử dụng tài sản công"),
        (7, "Nâng cấp hệ thống thông tin giải quyết TTHC"), (7, "Số hóa hồ sơ, kết quả giải quyết TTHC"), (7, "Kết nối CSDL quốc gia về dân cư"),
        (7, "Văn bản điện tử có chữ ký số"), (7, "Xây dựng kho dữ liệu dùng chung của tỉnh"),
        (8, "Khảo sát sự hài lòng của người dân, doanh nghiệp"), (8, "Tổ chức đối thoại với doanh nghiệp"), (8, "Nâng cao chỉ số PCI của tỉnh"),
        (8, "Xử lý phản ánh, kiến nghị đúng hạn"), (8, "Công khai kết quả giải quyết hồ sơ"),
    ]

    func generate() async throws -> Int {
        guard let staff = try await store.users.find(username: "noivu") else { return 0 }
        let service = PlanService(store: store)
        let tree = try await store.units.tree()
        guard let province = tree.units.first(where: { $0.kind == .province && $0.parentID == nil }) else { return 0 }
        let departments = tree.units.filter { $0.kind == .department && $0.isEffective(on: VietnamTime.localDate(of: now)) }.sorted { $0.code < $1.code }
        guard !departments.isEmpty else { return 0 }
        let recordedAt = VietnamTime.instant(on: LocalDate(year: 2021, month: 3, day: 1)!, secondsOfDay: 9 * 3600)
        let plan = try await service.record(
            PlanInput(
                kind: "fiveYear", title: "Kế hoạch CCHC nhà nước giai đoạn 2021–2025 (demo)", number: "68/KH-UBND", signedOn: "2021-03-01",
                signer: "Chủ tịch UBND tỉnh (demo)", unitCode: province.code, fromYear: "2021", toYear: "2025",
                targets:
                    "100 % TTHC được công khai đúng hạn [766:1.1 >= 100]\nTỷ lệ hồ sơ trực tuyến đạt trên 50 % [766:3.3 >= 50]\nHồ sơ giải quyết đúng hạn từ 95 % [766:2.1 >= 95]\nChỉ số hài lòng đạt trên 90 %"
            ),
            by: staff, now: recordedAt)
        let leaders = try await DemoStaffDirectory(store: store)
        for (index, entry) in Self.titles.enumerated() {
            let lead = departments[(index * 7) % departments.count]
            let due = LocalDate(year: 2021 + index % 5, month: [6, 9, 12][index % 3], day: 30)!
            let task = try await service.addTask(
                to: plan.code,
                KeyTaskInput(
                    title: entry.title + " (demo)", leadUnitCode: lead.code, supportingUnitCodes: departments[(index * 7 + 3) % departments.count].code,
                    dueOn: due.description, field: String(entry.field), expectedProduct: "Báo cáo kết quả thực hiện (demo)"),
                by: staff, now: recordedAt)
            let leader = leaders.leader(of: lead.code)
            let doneAt = VietnamTime.instant(on: min(due, VietnamTime.localDate(of: now)), secondsOfDay: 10 * 3600)
            // Every other one of the first 34 done: 17 confirmed; three more reported and awaiting; progress on some of the rest.
            if index < 34, index % 2 == 0 {
                var done = try await TaskService(store: store).complete(
                    code: task.code, note: "Đã hoàn thành, có văn bản kèm theo (demo).", expectedVersion: task.version, by: leader, now: doneAt)
                done = try await service.review(code: done.code, confirm: true, reason: "", expectedVersion: done.version, by: staff, now: doneAt)
            } else if index >= 34, index < 37 {
                _ = try await TaskService(store: store).complete(
                    code: task.code, note: "Đơn vị báo cáo đã hoàn thành (demo).", expectedVersion: task.version, by: leader, now: doneAt)
            } else if index % 3 == 0 {
                _ = try await service.reportProgress(
                    code: task.code, percent: String(30 + index % 5 * 10), note: "Đang triển khai (demo).", expectedVersion: task.version, by: leader,
                    now: doneAt)
            }
        }
        return 1
    }
}
