import PropertyBased
import Testing

@testable import CSVFormat

@Suite("CSV")
struct CSVTests {
    @Test func parsesQuotesCommasAndLineBreaks() throws {
        let text = "\u{FEFF}code,name\r\n\"A,1\",\"Sở \"\"Mới\"\"\"\n\nB,\"hai\ndòng\"\n"
        #expect(try CSV.parse(text) == [["code", "name"], ["A,1", "Sở \"Mới\""], ["B", "hai\ndòng"]])
    }

    @Test func reportsTheLineOfAnUnclosedQuote() {
        #expect(throws: CSV.ParseError(line: 2)) { try CSV.parse("a,b\n\"c,d\n") }
        #expect(throws: CSV.ParseError(line: 1)) { try CSV.parse("a\"b") }
    }

    @Test("Writing then reading gives back the same fields, formulas included")
    func roundTrip() async {
        let field = Gen.oneOf(
            Gen.letterOrNumber.string(of: 0...8),
            Gen.always("=SUM(A1)"), Gen.always("a,b"), Gen.always("say \"hi\""), Gen.always("line\nbreak"), Gen.always("Đắk Lắk"),
            Gen.always("-5"), Gen.always("@x"))
        await propertyCheck(input: field.array(of: 1...5).array(of: 1...4)) { rows in
            let text = rows.map(CSV.line).joined()
            let parsed = try? CSV.parse(text)
            #expect(parsed == rows.filter { !($0.count == 1 && $0[0].isEmpty) })
        }
    }

    @Test func neutralisesFormulasForSpreadsheets() {
        #expect(CSV.line(["=1+1", "ok"]) == "\"'=1+1\",ok\r\n")
    }
}
