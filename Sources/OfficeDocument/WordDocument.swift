import Foundation

/// A Word document (Office Open XML, ISO/IEC 29500 WordprocessingML) built from headings, paragraphs and
/// tables, on A4 with the margins of Decree 30/2020 on administrative documents. The look comes from a
/// styles part (`styles`): the bundled one, or the `word/styles.xml` of a province's own template.
public struct WordDocument: Sendable {
    public enum Block: Sendable {
        case heading(level: Int, text: String)
        case paragraph(text: String, alignment: Alignment = .justified, bold: Bool = false, italic: Bool = false)
        case table(header: [String], rows: [[String]])
    }

    public enum Alignment: String, Sendable {
        case left, center, right
        case justified = "both"
    }

    public var title: String
    public var author: String
    public var blocks: [Block] = []
    public var styles: String

    public init(title: String, author: String, styles: String = WordDocument.standardStyles) {
        self.title = title
        self.author = author
        self.styles = styles
    }

    public mutating func add(_ block: Block) { blocks.append(block) }

    /// The .docx package's bytes.
    public func data() -> Data {
        var archive = ZipArchive()
        archive.add(
            "[Content_Types].xml",
            text: xmlHeader
                + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
                + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
                + #"<Default Extension="xml" ContentType="application/xml"/>"#
                + #"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#
                + #"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#
                + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
                + "</Types>")
        archive.add(
            "_rels/.rels",
            text: xmlHeader
                + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#
                + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
                + "</Relationships>")
        archive.add(
            "word/_rels/document.xml.rels",
            text: xmlHeader
                + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
                + "</Relationships>")
        archive.add(
            "docProps/core.xml",
            text: xmlHeader
                + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">"#
                + "<dc:title>\(Self.escape(title))</dc:title><dc:creator>\(Self.escape(author))</dc:creator></cp:coreProperties>")
        archive.add("word/styles.xml", text: styles)
        archive.add("word/document.xml", text: documentXML())
        return archive.data()
    }

    /// The main part: the blocks in order, then the page (A4; top and bottom 2 cm, left 3 cm, right 1.5 cm).
    public func documentXML() -> String {
        var body = ""
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                body += "<w:p><w:pPr><w:pStyle w:val=\"\(level == 0 ? "Title" : "Heading\(min(level, 3))")\"/></w:pPr>\(Self.run(text))</w:p>"
            case .paragraph(let text, let alignment, let bold, let italic):
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    body += "<w:p><w:pPr><w:jc w:val=\"\(alignment.rawValue)\"/></w:pPr>\(Self.run(String(line), bold: bold, italic: italic))</w:p>"
                }
            case .table(let header, let rows):
                body += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>"
                body += String(repeating: "<w:gridCol/>", count: header.count) + "</w:tblGrid>"
                body += "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + header.map { Self.cell($0, bold: true) }.joined() + "</w:tr>"
                for row in rows { body += "<w:tr>" + row.map { Self.cell($0, bold: false) }.joined() + "</w:tr>" }
                body += "</w:tbl><w:p/>"
            }
        }
        return xmlHeader
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
            + body
            + #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#
            + "</w:body></w:document>"
    }

    private var xmlHeader: String { #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# }

    static func run(_ text: String, bold: Bool = false, italic: Bool = false) -> String {
        let properties = (bold ? "<w:b/>" : "") + (italic ? "<w:i/>" : "")
        return "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + "<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    static func cell(_ text: String, bold: Bool) -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr><w:p>\(run(text, bold: bold))</w:p></w:tc>"
    }

    /// XML text with the five reserved characters escaped and the characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Times New Roman 14 pt, single-spaced with 6 pt after; a centred bold title; bold headings; a table grid.
    public static let standardStyles =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        + #"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>"#
        + #"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"#
        + #"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#
        + "</w:styles>"
}
