import CCHCCore
import Foundation
import WorkCalendar

/// Small, readable data for tests: a province with a department, a commune, a service centre.
public enum Fixtures {
    /// A fixed "now": Monday 23/11/2026, 09:00 in Vietnam, on a whole second (PostgreSQL keeps microseconds).
    public static let now = VietnamTime.instant(on: LocalDate(year: 2026, month: 11, day: 23)!, secondsOfDay: 9 * 3600)

    public static func day(_ text: String) -> LocalDate {
        guard let date = LocalDate(text) else { preconditionFailure("Not a date: \(text)") }
        return date
    }

    public static let provinceCode = "000.00.00.H01"
    public static let homeAffairsCode = "000.00.02.H01"
    public static let landCode = "000.00.07.H01"
    public static let communeCode = "000.00.60.H01"
    public static let centreCode = "000.00.30.H01"

    public static var units: [UnitImportRow] {
        [
            UnitImportRow(
                line: 2, code: provinceCode, name: "Tỉnh Thử Nghiệm", shortName: "Thử Nghiệm", kind: .province, parentCode: nil,
                effectiveFrom: day("2000-01-01")),
            UnitImportRow(
                line: 3, code: homeAffairsCode, name: "Sở Nội vụ", shortName: "SNV", kind: .department, parentCode: provinceCode,
                effectiveFrom: day("2000-01-01")),
            UnitImportRow(
                line: 4, code: landCode, name: "Sở Nông nghiệp và Môi trường", shortName: "Sở NN&MT", kind: .department, parentCode: provinceCode,
                effectiveFrom: day("2025-03-01")),
            UnitImportRow(
                line: 5, code: communeCode, name: "Phường Đông Hòa", shortName: "P. Đông Hòa", kind: .ward, parentCode: provinceCode,
                effectiveFrom: day("2025-07-01")),
            UnitImportRow(
                line: 6, code: centreCode, name: "Trung tâm Phục vụ hành chính công tỉnh", shortName: "TTPVHCC", kind: .serviceCenter, parentCode: provinceCode,
                effectiveFrom: day("2019-01-01")),
        ]
    }

    /// Loads `units` through the import path (so through every tree rule).
    @discardableResult
    public static func loadUnits(into store: any Store) async throws -> UnitImportPlan {
        let plan = try await store.units.importUnits(units, now: now)
        precondition(plan.errors.isEmpty, "Fixture units break a rule: \(plan.errors)")
        return plan
    }
}
