import Foundation

extension IndicatorSet {
    /// The indicator set of QĐ 766/QĐ-TTg as DVCQG scores it (DOMAIN.md §4), the first version a new
    /// database gets. The 12 online-service points split 2 / 4 / 6 between 3.1, 3.2 and 3.3 (one
    /// province's split; the law leaves it open). The report windows are Home Affairs' (DOMAIN.md §7) and
    /// the nine months a province adds.
    public static let qd766 = IndicatorSet(
        groups: [
            IndicatorGroup(code: "1", nameVi: "Công khai, minh bạch", nameEn: "Publicity and transparency", maximum: 18),
            IndicatorGroup(code: "2", nameVi: "Tiến độ giải quyết", nameEn: "Processing progress", maximum: 20),
            IndicatorGroup(code: "3", nameVi: "Dịch vụ trực tuyến", nameEn: "Online services", maximum: 22),
            IndicatorGroup(code: "4", nameVi: "Mức độ số hóa hồ sơ", nameEn: "Digitisation of dossiers", maximum: 22),
            IndicatorGroup(code: "5", nameVi: "Mức độ hài lòng", nameEn: "Satisfaction", maximum: 18),
        ],
        indicators: [
            Indicator(
                code: "1.1", group: "1", nameVi: "TTHC công bố đúng hạn", nameEn: "Procedures published on time",
                numerator: .proceduresPublishedOnTime, denominator: .proceduresPublished, maximum: 6, scaling: .linear),
            Indicator(
                code: "1.2", group: "1", nameVi: "TTHC cập nhật, công khai đúng hạn", nameEn: "Procedures posted on the national database on time",
                numerator: .proceduresPostedOnTime, denominator: .proceduresPostingJudged, maximum: 4, scaling: .linear),
            Indicator(
                code: "1.3", group: "1", nameVi: "TTHC công khai đầy đủ", nameEn: "Procedures published in full",
                numerator: .proceduresComplete, denominator: .proceduresTotal, maximum: 2, scaling: .linear),
            Indicator(
                code: "1.4", group: "1", nameVi: "Hồ sơ đồng bộ lên DVCQG", nameEn: "Dossiers synced to the national portal",
                numerator: .dossiersSynced, denominator: .dossiersReceived, maximum: 6, scaling: .linear),
            Indicator(
                code: "2.1", group: "2", nameVi: "Hồ sơ xử lý trước hạn, đúng hạn", nameEn: "Dossiers handled early or on time",
                numerator: .dossiersOnTime, denominator: .dossiersJudged, maximum: 20, scaling: .linear),
            Indicator(
                code: "2.2", group: "2", nameVi: "Thời gian giải quyết trung bình (giờ)", nameEn: "Mean processing time (hours)",
                numerator: .dossiersElapsedHours, denominator: .dossiersFinished, maximum: 0, scaling: .none),
            Indicator(
                code: "3.1", group: "3", nameVi: "TTHC cung cấp dịch vụ công trực tuyến", nameEn: "Procedures offered online",
                numerator: .proceduresOnline, denominator: .proceduresTotal, maximum: 2, scaling: .target(0.8)),
            Indicator(
                code: "3.2", group: "3", nameVi: "DVCTT có phát sinh hồ sơ", nameEn: "Online services with online dossiers",
                numerator: .proceduresOnlineUsed, denominator: .proceduresOnline, maximum: 4, scaling: .linear),
            Indicator(
                code: "3.3", group: "3", nameVi: "Hồ sơ nộp trực tuyến", nameEn: "Dossiers filed online",
                numerator: .dossiersReceivedOnline, denominator: .dossiersReceived, maximum: 6, scaling: .target(0.5)),
            Indicator(
                code: "3.4", group: "3", nameVi: "TTHC có NVTC tích hợp thanh toán trực tuyến", nameEn: "Fee-bearing procedures with online payment",
                numerator: .proceduresWithOnlinePayment, denominator: .proceduresWithFee, maximum: 2, scaling: .target(0.8)),
            Indicator(
                code: "3.5", group: "3", nameVi: "TTHC có phát sinh thanh toán trực tuyến", nameEn: "Fee-bearing procedures paid online at least once",
                numerator: .proceduresWithOnlinePaymentUsed, denominator: .proceduresWithFee, maximum: 2, scaling: .target(0.8)),
            Indicator(
                code: "3.6", group: "3", nameVi: "Hồ sơ thanh toán trực tuyến", nameEn: "Dossiers paid online",
                numerator: .dossiersPaidOnline, denominator: .dossiersWithFee, maximum: 6, scaling: .linear),
            Indicator(
                code: "4.1", group: "4", nameVi: "Hồ sơ có kết quả điện tử", nameEn: "Dossiers with an electronic result",
                numerator: .dossiersElectronicResult, denominator: .dossiersPaperResult, maximum: 6, scaling: .linear),
            Indicator(
                code: "4.2", group: "4", nameVi: "Hồ sơ được số hóa", nameEn: "Dossiers digitised",
                numerator: .dossiersReceivedDigitised, denominator: .dossiersReceived, maximum: 4, scaling: .linear),
            Indicator(
                code: "4.3", group: "4", nameVi: "Hồ sơ tái sử dụng dữ liệu số hóa", nameEn: "Dossiers reusing digitised data",
                numerator: .dossiersReused, denominator: .dossiersReceived, maximum: 2, scaling: .target(0.8)),
            Indicator(
                code: "4.4", group: "4", nameVi: "Hồ sơ kết nối kho dữ liệu cá nhân", nameEn: "Dossiers using the citizen's data store",
                numerator: .dossiersDataStore, denominator: .dossiersReceived, maximum: 4, scaling: .linear),
            Indicator(
                code: "4.5a", group: "4", nameVi: "TTHC kết nối CSDL quốc gia về dân cư", nameEn: "Procedures verified against the population database",
                numerator: .proceduresPopulationVerified, denominator: .proceduresForCitizens, maximum: 2, scaling: .linear),
            Indicator(
                code: "4.5b", group: "4", nameVi: "Hồ sơ sử dụng dữ liệu dân cư", nameEn: "Dossiers using population data",
                numerator: .dossiersPopulationData, denominator: .dossiersReceived, maximum: 2, scaling: .linear),
            Indicator(
                code: "4.6", group: "4", nameVi: "Chứng thực bản sao điện tử", nameEn: "Electronic certified copies",
                numerator: .unspecified, denominator: .unspecified, maximum: 2, scaling: .linear, emptyDenominator: .full),
            Indicator(
                code: "5.1", group: "5", nameVi: "PAKN theo phân loại", nameEn: "Feedback by classification",
                numerator: .feedbackClassified, denominator: .feedbackReceived, maximum: 0, scaling: .none),
            Indicator(
                code: "5.2", group: "5", nameVi: "PAKN xử lý đúng hạn", nameEn: "Feedback handled on time",
                numerator: .feedbackOnTime, denominator: .feedbackJudged, maximum: 6, scaling: .linear, emptyDenominator: .full),
            Indicator(
                code: "5.3", group: "5", nameVi: "Hài lòng trong xử lý PAKN", nameEn: "Satisfaction with feedback handling",
                numerator: .feedbackSatisfied, denominator: .feedbackReceived, maximum: 6, scaling: .linear, emptyDenominator: .full),
            Indicator(
                code: "5.4", group: "5", nameVi: "Hài lòng trong tiếp nhận, giải quyết TTHC", nameEn: "Satisfaction with dossier handling",
                numerator: .dossiersLateOrDissatisfied, denominator: .dossiersFinished, complement: true, maximum: 6, scaling: .target(0.9)),
        ],
        reportWindows: [
            ReportWindow(code: "Q1", nameVi: "Báo cáo quý I", nameEn: "First-quarter report", start: (12, 15), previousYear: true, end: (3, 14)),
            ReportWindow(code: "H1", nameVi: "Báo cáo 6 tháng", nameEn: "Six-month report", start: (12, 15), previousYear: true, end: (6, 14)),
            ReportWindow(code: "Q3", nameVi: "Báo cáo quý III", nameEn: "Third-quarter report", start: (6, 15), previousYear: false, end: (9, 14)),
            ReportWindow(code: "9M", nameVi: "Báo cáo 9 tháng", nameEn: "Nine-month report", start: (12, 15), previousYear: true, end: (9, 14)),
            ReportWindow(code: "Y", nameVi: "Báo cáo năm", nameEn: "Annual report", start: (12, 15), previousYear: true, end: (12, 14)),
        ])
}
