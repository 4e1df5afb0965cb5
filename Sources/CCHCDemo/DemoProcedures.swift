import CCHCCore
import Foundation
import WorkCalendar

/// About forty procedures of the demo province, in the fields the seed articles talk about: land,
/// construction, household business, civil status, certification and social affairs. Codes start with
/// `DM.` so that nobody mistakes them for national codes; times, steps and papers follow common practice.
enum DemoProcedures {
    static let effectiveFrom = LocalDate(year: 2025, month: 7, day: 1)!
    static let construction = "000.00.05.H99"
    static let tax = "000.00.43.H99"
    static let socialInsurance = "000.00.42.H99"

    /// Every commune-level desk: the service centre of each commune, ward and the special zone.
    static var communeCentres: [String] {
        DemoUnits.communes.indices.map { "000.01.\(60 + $0).H99" }
    }

    struct Spec {
        var code: String
        var name: String
        var field: String
        /// A unit code, or nil for local government.
        var competent: String?
        var time: ProcedureDraft.TimeUnit
        var value: Int
        var cutoff: String = ""
        var rule: SupplementRule = .pause
        var fee: Int = 0
        var feeNote: String = ""
        var online: OnlineLevel
        var papers: [ProcedureComponent]
        /// A step for the tax office to work out the financial obligation (land transfers), in working hours.
        var taxStep: Int = 0
    }

    static func paper(
        _ name: String, originals: Int = 1, copies: Int = 0, photocopies: Int = 0, show: Bool = false, required: Bool = true
    ) -> ProcedureComponent {
        ProcedureComponent(name: name, originals: originals, certifiedCopies: copies, photocopies: photocopies, mayPresentOriginal: show, required: required)
    }

    static let land = "Đất đai", building = "Xây dựng", business = "Thành lập và hoạt động của hộ kinh doanh"
    static let civil = "Hộ tịch", certification = "Chứng thực", social = "Bảo trợ xã hội", merit = "Người có công", insurance = "Bảo hiểm y tế"
    static let agriculture = DemoUnits.agricultureEnvironmentCode

