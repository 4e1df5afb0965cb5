import CCHCCore
import Foundation
import WorkCalendar

/// Feedback over the demo year, told through the feedback use cases: most handled on time, land feedback at
/// the Sở NN&MT answered late or raised again, some still open and overdue, a few refused, so that indicators
/// 5.1–5.3 and the officers' queues show something to read.
struct DemoFeedback {
    let store: any Store
    let now: Date
    /// Where the senders' attachments go.
    let files: any FileStorage

    /// One story: the unit it goes to, what it is about, and how it went (days after it was received).
    struct Story {
        var unitCode: String
        var topic: FeedbackTopic
        var title: String
        var content: String
        var ending: Ending
    }

    enum Ending {
        case answered(acceptAfter: Int, answerAfter: Int, rating: FeedbackRating?)
        case askedForMore
        case refused
        case reopened
        case open(acceptAfter: Int?)
    }

    static let subjects: [(String, FeedbackTopic, String, String)] = [
        (
            DemoUnits.agricultureEnvironmentCode, .unit, "Chậm cấp giấy chứng nhận quyền sử dụng đất",
            "Hồ sơ đăng ký biến động đất đai của gia đình tôi quá hẹn nhưng chưa nhận được thư xin lỗi."
        ),
        (
            DemoProcedures.construction, .unit, "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
            "Đề nghị hướng dẫn rõ thành phần hồ sơ khi nhà có tầng hầm; cán bộ yêu cầu bổ sung nhiều lần."
        ),
        (
            DemoUnits.homeAffairsCode, .official, "Thái độ tiếp công dân tại bộ phận một cửa",
            "Công chức tiếp nhận trả lời thiếu nhiệt tình, không hướng dẫn cách tra cứu hồ sơ trực tuyến."
        ),
        (
            DemoUnits.provincialCentreCode, .other, "Đề nghị bố trí thêm ghế chờ",
            "Buổi sáng thứ Hai rất đông người, đề nghị Trung tâm bố trí thêm ghế và máy lấy số."
        ),
    ]

