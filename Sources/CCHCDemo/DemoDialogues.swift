import CCHCCore
import Foundation
import WorkCalendar

/// Dialogue sessions over the demo year, recorded through the dialogue use case: the Sở NN&MT holds one
/// every quarter, the Sở Xây dựng misses one, the Sở Nội vụ only starts in the last quarter; questions are
/// answered on the spot, sent on as feedback, or put to the unit as tasks (some done, some overdue), so that
/// the quarter table shows who fell short and the task list has something to follow.
struct DemoDialogues {
    let store: any Store
    let now: Date

    struct Plan {
        var chair: String
        var chairTitle: String
        var unitCode: String
        /// The quarters (1–4) of this year it held a session in.
        var quarters: [Int]
    }

    static let plans = [
        Plan(chair: "lanhdao", chairTitle: "Giám đốc Sở Nông nghiệp và Môi trường", unitCode: DemoUnits.agricultureEnvironmentCode, quarters: [1, 2, 3, 4]),
        Plan(chair: "xaydung.lanhdao", chairTitle: "Giám đốc Sở Xây dựng", unitCode: DemoProcedures.construction, quarters: [1, 3]),
        Plan(chair: "noivu.lanhdao", chairTitle: "Giám đốc Sở Nội vụ", unitCode: DemoUnits.homeAffairsCode, quarters: [4]),
    ]

    func generate() async throws -> Int {
        let today = VietnamTime.localDate(of: now)
        let service = DialogueService(store: store) { FeedbackService(store: $0, maximumLookupFailures: 1000) }
        var made = 0
        for plan in Self.plans {
            guard let chair = try await store.users.find(username: plan.chair) else { continue }
            for quarter in plan.quarters {
                // The middle of the quarter's second month, or a week ago for the quarter under way.
                var day = Quarter(year: today.year, number: quarter).firstDay.adding(days: 45)
                if day > today.adding(days: -7) { day = today.adding(days: -7) }
                guard Quarter(of: day).number == quarter, day.year == today.year else { continue }
                let recordedAt = VietnamTime.instant(on: day, secondsOfDay: 16 * 3600)
                let input = DialogueInput(
                    unitCode: plan.unitCode, heldOn: day.description, place: "Hội trường \(plan.chairTitle.replacingOccurrences(of: "Giám đốc ", with: ""))",
                    chairName: chair.fullName.components(separatedBy: " (").first ?? chair.fullName, chairTitle: plan.chairTitle, audience: "both",
                    participants: [.citizens: String(30 + quarter * 7), .businesses: String(6 + quarter), .officials: "12"],
                    conclusion: "Giao các phòng chuyên môn giải quyết dứt điểm kiến nghị; báo cáo kết quả trước hội nghị quý sau.",
                    questions: questions(plan: plan, day: day, quarter: quarter))
                let recorded = try await service.record(input, by: chair, now: recordedAt)
                made += 1
                // The first record was typed with the wrong hall and corrected the next day.
                if made == 1 {
                    var corrected = input
                    corrected.place = "Hội trường tầng 3, \(input.place)"
                    corrected.questions = recorded.session.questions.map {
                        DialogueQuestionInput(askedBy: $0.askedBy, organisation: $0.organisation ?? "", answer: $0.answer ?? "")
                    }
                    _ = try await service.amend(
                        code: recorded.session.code, corrected, expectedVersion: recorded.session.version, by: chair, now: recordedAt.addingTimeInterval(86_400)
                    )
                }
                // Tasks from the first quarters are done; later ones are still open, one past its day.
                if quarter <= 2 {
                    for case .task(let code) in recorded.session.questions.compactMap(\.followUp) {
                        guard let task = try await store.tasks.find(code: code) else { continue }
                        let doneAt = VietnamTime.instant(on: day.adding(days: 12), secondsOfDay: 10 * 3600)
                        _ = try await TaskService(store: store).complete(
                            code: code, note: "Đã rà soát, hướng dẫn và trả lời bằng văn bản cho người kiến nghị.", expectedVersion: task.version, by: chair,
                            now: doneAt)
                    }
                }
            }
        }
        return made
    }

    private func questions(plan: Plan, day: LocalDate, quarter: Int) -> [DialogueQuestionInput] {
        [
            DialogueQuestionInput(
                askedBy: "Ông Nguyễn Văn An (demo)", text: "Thời gian giải quyết hồ sơ có được rút ngắn so với quy định không?",
                answer: "Đơn vị đã cắt giảm 20 % thời gian với các thủ tục thường gặp và niêm yết tại bộ phận một cửa."),
            DialogueQuestionInput(
                askedBy: "Bà Trần Thị Bích (demo)", organisation: "Công ty TNHH Bích Ngọc (demo)",
                text: "Hồ sơ nộp trực tuyến vẫn bị yêu cầu nộp bản giấy, đề nghị làm rõ.", followUp: "task", unitCode: plan.unitCode,
                dueOn: day.adding(days: 20).description),
            DialogueQuestionInput(
                askedBy: "Ông Lê Văn Cường (demo)", text: "Cán bộ tiếp nhận hướng dẫn chưa thống nhất giữa các lần nộp.",
                answer: quarter == 4 ? "" : "Đơn vị sẽ tập huấn lại và phát hành bộ hướng dẫn mẫu.", followUp: quarter == 4 ? "feedback" : "none",
                contact: "0909000\(String(format: "%03d", quarter))",
                unitCode: plan.unitCode),
        ]
    }
}
