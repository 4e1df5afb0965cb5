import CCHCCore
import Foundation
import WorkCalendar

/// A made-up province, "Tỉnh Minh Họa", labelled as demo data everywhere it appears. Its history follows
/// the real 2025 reorganisation: departments merged on 1/3/2025, districts abolished and communes merged
/// into larger ones on 1/7/2025, each closed unit pointing to the unit that took over its work.
enum DemoUnits {
    static let provinceCode = "000.00.00.H99"
    static let provincialCentreCode = "000.00.30.H99"
    static let homeAffairsCode = "000.00.02.H99"
    static let agricultureEnvironmentCode = "000.00.07.H99"

    static let founded = LocalDate(year: 2000, month: 1, day: 1)!
    static let departmentMerger = LocalDate(year: 2025, month: 3, day: 1)!
    static let twoTierGovernment = LocalDate(year: 2025, month: 7, day: 1)!

    static var rows: [UnitImportRow] {
        var rows: [UnitImportRow] = []
        func add(
            _ code: String, _ name: String, _ shortName: String, _ kind: UnitKind, parent: String?,
            from: LocalDate = founded, to: LocalDate? = nil, successor: String? = nil
        ) {
            rows.append(
                UnitImportRow(
                    line: rows.count + 2, code: code, name: name, shortName: shortName, kind: kind, parentCode: parent,
                    effectiveFrom: from, effectiveTo: to, successorCode: successor))
        }
        add(provinceCode, "Tỉnh Minh Họa (dữ liệu mẫu)", "Minh Họa (DEMO)", .province, parent: nil)

        // Departments and agencies in effect today.
        let departments: [(String, String, String, LocalDate)] = [
            ("01", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", founded),
            ("02", "Sở Nội vụ", "Sở Nội vụ", founded),
            ("03", "Sở Tư pháp", "Sở Tư pháp", founded),
            ("04", "Sở Tài chính", "Sở Tài chính", founded),
            ("05", "Sở Xây dựng", "Sở Xây dựng", founded),
            ("06", "Sở Công Thương", "Sở Công Thương", founded),
            ("07", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", departmentMerger),
            ("08", "Sở Khoa học và Công nghệ", "Sở KH&CN", founded),
            ("09", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", founded),
            ("10", "Sở Y tế", "Sở Y tế", founded),
            ("11", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL", founded),
            ("12", "Sở Dân tộc và Tôn giáo", "Sở DT&TG", departmentMerger),
            ("13", "Thanh tra tỉnh", "Thanh tra tỉnh", founded),
            ("14", "Sở Ngoại vụ", "Sở Ngoại vụ", founded),
            ("15", "Ban Quản lý các khu công nghiệp tỉnh", "BQL các KCN", founded),
        ]
        for (number, name, shortName, from) in departments {
            add("000.00.\(number).H99", name, shortName, .department, parent: provinceCode, from: from)
        }
        add("000.01.07.H99", "Chi cục Kiểm lâm", "CC Kiểm lâm", .department, parent: agricultureEnvironmentCode, from: departmentMerger)
        add("000.02.07.H99", "Chi cục Thủy lợi", "CC Thủy lợi", .department, parent: agricultureEnvironmentCode, from: departmentMerger)

        // Departments merged on 1/3/2025 (Nghị quyết về sắp xếp cơ quan chuyên môn).
        let merged: [(String, String, String, String)] = [
            ("16", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "04"),
            ("17", "Sở Tài nguyên và Môi trường", "Sở TN&MT", "07"),
            ("18", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "07"),
            ("19", "Sở Giao thông vận tải", "Sở GTVT", "05"),
            ("20", "Sở Lao động - Thương binh và Xã hội", "Sở LĐTB&XH", "02"),
            ("21", "Sở Thông tin và Truyền thông", "Sở TT&TT", "08"),
            ("22", "Ban Dân tộc tỉnh", "Ban Dân tộc", "12"),
        ]
        for (number, name, shortName, successor) in merged {
            add(
                "000.00.\(number).H99", name, shortName, .department, parent: provinceCode, to: departmentMerger,
                successor: "000.00.\(successor).H99")
        }

        // Vertical agencies (ngành dọc) present in the province.
        add("000.00.41.H99", "Công an tỉnh Minh Họa", "Công an tỉnh", .verticalAgency, parent: provinceCode)
        add("000.00.42.H99", "Bảo hiểm xã hội tỉnh Minh Họa", "BHXH tỉnh", .verticalAgency, parent: provinceCode)
        add("000.00.43.H99", "Thuế tỉnh Minh Họa", "Thuế tỉnh", .verticalAgency, parent: provinceCode)

        // The provincial public administrative service centre and its reception points.
        add(
            provincialCentreCode, "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC tỉnh", .serviceCenter, parent: provinceCode,
            from: LocalDate(year: 2019, month: 10, day: 1)!)
        add("000.01.30.H99", "Điểm tiếp nhận số 1 (khu Bắc)", "Điểm TN số 1", .receptionPoint, parent: provincialCentreCode, from: twoTierGovernment)
        add("000.02.30.H99", "Điểm tiếp nhận số 2 (khu Nam)", "Điểm TN số 2", .receptionPoint, parent: provincialCentreCode, from: twoTierGovernment)

        // Communes, wards and the special zone of the two-tier government, each with its service centre.
        for (index, commune) in communes.enumerated() {
            let number = 60 + index
            let code = "000.00.\(number).H99"
            add(code, commune.name, commune.shortName, commune.kind, parent: provinceCode, from: twoTierGovernment)
            add(
                "000.01.\(number).H99", "Trung tâm Phục vụ hành chính công \(commune.name.lowercasedFirstWord)",
                "TTPVHCC \(commune.shortName)", .serviceCenter, parent: code, from: twoTierGovernment)
        }

        // Districts abolished on 1/7/2025 and their communes, merged into the new communes.
        for district in districts {
            add(
                district.code, district.name, district.shortName, .district, parent: provinceCode, to: twoTierGovernment,
                successor: communeCode(district.successor))
            for (index, old) in district.communes.enumerated() {
                add(
                    "000.\(String(format: "%02d", index + 1)).\(district.code.dropFirst(7).prefix(2)).H99", old.name, old.name,
                    old.kind, parent: district.code, to: twoTierGovernment, successor: communeCode(old.successor))
            }
        }
        return rows
    }

    struct Commune {
        var name: String
        var shortName: String
        var kind: UnitKind
    }

    static let communes: [Commune] = {
        let wards = ["Phường Trung Tâm", "Phường Hòa Bình", "Phường Thống Nhất", "Phường Bến Cảng", "Phường Hải Đăng", "Phường Đông Hải"]
        let rural = [
            "Xã Sông Xanh", "Xã Đồi Thông", "Xã Tân Lập", "Xã Phú Hòa", "Xã An Bình", "Xã Thạnh Mỹ", "Xã Long Phước",
            "Xã Hòa Thuận", "Xã Đông Sơn", "Xã Tây Sơn", "Xã Bình Minh", "Xã Tiến Thành", "Xã Quang Trung", "Xã Hưng Đạo",
            "Xã Suối Lớn", "Xã Cầu Đá", "Xã Núi Thành", "Xã Hồng Phong", "Xã Thanh Sơn", "Xã Mỹ Lộc", "Xã Vĩnh Hảo",
            "Xã Tân Phú", "Xã Ea Rông",
        ]
        let named: [(String, UnitKind)] =
            wards.map { ($0, UnitKind.ward) } + rural.map { ($0, UnitKind.commune) }
            + [("Đặc khu Đảo Ngọc", UnitKind.specialZone)]
        return named.map { name, kind in
            let prefix = kind == .ward ? "P. " : kind == .commune ? "X. " : "ĐK "
            let place = name.hasPrefix("Đặc khu") ? String(name.dropFirst(8)) : String(name.drop { $0 != " " }.dropFirst())
            let shortName = prefix + place
            return Commune(name: name, shortName: shortName, kind: kind)
        }
    }()

    static func communeCode(_ name: String) -> String {
        guard let index = communes.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("Demo data names an unknown commune: \(name)")
        }
        return "000.00.\(60 + index).H99"
    }

    struct District {
        var code: String
        var name: String
        var shortName: String
        var successor: String
        var communes: [(name: String, kind: UnitKind, successor: String)]
    }

    static let districts: [District] = [
        District(
            code: "000.00.51.H99", name: "Thành phố Minh Họa", shortName: "TP Minh Họa", successor: "Phường Trung Tâm",
            communes: [
                ("Phường 1", .ward, "Phường Trung Tâm"), ("Phường 2", .ward, "Phường Trung Tâm"),
                ("Phường 3", .ward, "Phường Hòa Bình"), ("Xã Hòa Bình", .commune, "Phường Hòa Bình"),
                ("Phường Thống Nhất", .ward, "Phường Thống Nhất"),
            ]),
        District(
            code: "000.00.52.H99", name: "Huyện Sông Xanh", shortName: "H. Sông Xanh", successor: "Xã Sông Xanh",
            communes: [
                ("Thị trấn Sông Xanh", .commune, "Xã Sông Xanh"), ("Xã Tân Lập", .commune, "Xã Tân Lập"),
                ("Xã Tân Hiệp", .commune, "Xã Tân Lập"), ("Xã Phú Hòa", .commune, "Xã Phú Hòa"),
            ]),
        District(
            code: "000.00.53.H99", name: "Huyện Đồi Thông", shortName: "H. Đồi Thông", successor: "Xã Đồi Thông",
            communes: [
                ("Thị trấn Đồi Thông", .commune, "Xã Đồi Thông"), ("Xã An Bình", .commune, "Xã An Bình"),
                ("Xã An Khánh", .commune, "Xã An Bình"), ("Xã Ea Rông", .commune, "Xã Ea Rông"),
            ]),
        District(
            code: "000.00.54.H99", name: "Thị xã Bến Cảng", shortName: "TX Bến Cảng", successor: "Phường Bến Cảng",
            communes: [
                ("Phường Cảng Cá", .ward, "Phường Bến Cảng"), ("Phường Hải Đăng", .ward, "Phường Hải Đăng"),
                ("Xã Đông Hải", .commune, "Phường Đông Hải"), ("Xã Đảo Ngọc", .commune, "Đặc khu Đảo Ngọc"),
            ]),
    ]
}

extension String {
    /// "Phường Trung Tâm" → "phường Trung Tâm", for use inside a longer name.
    var lowercasedFirstWord: String {
        guard let space = firstIndex(of: " ") else { return lowercased() }
        return self[..<space].lowercased() + self[space...]
    }
}
