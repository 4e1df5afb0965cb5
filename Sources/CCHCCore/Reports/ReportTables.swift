import Foundation

/// The appendix tables (phụ lục) a drafted report carries, made from its figures; staff may edit any of them
/// afterwards. Numbers are written the Vietnamese way (12,5).
public enum ReportTables {
    public static func make(_ figures: ReportFigures) -> [ReportTable] {
        var tables: [ReportTable] = []
        tables.append(
            ReportTable(
                key: "plans", title: "Tiến độ thực hiện kế hoạch CCHC", header: ["Kế hoạch", "Tên", "Nhiệm vụ hoàn thành", "Tổng số nhiệm vụ", "Quá hạn"],
                rows: figures.plans.map { [$0.code, $0.title, String($0.done), String($0.total), String($0.overdue)] }))
        let tasks = figures.tasks
        tables.append(
            ReportTable(
                key: "tasks", title: "Nhiệm vụ được giao đến hạn trong kỳ",
                header: ["Đến hạn", "Hoàn thành đúng hạn", "Hoàn thành trễ hạn", "Chưa hoàn thành"],
                rows: [[String(tasks.due), String(tasks.doneOnTime), String(tasks.doneLate), String(tasks.open)]]))
        tables.append(
            ReportTable(
                key: "compliance", title: "Thực hiện các yêu cầu", header: ["Yêu cầu", "Nội dung", "Đơn vị đã thực hiện", "Số đơn vị"],
                rows: figures.compliance.map { [$0.code, $0.title, String($0.done), String($0.total)] }))
        let dossiers = figures.dossiers
        tables.append(
            ReportTable(
                key: "dossiers", title: "Tiếp nhận và giải quyết hồ sơ TTHC",
                header: ["Tiếp nhận", "Đã giải quyết", "Giải quyết trễ hạn", "Quá hạn chưa giải quyết"],
                rows: [[String(dossiers.received), String(dossiers.finished), String(dossiers.finishedLate), String(dossiers.openOverdue)]]))
        tables.append(
            ReportTable(
                key: "fields", title: "Tỉ lệ trễ hạn theo lĩnh vực",
                header: ["Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Trễ hạn", "Quá hạn chưa giải quyết", "Tỉ lệ trễ hạn (%)"],
                rows: figures.fields.map { [$0.field, String($0.received), String($0.finished), String($0.late), String($0.openOverdue), number($0.lateRate)] })
        )
        if let index = figures.index {
            tables.append(
                ReportTable(
                    key: "index", title: "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766), phiên bản \(index.setVersion)",
                    header: ["Chỉ tiêu", "Tên", "Tỉ lệ (%)", "Điểm", "Điểm tối đa"],
                    rows: index.indicators.map { [$0.code, $0.name, number($0.ratio), number($0.score), number($0.maximum)] }
                        + [["", "Tổng (trên số điểm đo được \(number(index.measuredMaximum)))", "", number(index.total), number(index.maximum)]]))
        }
        let feedback = figures.feedback
        tables.append(
            ReportTable(
                key: "feedback", title: "Phản ánh, kiến nghị và đối thoại",
                header: ["Phản ánh tiếp nhận", "Đã giải quyết", "Giải quyết đúng hạn", "Quá hạn chưa giải quyết", "Cuộc đối thoại", "Ý kiến tại đối thoại"],
                rows: [
                    [
                        String(feedback.received), String(feedback.finished), String(feedback.finishedOnTime), String(feedback.openOverdue),
                        String(figures.dialogues.sessions), String(figures.dialogues.questions),
                    ]
                ]))
        tables.append(
            ReportTable(
                key: "surveys", title: "Khảo sát sự hài lòng", header: ["Đợt khảo sát", "Tên", "Số phiếu", "Chỉ số hài lòng (%)"],
                rows: figures.surveys.map { [$0.code, $0.title, String($0.respondents), number($0.index)] }))
        tables.append(
            ReportTable(
                key: "par", title: "Chỉ số CCHC", header: ["Đợt đánh giá", "Năm", "Trạng thái", "Đã gửi tự đánh giá", "Số đơn vị"],
                rows: figures.par.map { [$0.code, String($0.year), $0.state, String($0.submitted), String($0.total)] }))
        if !figures.submissions.isEmpty {
            tables.append(
                ReportTable(
                    key: "submissions", title: "Tình hình gửi báo cáo của các đơn vị", header: ["Mã đơn vị", "Đơn vị", "Báo cáo", "Ngày gửi", "Đúng hạn"],
                    rows: figures.submissions.map {
                        [$0.unitCode, $0.unitName, $0.reportCode ?? "Chưa gửi", $0.submittedOn ?? "", $0.reportCode == nil ? "" : ($0.onTime ? "Có" : "Không")]
                    }))
        }
        return tables
    }

    /// 12,5; 100; empty without a value.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
        return text.replacingOccurrences(of: ".", with: ",")
    }
}