    static let specs: [Spec] = [
        // Đất đai
        Spec(
            code: "DM.01.001", name: "Đăng ký đất đai, tài sản gắn liền với đất lần đầu và cấp Giấy chứng nhận", field: land, competent: agriculture,
            time: .workingDays, value: 20, fee: 100_000, feeNote: "Lệ phí cấp giấy chứng nhận theo Nghị quyết của HĐND tỉnh", online: .partial,
            papers: [
                paper("Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu 04/ĐK)"), paper("Giấy tờ về quyền sử dụng đất", copies: 1, show: true),
                paper("Sơ đồ nhà ở, công trình xây dựng", required: false), paper("Chứng từ thực hiện nghĩa vụ tài chính", copies: 1, required: false),
            ]),
        Spec(
            code: "DM.01.002", name: "Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho", field: land, competent: agriculture,
            time: .workingDays, value: 10, fee: 50_000, online: .partial,
            papers: [
                paper("Đơn đăng ký biến động đất đai (Mẫu 11/ĐK)"), paper("Hợp đồng chuyển nhượng, tặng cho đã công chứng, chứng thực"),
                paper("Giấy chứng nhận đã cấp"), paper("Tờ khai thuế thu nhập cá nhân, lệ phí trước bạ", originals: 2),
            ], taxStep: 16),
        Spec(
            code: "DM.01.003", name: "Cấp đổi Giấy chứng nhận quyền sử dụng đất", field: land, competent: agriculture,
            time: .workingDays, value: 7, fee: 50_000, online: .partial,
            papers: [paper("Đơn đề nghị cấp đổi (Mẫu 11/ĐK)"), paper("Giấy chứng nhận đã cấp")]),
        Spec(
            code: "DM.01.004", name: "Cấp lại Giấy chứng nhận do bị mất", field: land, competent: agriculture,
            time: .workingDays, value: 10, fee: 50_000, online: .partial,
            papers: [paper("Đơn đề nghị cấp lại (Mẫu 11/ĐK)"), paper("Giấy xác nhận đã niêm yết thông báo mất giấy tại UBND cấp xã")]),
        Spec(
            code: "DM.01.005", name: "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", field: land, competent: agriculture,
            time: .workingDays, value: 3, cutoff: "15:00", fee: 80_000, online: .full,
            papers: [paper("Phiếu yêu cầu đăng ký thế chấp (Mẫu 01a)"), paper("Hợp đồng thế chấp", copies: 1, show: true), paper("Giấy chứng nhận đã cấp")]),
        Spec(
            code: "DM.01.006", name: "Xóa đăng ký thế chấp quyền sử dụng đất", field: land, competent: agriculture,
            time: .workingHours, value: 8, cutoff: "15:00", fee: 20_000, online: .full,
            papers: [paper("Phiếu yêu cầu xóa đăng ký (Mẫu 03a)"), paper("Văn bản đồng ý xóa đăng ký của bên nhận thế chấp")]),
        Spec(
            code: "DM.01.007", name: "Tách thửa hoặc hợp thửa đất", field: land, competent: agriculture,
            time: .workingDays, value: 15, fee: 50_000, online: .partial,
            papers: [paper("Đơn đề nghị tách thửa, hợp thửa (Mẫu 11/ĐK)"), paper("Bản vẽ tách thửa, hợp thửa"), paper("Giấy chứng nhận đã cấp")]),
        Spec(
            code: "DM.01.008", name: "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền", field: land, competent: agriculture,
            time: .workingDays, value: 15, online: .partial,
            papers: [paper("Đơn xin chuyển mục đích sử dụng đất"), paper("Giấy chứng nhận đã cấp")], taxStep: 24),
        Spec(
            code: "DM.01.009", name: "Hòa giải tranh chấp đất đai tại UBND cấp xã", field: land, competent: nil,
            time: .calendarDays, value: 30, rule: .restart, online: .none,
            papers: [
                paper("Đơn yêu cầu hòa giải tranh chấp đất đai"), paper("Giấy tờ liên quan đến thửa đất tranh chấp", originals: 0, photocopies: 1, show: true),
            ]),
        // Xây dựng
        Spec(
            code: "DM.02.001", name: "Cấp giấy phép xây dựng nhà ở riêng lẻ", field: building, competent: nil,
            time: .workingDays, value: 15, fee: 75_000, online: .full,
            papers: [
                paper("Đơn đề nghị cấp giấy phép xây dựng"), paper("Giấy tờ về quyền sử dụng đất", copies: 1, show: true),
                paper("Bản vẽ thiết kế xây dựng", originals: 2),
            ]),
        Spec(
            code: "DM.02.002", name: "Cấp giấy phép xây dựng công trình (cấp II, cấp III)", field: building, competent: construction,
            time: .workingDays, value: 20, fee: 150_000, online: .partial,
            papers: [
                paper("Đơn đề nghị cấp giấy phép xây dựng"), paper("Giấy tờ về quyền sử dụng đất", copies: 1, show: true),
                paper("Quyết định phê duyệt dự án", copies: 1), paper("Hồ sơ thiết kế xây dựng", originals: 2),
                paper("Văn bản thẩm duyệt phòng cháy, chữa cháy", copies: 1, required: false),
            ]),
        Spec(
            code: "DM.02.003", name: "Điều chỉnh giấy phép xây dựng", field: building, competent: construction,
            time: .workingDays, value: 10, fee: 100_000, online: .partial,
            papers: [paper("Đơn đề nghị điều chỉnh giấy phép xây dựng"), paper("Giấy phép xây dựng đã cấp"), paper("Bản vẽ thiết kế điều chỉnh", originals: 2)]),
        Spec(
            code: "DM.02.004", name: "Gia hạn giấy phép xây dựng", field: building, competent: construction,
            time: .workingDays, value: 5, fee: 15_000, online: .full,
            papers: [paper("Đơn đề nghị gia hạn giấy phép xây dựng"), paper("Giấy phép xây dựng đã cấp")]),
        Spec(
            code: "DM.02.005", name: "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", field: building, competent: construction,
            time: .workingDays, value: 25, online: .partial,
            papers: [paper("Tờ trình thẩm định"), paper("Báo cáo nghiên cứu khả thi", originals: 2), paper("Văn bản chủ trương đầu tư", copies: 1)]),
        Spec(
            code: "DM.02.006", name: "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", field: building, competent: construction,
            time: .workingDays, value: 20, fee: 300_000, online: .full,
            papers: [paper("Đơn đề nghị cấp chứng chỉ hành nghề"), paper("Văn bằng chuyên môn", copies: 1), paper("Ảnh màu 4x6", originals: 2)]),
        // Hộ kinh doanh
        Spec(
            code: "DM.03.001", name: "Đăng ký thành lập hộ kinh doanh", field: business, competent: nil,
            time: .workingDays, value: 3, fee: 100_000, online: .full,
            papers: [paper("Giấy đề nghị đăng ký hộ kinh doanh"), paper("Biên bản họp thành viên hộ gia đình", required: false)]),
        Spec(
            code: "DM.03.002", name: "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", field: business, competent: nil,
            time: .workingDays, value: 3, fee: 50_000, online: .full,
            papers: [paper("Thông báo thay đổi nội dung đăng ký hộ kinh doanh"), paper("Giấy chứng nhận đăng ký hộ kinh doanh đã cấp")]),
        Spec(
            code: "DM.03.003", name: "Tạm ngừng, tiếp tục kinh doanh trước thời hạn của hộ kinh doanh", field: business, competent: nil,
            time: .workingDays, value: 3, online: .full, papers: [paper("Thông báo tạm ngừng, tiếp tục kinh doanh")]),
        Spec(
            code: "DM.03.004", name: "Chấm dứt hoạt động hộ kinh doanh", field: business, competent: nil,
            time: .workingDays, value: 3, online: .full,
            papers: [paper("Thông báo chấm dứt hoạt động hộ kinh doanh"), paper("Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế", copies: 1)]),
        Spec(
            code: "DM.03.005", name: "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", field: business, competent: nil,
            time: .workingDays, value: 3, fee: 50_000, online: .full, papers: [paper("Giấy đề nghị cấp lại")]),
        // Hộ tịch
        Spec(
            code: "DM.04.001", name: "Đăng ký khai sinh", field: civil, competent: nil,
            time: .workingHours, value: 8, cutoff: "15:00", online: .full,
            papers: [paper("Tờ khai đăng ký khai sinh"), paper("Giấy chứng sinh")]),
        Spec(
            code: "DM.04.002", name: "Đăng ký kết hôn", field: civil, competent: nil,
            time: .workingHours, value: 8, cutoff: "15:00", online: .partial,
            papers: [paper("Tờ khai đăng ký kết hôn"), paper("Giấy xác nhận tình trạng hôn nhân", required: false)]),
        Spec(
            code: "DM.04.003", name: "Đăng ký khai tử", field: civil, competent: nil,
            time: .workingHours, value: 8, cutoff: "15:00", online: .full,
            papers: [paper("Tờ khai đăng ký khai tử"), paper("Giấy báo tử hoặc giấy tờ thay giấy báo tử")]),
        Spec(
            code: "DM.04.004", name: "Thay đổi, cải chính, bổ sung thông tin hộ tịch", field: civil, competent: nil,
            time: .workingDays, value: 3, fee: 15_000, online: .partial,
            papers: [paper("Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch"), paper("Giấy tờ làm căn cứ", copies: 1, show: true)]),
        Spec(
            code: "DM.04.005", name: "Cấp bản sao trích lục hộ tịch", field: civil, competent: nil,
            time: .workingHours, value: 8, cutoff: "15:00", fee: 8_000, feeNote: "8.000 đồng/bản sao", online: .full,
            papers: [paper("Tờ khai cấp bản sao trích lục hộ tịch")]),
        Spec(
            code: "DM.04.006", name: "Cấp Giấy xác nhận tình trạng hôn nhân", field: civil, competent: nil,
            time: .workingDays, value: 3, online: .full, papers: [paper("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân")]),
        Spec(
            code: "DM.04.007", name: "Đăng ký nhận cha, mẹ, con", field: civil, competent: nil,
            time: .workingDays, value: 3, online: .partial,
            papers: [paper("Tờ khai đăng ký nhận cha, mẹ, con"), paper("Văn bản xác nhận quan hệ cha, mẹ, con", copies: 1)]),
        Spec(
            code: "DM.04.008", name: "Đăng ký giám hộ", field: civil, competent: nil,
            time: .workingDays, value: 3, online: .partial,
            papers: [paper("Tờ khai đăng ký giám hộ"), paper("Văn bản cử người giám hộ", copies: 1)]),
        Spec(
            code: "DM.04.009", name: "Đăng ký lại khai sinh", field: civil, competent: nil,
            time: .workingDays, value: 5, online: .partial,
            papers: [paper("Tờ khai đăng ký lại khai sinh"), paper("Bản sao giấy tờ có thông tin khai sinh", copies: 1, required: false)]),
        // Chứng thực
        Spec(
            code: "DM.05.001", name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản", field: certification, competent: nil,
            time: .workingHours, value: 8, cutoff: "15:00", fee: 2_000, feeNote: "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang", online: .none,
            papers: [paper("Bản chính giấy tờ cần chứng thực", show: true), paper("Bản sao cần chứng thực", originals: 0, photocopies: 1)]),
        Spec(
            code: "DM.05.002", name: "Chứng thực chữ ký trong giấy tờ, văn bản", field: certification, competent: nil,
            time: .workingHours, value: 8, cutoff: "15:00", fee: 10_000, feeNote: "10.000 đồng/trường hợp", online: .none,
            papers: [paper("Giấy tờ, văn bản cần chứng thực chữ ký")]),
        Spec(
            code: "DM.05.003", name: "Chứng thực hợp đồng, giao dịch liên quan đến động sản", field: certification, competent: nil,
            time: .workingDays, value: 2, fee: 50_000, online: .none,
            papers: [paper("Dự thảo hợp đồng, giao dịch"), paper("Giấy tờ chứng minh quyền sở hữu động sản", copies: 1, show: true)]),
        Spec(
            code: "DM.05.004", name: "Chứng thực hợp đồng, giao dịch liên quan đến quyền sử dụng đất, nhà ở", field: certification, competent: nil,
            time: .workingDays, value: 3, fee: 50_000, online: .none,
            papers: [paper("Dự thảo hợp đồng, giao dịch"), paper("Giấy chứng nhận quyền sử dụng đất", copies: 1, show: true)]),
        Spec(
            code: "DM.05.005", name: "Chứng thực văn bản thỏa thuận phân chia di sản", field: certification, competent: nil,
            time: .workingDays, value: 3, fee: 50_000, online: .none,
            papers: [paper("Dự thảo văn bản thỏa thuận phân chia di sản"), paper("Giấy chứng tử của người để lại di sản", copies: 1)]),
        Spec(
            code: "DM.05.006", name: "Sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực", field: certification, competent: nil,
            time: .workingDays, value: 2, fee: 25_000, online: .none, papers: [paper("Hợp đồng, giao dịch đã được chứng thực")]),
        // Xã hội
        Spec(
            code: "DM.06.001", name: "Trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng", field: social, competent: nil,
            time: .workingDays, value: 15, online: .partial,
            papers: [paper("Tờ khai đề nghị trợ giúp xã hội (Mẫu 1a)"), paper("Giấy xác nhận khuyết tật", copies: 1, required: false)]),
        Spec(
            code: "DM.06.002", name: "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", field: social, competent: nil,
            time: .workingDays, value: 5, online: .partial,
            papers: [paper("Tờ khai đề nghị hỗ trợ chi phí mai táng"), paper("Giấy chứng tử", copies: 1)]),
        Spec(
            code: "DM.06.003", name: "Xác định hộ nghèo, hộ cận nghèo phát sinh trong năm", field: social, competent: nil,
            time: .workingDays, value: 7, online: .partial, papers: [paper("Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo")]),
        Spec(
            code: "DM.06.004", name: "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở", field: social, competent: nil,
            time: .workingDays, value: 2, online: .none, papers: [paper("Tờ khai đề nghị hỗ trợ nhà ở (Mẫu 3)")]),
        Spec(
            code: "DM.07.001", name: "Giải quyết chế độ trợ cấp một lần đối với người có công và thân nhân", field: merit, competent: DemoUnits.homeAffairsCode,
            time: .workingDays, value: 20, online: .partial,
            papers: [paper("Đơn đề nghị hưởng trợ cấp"), paper("Giấy tờ chứng minh là người có công", copies: 1)]),
        Spec(
            code: "DM.08.001", name: "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", field: insurance, competent: socialInsurance,
            time: .workingDays, value: 5, online: .full, papers: [paper("Tờ khai tham gia bảo hiểm y tế (Mẫu TK1-TS)")]),
    ]

