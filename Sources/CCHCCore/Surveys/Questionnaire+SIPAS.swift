import Foundation

extension Questionnaire {
    /// The bundled citizens' questionnaire, after the service part of SIPAS (QĐ 1001/QĐ-BNV, DOMAIN.md §6):
    /// five factors, each with perceptions and satisfaction on a five-level scale; satisfied means "hài
    /// lòng" or "rất hài lòng"; the index is the mean over items, then over factors; e = 5 %. The wording is
    /// cchc's own; a province loads its questionnaire as a new version.
    public static let sipas = Questionnaire(
        title: Text("Phiếu khảo sát sự hài lòng về phục vụ hành chính", "Satisfaction with administrative services"),
        sections: [
            Section(
                code: "access", name: Text("Tiếp cận dịch vụ", "Access to the service"),
                items: [
                    Item(
                        code: "access.channel", kind: .choice, text: Text("Ông/bà nộp hồ sơ qua kênh nào?", "How did you submit the dossier?"),
                        options: [
                            Option(code: "desk", label: Text("Tại Bộ phận Một cửa", "At the one-stop desk")),
                            Option(code: "post", label: Text("Qua bưu chính", "By post")),
                            Option(code: "online", label: Text("Trực tuyến", "Online")),
                        ]),
                    satisfaction("access.place", "Nơi tiếp nhận hồ sơ thuận tiện, đủ chỗ ngồi, có chỉ dẫn", "The desk is convenient, with seats and signs"),
                    satisfaction(
                        "access.information", "Thông tin về thủ tục được niêm yết, công khai dễ tìm", "Information on the procedure is posted and easy to find"),
                ]),
            Section(
                code: "procedure", name: Text("Thủ tục hành chính", "The procedure"),
                items: [
                    satisfaction("procedure.components", "Thành phần hồ sơ phải nộp hợp lý", "The documents required are reasonable"),
                    satisfaction("procedure.fees", "Phí, lệ phí phải nộp đúng quy định, hợp lý", "The fees are as set out and reasonable"),
                    satisfaction("procedure.time", "Thời hạn giải quyết hợp lý", "The time limit is reasonable"),
                ]),
            Section(
                code: "officials", name: Text("Công chức trực tiếp giải quyết", "The officials"),
                items: [
                    Item(
                        code: "officials.trips", kind: .choice,
                        text: Text("Ông/bà phải đi lại bao nhiêu lần để hoàn thành thủ tục?", "How many trips did the procedure take?"),
                        options: [
                            Option(code: "1", label: Text("Một lần", "One"), weight: 100),
                            Option(code: "2", label: Text("Hai lần", "Two"), weight: 60),
                            Option(code: "3", label: Text("Ba lần", "Three"), weight: 20),
                            Option(code: "4_or_more", label: Text("Bốn lần trở lên", "Four or more"), weight: 0),
                        ]),
                    Item(
                        code: "officials.harassment", kind: .yesNo,
                        text: Text("Công chức có gây phiền hà, sách nhiễu không?", "Did an official harass you or ask for favours?"),
                        options: [Option(code: "yes", label: Text("Có", "Yes"), weight: 0), Option(code: "no", label: Text("Không", "No"), weight: 100)]),
                    satisfaction("officials.attitude", "Công chức có thái độ lịch sự, tận tình", "The officials were polite and helpful"),
                    satisfaction("officials.guidance", "Công chức hướng dẫn đầy đủ, dễ hiểu", "The officials' guidance was complete and clear"),
                ]),
            Section(
                code: "result", name: Text("Kết quả giải quyết", "The result"),
                items: [
                    Item(
                        code: "result.on_time", kind: .yesNo, text: Text("Ông/bà nhận kết quả đúng hẹn?", "Did you receive the result on time?"),
                        options: [Option(code: "yes", label: Text("Có", "Yes"), weight: 100), Option(code: "no", label: Text("Không", "No"), weight: 0)]),
                    Item(
                        code: "result.apology", kind: .yesNo,
                        text: Text("Nếu trễ hẹn, ông/bà có nhận được thư xin lỗi?", "If it was late, did you receive an apology letter?"), required: false),
                    satisfaction("result.accuracy", "Kết quả đúng quy định, thông tin chính xác", "The result is lawful and its information correct"),
                ]),
            Section(
                code: "feedback", name: Text("Tiếp nhận, xử lý phản ánh, kiến nghị", "Handling of feedback"),
                items: [
                    Item(
                        code: "feedback.raised", kind: .yesNo,
                        text: Text("Ông/bà có phản ánh, kiến nghị trong khi làm thủ tục?", "Did you raise feedback during the procedure?"), required: false),
                    Item(
                        code: "feedback.handling", kind: .satisfaction,
                        text: Text("Phản ánh, kiến nghị được tiếp nhận, trả lời kịp thời", "Feedback was received and answered in time"), required: false),
                    Item(
                        code: "feedback.suggestion", kind: .text,
                        text: Text("Ý kiến góp ý để nâng cao chất lượng phục vụ", "What would improve the service?"), required: false),
                ]),
        ],
        scale: [
            Text("Rất không hài lòng", "Very dissatisfied"), Text("Không hài lòng", "Dissatisfied"), Text("Bình thường", "Neutral"),
            Text("Hài lòng", "Satisfied"), Text("Rất hài lòng", "Very satisfied"),
        ],
        satisfiedLevels: [4, 5], index: .meanOfSections, marginOfError: 0.05)

    private static func satisfaction(_ code: String, _ vi: String, _ en: String) -> Item {
        Item(code: code, kind: .satisfaction, text: Text(vi, en))
    }
}