    func generate(count: Int) async throws -> Int {
        let users = try await DemoStaffDirectory(store: store)
        let service = FeedbackService(store: store, maximumLookupFailures: 1000, files: files)
        let today = VietnamTime.localDate(of: now)
        // The demo citizen sends some from the account: "Phản ánh của tôi" has something to follow.
        let citizen = try await store.users.find(username: "congdan")
        var made = 0
        for index in 0..<count {
            let (unitCode, topic, title, content) = Self.subjects[index % Self.subjects.count]
            let age = 300 - index * 300 / max(count, 1)
            let received = VietnamTime.instant(on: today.adding(days: -age), secondsOfDay: 9 * 3600 + (index % 7) * 1800)
            let land = unitCode == DemoUnits.agricultureEnvironmentCode
            let ending: Ending =
                switch index % 10 {
                case _ where age < 3: .open(acceptAfter: nil)
                case 0 where age < 40: .open(acceptAfter: 1)
                case 3: .refused
                case 5: .askedForMore
                case 8 where land: .reopened
                default:
                    land && index % 3 == 0
                        ? .answered(acceptAfter: 4, answerAfter: 26, rating: .notHelpful)
                        : .answered(acceptAfter: 1, answerAfter: 8, rating: index % 2 == 0 ? .helpful : nil)
                }
            let input = FeedbackSubmission(
                name: "Người dân \(index + 1) (demo)", phone: "0900000\(String(format: "%03d", index % 1000))", topic: topic, unitCode: unitCode,
                officialName: topic == .official ? "Công chức tiếp nhận" : "", title: title, content: content)
            let staged = index % 8 == 0 ? try await attachment(for: input, received: received) : []
            var feedback = try await service.submit(
                input, account: index % 30 == 1 ? citizen : nil, staged: staged, address: "demo", now: received
            ).feedback
            let officer = users.officer(of: unitCode), leader = users.leader(of: unitCode)
            func act(_ action: FeedbackAction, after days: Int, by actor: FeedbackPolicy.Actor) async throws {
                let at = received.addingTimeInterval(TimeInterval(days) * 86_400)
                guard at < now else { return }
                feedback = try await service.act(on: feedback, action, expectedVersion: feedback.version, by: actor, now: at)
            }
            let classification: FeedbackClass = topic == .official ? .conduct : topic == .other ? .other : .rules
            switch ending {
            case .answered(let acceptAfter, let answerAfter, let rating):
                try await act(.accept(classification), after: acceptAfter, by: .staff(officer))
                try await act(
                    .answer("Đơn vị đã kiểm tra và trả lời: \(title.lowercased()) được xử lý theo quy định hiện hành."), after: answerAfter, by: .staff(officer)
                )
                try await act(.publish, after: answerAfter + 1, by: .staff(leader))
                if let rating { try await act(.rate(rating), after: answerAfter + 3, by: .sender) }
            case .askedForMore:
                try await act(.accept(classification), after: 1, by: .staff(officer))
                try await act(.askInfo(question: "Đề nghị cung cấp mã hồ sơ và ngày nộp."), after: 2, by: .staff(officer))
                try await act(.reply("Mã hồ sơ ghi trên giấy tiếp nhận, nộp đầu tháng."), after: 5, by: .sender)
                try await act(.answer("Đơn vị đã liên hệ trực tiếp và hướng dẫn người dân."), after: 9, by: .staff(officer))
                try await act(.publish, after: 10, by: .staff(leader))
            case .refused:
                try await act(
                    .refuse(reason: "Nội dung không thuộc phạm vi tiếp nhận phản ánh, kiến nghị về quy định hành chính."), after: 1, by: .staff(officer))
            case .reopened:
                try await act(.accept(classification), after: 2, by: .staff(officer))
                try await act(.answer("Hồ sơ đang được xác minh nguồn gốc đất, sẽ trả kết quả sớm."), after: 12, by: .staff(officer))
                try await act(.publish, after: 13, by: .staff(leader))
                try await act(.rate(.notHelpful), after: 15, by: .sender)
                try await act(.reopen(reason: "Đã quá hẹn thêm 10 ngày vẫn chưa có kết quả."), after: 16, by: .sender)
            case .open(let acceptAfter):
                if let acceptAfter { try await act(.accept(classification), after: acceptAfter, by: .staff(officer)) }
            }
            made += 1
        }
        return made
    }

    /// The letter a sender attaches: what they wrote, as a one-page PDF.
    private func attachment(for input: FeedbackSubmission, received: Date) async throws -> [StagedFile] {
        let lines = [
            "Don phan anh, kien nghi (du lieu demo)", "Nguoi gui: \(SearchText.fold(input.name))",
            "Ngay: \(VietnamTime.localDate(of: received).vietnameseFormat)", "Noi dung: \(SearchText.fold(input.title))",
        ]
        let file = try await files.stage(
            DemoDocument.pdf(lines: lines), componentIndex: 0, originalName: "don-phan-anh.pdf", owner: "demo", now: received)
        return file.map { [$0] } ?? []
    }

}

/// The demo's officers by unit: one to handle feedback and the unit's leader to publish it; reform staff
/// publish where a unit has no leader account.
struct DemoStaffDirectory {
    var byUnit: [String: (officer: User?, leader: User?)] = [:]
    var reformStaff: User

    init(store: any Store) async throws {
        guard let noivu = try await store.users.find(username: "noivu") else { throw DomainError.notFound("user.not_found") }
        reformStaff = noivu
        let pairs: [(String, String, String?)] = [
            (DemoUnits.provincialCentreCode, "motcua", nil),
            (DemoUnits.agricultureEnvironmentCode, "chuyenvien", "lanhdao"),
            (DemoProcedures.construction, "xaydung.chuyenvien", "xaydung.lanhdao"),
            (DemoUnits.homeAffairsCode, "noivu.chuyenvien", "noivu.lanhdao"),
        ]
        for (unit, officer, leader) in pairs {
            let leaderAccount = if let leader { try await store.users.find(username: leader) } else { User?.none }
            byUnit[unit] = (try await store.users.find(username: officer), leaderAccount)
        }
    }

    func officer(of unit: String) -> User { byUnit[unit]?.officer ?? reformStaff }
    func leader(of unit: String) -> User { byUnit[unit]?.leader ?? reformStaff }
}
