import CCHCCore
import CSVFormat
import Foundation
import Vapor

extension ParResultsController {
    static let nationalColumns = ["province", "total", "appraised", "impact", "leaders", "sipas", "rank"]

    struct NationalPage: Encodable {
        struct Component: Encodable {
            var name: String
            var points: String
            var maximum: String
            var lost: String
        }

        struct Field: Encodable {
            var name: String
            var rank: Int
            var band: String
        }

        var year: Int
        var previousYear: Int
        var hasTable: Bool
        var province: String?
        var total: String?
        var rank: String?
        var group: String?
        var average: String?
        var pointsChange: String?
        var placesChange: String?
        var fieldsInTop20: Int
        var components: [Component]
        var fields: [Field]
        var canImport: Bool
        var form: FormState
    }

    func national(_ request: Request) async throws -> Response {
        var chosen = request.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil }
        // Without a year: the latest one imported (a table comes out the year after it scores).
        if chosen == nil {
            for candidate in stride(from: request.today.year, through: request.today.year - 5, by: -1)
            where try await request.store.par.nationalTable(year: candidate) != nil {
                chosen = candidate
                break
            }
        }
        let year = chosen ?? request.today.year - 1
        return try await renderNational(request, year: year, form: FormState(values: ["year": String(year), "table": ""]))
    }

    func renderNational(_ request: Request, year: Int, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try request.requireUser()
        let standing = try await ParService(store: request.store).nationalStanding(year: year, by: user)
        let language = request.language
        func n(_ value: Double) -> String { IndexFormat.number(ParCriteriaSet.rounded(value), language: language) }
        let page = NationalPage(
            year: year, previousYear: year - 1, hasTable: try await request.store.par.nationalTable(year: year) != nil, province: standing?.row.province,
            total: standing.map { n($0.row.total) }, rank: standing.map { "\($0.row.rank)/\($0.provinces)" }, group: standing?.group,
            average: standing.map { n($0.average) }, pointsChange: standing?.pointsChange.map { ($0 > 0 ? "+" : "") + n($0) },
            placesChange: standing?.placesChange.map {
                $0 > 0 ? request.t("par.national.up", ["n": String($0)]) : $0 < 0 ? request.t("par.national.down", ["n": String(-$0)]) : "="
            },
            fieldsInTop20: standing?.fieldsInTop20 ?? 0,
            components: standing?.components.map {
                .init(name: request.t("par.component.\($0.key)"), points: n($0.points), maximum: n($0.maximum), lost: n($0.lost))
            } ?? [],
            fields: standing?.fieldRanks.map { .init(name: $0.field, rank: $0.rank, band: request.t($0.band.messageKey)) } ?? [],
            canImport: user.can(.managePar), form: form)
        return try await request.render("par/national", title: request.t("par.national.title", ["year": String(year)]), page, status: status)
    }

    /// The published table pasted as CSV: `province,total,appraised,impact,leaders,sipas,rank` and the field
    /// ranks `field1`…`field8` when published; every bad row named.
    func importNational(_ request: Request) async throws -> Response {
        let values = request.formValues(["year", "table"])
        let year = Int(values["year"] ?? "") ?? 0
        do {
            let table = try Self.table(values["table"] ?? "", year: year, by: try request.requireUser(), now: request.now)
            try await ParService(store: request.store).importNationalTable(table, by: try request.requireUser())
            return request.redirect(to: "/par/national?year=\(year)", flash: "flash.par_national_imported", ["n": String(table.rows.count)])
        } catch let error as DomainError where error.kind == .validation {
            var form = FormState(values: values)
            form.show(error, at: "table", besides: ["year"], request)
            return try await renderNational(
                request, year: (2000...2100).contains(year) ? year : request.today.year - 1, form: form, status: .unprocessableEntity)
        }
    }

    static func table(_ text: String, year: Int, by user: User, now: Date) throws -> ParNationalTable {
        let csv: CSV.Table
        do {
            csv = try CSV.table(text, requiring: nationalColumns)
        } catch {
            throw DomainError.validation([FieldError("table", "par.csv.header", ["columns": nationalColumns.joined(separator: ", ")])])
        }
        var errors: [FieldError] = []
        let rows = csv.records.map { record -> ParNationalTable.Row in
            func number(_ column: String) -> Double {
                guard let value = Double(record.value(column).replacingOccurrences(of: ",", with: ".")) else {
                    errors.append(FieldError("table", "par.csv.line", ["line": String(record.line), "reason": column]))
                    return 0
                }
                return value
            }
            let ranks = (1...8).compactMap { Int(record.value("field\($0)")) }
            return ParNationalTable.Row(
                province: record.value("province"), appraised: number("appraised"), impact: number("impact"), leaders: number("leaders"),
                sipas: number("sipas"), total: number("total"), rank: Int(number("rank")), fieldRanks: ranks)
        }
        try errors.throwIfAny()
        return ParNationalTable(year: year, rows: rows, setBy: user.username, setAt: now)
    }
}
