import Foundation

extension NotificationTemplates {
    /// The wording cchc ships with, version 1 of the rule set; short enough for one or two text messages.
    public static let standard = NotificationTemplates(templates: [
        NotificationKind.receipt.rawValue: [
            "vi": Template(
                subject: "Đã tiếp nhận hồ sơ {code}",
                body: "Hồ sơ {code} ({procedure}) đã được tiếp nhận. Hẹn trả kết quả: {dueDate}. Tra cứu tiến độ: {link}"),
            "en": Template(
                subject: "Dossier {code} received", body: "Dossier {code} ({procedure}) was received. Result due: {dueDate}. Track it: {link}"),
        ],
        NotificationKind.supplementRequested.rawValue: [
            "vi": Template(
                subject: "Hồ sơ {code} cần bổ sung", body: "Hồ sơ {code} ({procedure}) cần bổ sung giấy tờ. Xem nội dung cần bổ sung: {link}"),
            "en": Template(subject: "Dossier {code} needs more documents", body: "Dossier {code} ({procedure}) needs more documents. See what: {link}"),
        ],
        NotificationKind.paymentRequested.rawValue: [
            "vi": Template(subject: "Hồ sơ {code}: đề nghị nộp phí, lệ phí", body: "Hồ sơ {code} ({procedure}): đề nghị nộp {amount} đồng. Chi tiết: {link}"),
            "en": Template(subject: "Dossier {code}: fee due", body: "Dossier {code} ({procedure}): please pay {amount} VND. Details: {link}"),
        ],
        NotificationKind.apology.rawValue: [
            "vi": Template(
                subject: "Thư xin lỗi về hồ sơ {code}",
                body: "Hồ sơ {code} ({procedure}) bị chậm so với thời hạn. Cơ quan xin lỗi và hẹn lại ngày trả kết quả: {newDate}. Chi tiết: {link}"),
            "en": Template(
                subject: "Apology for dossier {code}",
                body: "Dossier {code} ({procedure}) is late. We apologise; the new date for the result is {newDate}. Details: {link}"),
        ],
        NotificationKind.resultReady.rawValue: [
            "vi": Template(subject: "Đã có kết quả hồ sơ {code}", body: "Hồ sơ {code} ({procedure}) đã có kết quả. Tra cứu: {link}"),
            "en": Template(subject: "Result ready for dossier {code}", body: "The result of dossier {code} ({procedure}) is ready. Details: {link}"),
        ],
        NotificationKind.feedbackAnswered.rawValue: [
            "vi": Template(subject: "Phản ánh, kiến nghị {code} đã được trả lời", body: "Phản ánh, kiến nghị {code} đã được trả lời. Xem trả lời: {link}"),
            "en": Template(subject: "Feedback {code} answered", body: "Your feedback {code} has been answered. Read the answer: {link}"),
        ],
        NotificationKind.surveyInvitation.rawValue: [
            "vi": Template(
                subject: "Mời tham gia khảo sát sự hài lòng", body: "Mời Ông/Bà đánh giá sự hài lòng ({survey}). Mã phiếu: {token}. Trả lời tại: {link}"),
            "en": Template(subject: "Satisfaction survey", body: "Please tell us how satisfied you were ({survey}). Ballot code: {token}. Answer at: {link}"),
        ],
        NotificationKind.dossierNearingDue.rawValue: [
            "vi": Template(subject: "Hồ sơ {code} sắp đến hạn", body: "Hồ sơ {code} ({procedure}) sắp đến hạn xử lý ({dueDate}). {link}"),
            "en": Template(subject: "Dossier {code} is nearly due", body: "Dossier {code} ({procedure}) is due {dueDate}. {link}"),
        ],
        NotificationKind.dossierOverdue.rawValue: [
            "vi": Template(subject: "Hồ sơ {code} đã quá hạn", body: "Hồ sơ {code} ({procedure}) đã quá hạn xử lý ({dueDate}). {link}"),
            "en": Template(subject: "Dossier {code} is overdue", body: "Dossier {code} ({procedure}) was due {dueDate}. {link}"),
        ],
        NotificationKind.taskDue.rawValue: [
            "vi": Template(subject: "Nhiệm vụ sắp đến hạn: {task}", body: "Nhiệm vụ \"{task}\" sắp đến hạn ({dueDate}). {link}"),
            "en": Template(subject: "Task nearly due: {task}", body: "Task \"{task}\" is due {dueDate}. {link}"),
        ],
        NotificationKind.taskOverdue.rawValue: [
            "vi": Template(subject: "Nhiệm vụ quá hạn: {task}", body: "Nhiệm vụ \"{task}\" đã quá hạn ({dueDate}). {link}"),
            "en": Template(subject: "Task overdue: {task}", body: "Task \"{task}\" was due {dueDate}. {link}"),
        ],
        NotificationKind.reportDue.rawValue: [
            "vi": Template(subject: "Sắp đến hạn gửi {report}", body: "{report} của đơn vị phải gửi trước ngày {dueDate}. {link}"),
            "en": Template(subject: "{report} due soon", body: "Your unit's {report} is due by {dueDate}. {link}"),
        ],
    ])
}
