import CCHCCore
import Foundation
import OfficeDocument

/// A periodic report as a Word document staff can open and edit: the issuing unit and the national motto,
/// the title, the narrative sections of the outline in order, then the appendix tables.
enum ReportDocument {
    static func make(_ report: PeriodicReport, unitName: String, parentName: String?, styles: String) -> Data {
        var document = WordDocument(title: "\(report.periodName) năm \(report.year)", author: unitName, styles: styles)
        if let parentName { document.add(.paragraph(text: parentName.uppercased(), alignment: .left)) }
        document.add(.paragraph(text: unitName.uppercased(), alignment: .left, bold: true))
        document.add(.paragraph(text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", alignment: .right, bold: true))
        document.add(.paragraph(text: "Độc lập - Tự do - Hạnh phúc", alignment: .right, bold: true))
        document.add(.paragraph(text: "Số: \(report.code)", alignment: .left))
        document.add(.heading(level: 0, text: "BÁO CÁO\nCông tác cải cách hành chính – \(report.periodName.lowercased()) năm \(report.year)"))
        document.add(
            .paragraph(
                text: "(Số liệu từ ngày \(report.from.vietnameseFormat) đến ngày \(report.to.vietnameseFormat); hạn gửi \(report.dueOn.vietnameseFormat))",
                alignment: .center, italic: true))
        for (position, section) in report.sections.enumerated() {
            document.add(.heading(level: 1, text: "\(Self.roman(position + 1)). \(section.title.uppercased())"))
            document.add(.paragraph(text: section.text.isEmpty ? "…" : section.text))
        }
        document.add(.heading(level: 1, text: "PHỤ LỤC"))
        for (position, table) in report.tables.enumerated() {
            document.add(.heading(level: 2, text: "Phụ lục \(position + 1). \(table.title)"))
            document.add(.table(header: table.header, rows: table.rows.isEmpty ? [table.header.map { _ in "" }] : table.rows))
        }
        if let approvedBy = report.approvedBy { document.add(.paragraph(text: "Người duyệt: \(approvedBy)", alignment: .right, italic: true)) }
        return document.data()
    }

    /// A province's own look: `report-template/styles.xml` in the data folder (the `word/styles.xml` of a
    /// Word template), or the bundled styles.
    static func styles(dataDirectory: String) -> String {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("report-template/styles.xml").path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? WordDocument.standardStyles
    }

    static func roman(_ number: Int) -> String {
        let numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number
        var text = ""
        for (value, numeral) in numerals {
            while rest >= value {
                text += numeral
                rest -= value
            }
        }
        return text
    }
}
