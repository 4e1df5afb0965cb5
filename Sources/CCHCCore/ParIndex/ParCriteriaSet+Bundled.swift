import Foundation

/// The sets cchc ships with (docs/chi-so-cchc.md says what is law and what is shape). The provincial set
/// follows DOMAIN.md §5's structure: 8 fields on 100 points, of which 61.5 appraised, 6.5 socio-economic
/// impact, 22 the survey of leaders and managers and 10 SIPAS, with groups A ≥ 90 %, B ≥ 80 %, C ≥ 70 %; how
/// those components split over the fields is not published in DOMAIN.md, so the split below is a shape to
/// replace with the year's decision. The department and commune set is in the shape provinces issue: 8
/// fields plus bonus and penalty on 100 points, reading cchc's live figures where it can.
extension ParCriteriaSet {
    public static let fieldNames = [
        "Công tác chỉ đạo, điều hành CCHC", "Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước",
        "Cải cách chế độ công vụ", "Cải cách tài chính công", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội",
    ]

    /// The national set by which a province is scored (QĐ 876/QĐ-BNV for 2022–2023, QĐ 892/QĐ-BNV from 2024).
    public static func provincial(year: Int) -> ParCriteriaSet {
        // Per field: the appraised part and the leaders' survey part; the last field adds impact and SIPAS.
        let parts: [(appraised: Double, leaders: Double)] = [(7, 2.5), (7, 3), (10, 3), (6, 3), (8.5, 3.5), (6, 3), (10.5, 2), (6.5, 2)]
        var fields = zip(fieldNames, parts).enumerated().map { index, field in
            let code = String(index + 1)
            return ParNode(
                code: code, name: field.0, maximum: field.1.appraised + field.1.leaders,
                children: [
                    ParNode(
                        code: "\(code).TD", name: "Điểm thẩm định", maximum: field.1.appraised, method: .selfAssessed, rule: .points,
                        evidence: "Tài liệu kiểm chứng theo từng tiêu chí thành phần"),
                    ParNode(
                        code: "\(code).KS", name: "Điều tra xã hội học (lãnh đạo, quản lý)", maximum: field.1.leaders, method: .survey(.leaders),
                        rule: .proportional(target: 100)),
                ])
        }
        fields[7].maximum += 16.5
        fields[7].children += [
            ParNode(code: "8.TK", name: "Tác động đến phát triển kinh tế - xã hội (số liệu thống kê)", maximum: 6.5, method: .statistic, rule: .points),
            ParNode(
                code: "8.SIPAS", name: "Chỉ số hài lòng của người dân, tổ chức (SIPAS)", maximum: 10, method: .survey(.citizens),
                rule: .proportional(target: 100)),
        ]
        let decision = year >= 2024 ? "QĐ 892/QĐ-BNV ngày 05/12/2024" : "QĐ 876/QĐ-BNV ngày 10/11/2022"
        return ParCriteriaSet(
            year: year, level: .province, title: "Bộ Chỉ số CCHC cấp tỉnh \(year)", decision: decision, fields: fields,
            grades: [ParGrade("A", minimum: 90), ParGrade("B", minimum: 80), ParGrade("C", minimum: 70)])
    }