    /// Steps in working hours (or days for calendar-day procedures) that add up to the processing time:
    /// the desk takes it in and hands the result back; a specialist of the competent unit examines it; its
    /// leader signs. Land transfers also go to the tax office for the financial obligation.
    static func steps(_ spec: Spec) -> [ProcedureDraft.Step] {
        if spec.time == .calendarDays {
            return [
                .init(name: "Tiếp nhận, chuyển hồ sơ", holder: "receiving", role: .deskOfficer, allowance: 1),
                .init(name: "Xác minh, tổ chức hòa giải", holder: "competent", role: .specialist, allowance: spec.value - 3),
                .init(name: "Lập biên bản, ký kết quả", holder: "competent", role: .unitLeader, allowance: 1),
                .init(name: "Trả kết quả", holder: "receiving", role: .deskOfficer, allowance: 1),
            ]
        }
        let total = spec.time == .workingDays ? spec.value * 8 : spec.value
        let desk = total >= 40 ? 4 : 1, sign = total >= 40 ? 8 : total >= 16 ? 4 : 2
        var steps: [ProcedureDraft.Step] = [.init(name: "Tiếp nhận, chuyển hồ sơ", holder: "receiving", role: .deskOfficer, allowance: desk)]
        let examine = total - 2 * desk - sign - spec.taxStep
        steps.append(.init(name: "Thẩm định, xử lý hồ sơ", holder: "competent", role: .specialist, allowance: examine))
        if spec.taxStep > 0 {
            steps.append(.init(name: "Xác định nghĩa vụ tài chính", holder: tax, role: .specialist, allowance: spec.taxStep))
        }
        steps.append(.init(name: "Phê duyệt, ký kết quả", holder: "competent", role: .unitLeader, allowance: sign))
        steps.append(.init(name: "Trả kết quả", holder: "receiving", role: .deskOfficer, allowance: desk))
        return steps
    }

    static var drafts: [ProcedureDraft] {
        specs.map { spec in
            ProcedureDraft(
                code: spec.code, name: spec.name, field: spec.field, competentUnitCode: spec.competent ?? ProcedureDraft.localGovernment,
                receivingUnitCodes: spec.competent == nil ? communeCentres : [DemoUnits.provincialCentreCode],
                timeUnit: spec.time, timeValue: spec.value, cutoff: spec.cutoff, supplementRule: spec.rule, fee: spec.fee,
                feeNote: spec.feeNote, components: spec.papers, steps: steps(spec), onlineLevel: spec.online, effectiveFrom: effectiveFrom)
        }
    }
}