    /// A province's set for its departments or its communes: 8 fields and a bonus and a penalty section.
    public static func local(year: Int, level: ParLevel) -> ParCriteriaSet {
        func leaf(_ code: String, _ name: String, _ maximum: Double, _ method: ParMethod, _ rule: ParRule) -> ParNode {
            ParNode(code: code, name: name, maximum: maximum, method: method, rule: rule)
        }
        /// A self-assessed leaf and the evidence it asks for.
        func leaf(_ code: String, _ name: String, _ maximum: Double, rule: ParRule, evidence: String = "Văn bản, báo cáo chứng minh") -> ParNode {
            ParNode(code: code, name: name, maximum: maximum, method: .selfAssessed, rule: rule, evidence: evidence)
        }
        func field(_ number: Int, _ children: [ParNode]) -> ParNode {
            ParNode(code: String(number), name: fieldNames[number - 1], maximum: children.reduce(0) { $0 + $1.maximum }, children: children)
        }
        let tiers = ParRule.tiers([1, 0.75, 0.5, 0])
        let fields = [
            field(
                1,
                [
                    leaf("1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", 2, rule: .yesNo, evidence: "Kế hoạch CCHC năm"),
                    leaf("1.2", "Mức độ thực hiện kế hoạch CCHC năm", 3, rule: tiers),
                    leaf("1.3", "Báo cáo CCHC định kỳ (trừ 0,5 điểm mỗi báo cáo chậm)", 2, .computed(.reportsLate), .deduction(each: 0.5)),
                    leaf("1.4", "Nhiệm vụ được giao hoàn thành đúng hạn", 3, .computed(.tasksOnTime), .proportional(target: 100)),
                    leaf("1.5", "Tuyên truyền CCHC", 2, rule: tiers),
                ]),
            field(
                2,
                [
                    leaf("2.1", "Ban hành văn bản quy phạm pháp luật theo kế hoạch", 3, rule: tiers, evidence: "Danh mục văn bản đã ban hành"),
                    leaf("2.2", "Rà soát, hệ thống hóa văn bản", 3, rule: .yesNo),
                    leaf("2.3", "Kiểm tra, xử lý văn bản sau rà soát", 2, rule: .yesNo),
                ]),
            field(
                3,
                [
                    leaf("3.1", "Hồ sơ giải quyết trước hạn, đúng hạn", 6, .computed(.index("2.1")), .proportional(target: 100)),
                    leaf("3.2", "Hồ sơ nộp trực tuyến", 4, .computed(.index("3.3")), .proportional(target: 50)),
                    leaf("3.3", "Hồ sơ được số hóa", 3, .computed(.index("4.2")), .proportional(target: 100)),
                    leaf("3.4", "Phản ánh, kiến nghị xử lý đúng hạn", 3, .computed(.index("5.2")), .proportional(target: 100)),
                    leaf("3.5", "Công khai TTHC tại nơi tiếp nhận", 2, rule: .yesNo, evidence: "Ảnh chụp bảng niêm yết"),
                    leaf("3.6", "Xin lỗi khi trễ hạn", 2, rule: .yesNo),
                ]),
            field(
                4,
                [
                    leaf("4.1", "Sắp xếp tổ chức bộ máy theo quy định", 4, rule: tiers),
                    leaf("4.2", "Thực hiện quy định về phân cấp, ủy quyền", 4, rule: .yesNo),
                ]),
            field(
                5,
                [
                    leaf("5.1", "Vị trí việc làm được phê duyệt và thực hiện", 4, rule: tiers),
                    leaf("5.2", "Chấp hành kỷ luật, kỷ cương hành chính", 3, rule: .deduction(each: 1)),
                    leaf("5.3", "Đào tạo, bồi dưỡng công chức theo kế hoạch", 3, rule: .proportional(target: 100)),
                ]),
            field(
                6,
                [
                    leaf("6.1", "Thực hiện cơ chế tự chủ tài chính", 3, rule: .yesNo, evidence: "Quyết định giao tự chủ"),
                    leaf("6.2", "Giải ngân vốn đầu tư công", 3, rule: .proportional(target: 95)),
                ]),
            field(
                7,
                [
                    leaf("7.1", "Văn bản điện tử, chữ ký số", 4, rule: .proportional(target: 100)),
                    leaf("7.2", "Hệ thống thông tin báo cáo kết nối", 4, rule: .yesNo),
                    leaf("7.3", "Hồ sơ có kết quả điện tử", 4, .computed(.index("4.1")), .proportional(target: 100)),
                ]),
            field(
                8,
                [
                    leaf("8.1", "Mức độ hài lòng của người dân, tổ chức (khảo sát của tỉnh)", 14, .survey(.citizens), .proportional(target: 100)),
                    leaf("8.2", "Đánh giá của lãnh đạo, quản lý", 6, .survey(.leaders), .proportional(target: 100)),
                    leaf("8.3", "Thực hiện chỉ tiêu kinh tế - xã hội được giao", 4, .statistic, tiers),
                ]),
            ParNode(
                code: "TH", name: "Điểm thưởng", maximum: 3, section: .bonus,
                children: [leaf("TH.1", "Sáng kiến, mô hình CCHC được công nhận, nhân rộng", 3, rule: .points, evidence: "Quyết định công nhận")]),
            ParNode(
                code: "TR", name: "Điểm trừ", maximum: 5, section: .penalty,
                children: [
                    leaf("TR.1", "Cán bộ, công chức bị xử lý kỷ luật liên quan đến CCHC", 3, rule: .points),
                    leaf("TR.2", "Để xảy ra sai phạm trong giải quyết TTHC bị phản ánh, xác minh đúng", 2, rule: .points),
                ]),
        ]
        let cohorts =
            level == .commune
            ? [ParCohort(code: "XA", name: "Xã, phường, đặc khu", unitKinds: [.commune, .ward, .specialZone])]
            : [ParCohort(code: "SO", name: "Sở, ban, ngành", unitKinds: [.department])]
        return ParCriteriaSet(
            year: year, level: level, title: "Bộ tiêu chí xác định Chỉ số CCHC \(level == .commune ? "cấp xã" : "cấp sở") năm \(year)",
            decision: "Quyết định của UBND tỉnh (mẫu)", fields: fields,
            grades: [
                ParGrade("Xuất sắc", minimum: 90), ParGrade("Tốt", minimum: 80), ParGrade("Khá", minimum: 70), ParGrade("Trung bình", minimum: 50),
                ParGrade("Yếu", minimum: 0),
            ], cohorts: cohorts)
    }
}
