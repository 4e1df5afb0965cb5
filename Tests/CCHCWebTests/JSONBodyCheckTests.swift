import CCHCCore
import NIOCore
import Testing

@testable import CCHCWeb

@Suite("Control characters and nulls in JSON bodies")
struct JSONBodyCheckTests {
    static func problem(_ json: String) -> FieldError? { JSONBodyCheck.firstProblem(in: ByteBuffer(string: json)) }
    /// The field of a control-character problem.
    static func field(_ json: String) -> String? { problem(json).flatMap { $0.code == "error.control_characters" ? $0.field : "not a control character" } }

    @Test func namesTheFieldByItsPath() {
        #expect(Self.field(#"{"name":"A\u0000B"}"#) == "name")
        #expect(Self.field(#"{"applicant":{"fullName":"An","address":"x\u001f"}}"#) == "applicant.address")
        #expect(Self.field(#"{"items":["ok","\u007f"]}"#) == "items.1")
        #expect(Self.field(#"{"a\u0001":1}"#) == "a\u{1}")
        // The escape as the body's last bytes.
        #expect(Self.field(#""\u0002""#) == "body")
    }

    @Test func letsTextThrough() {
        #expect(Self.field(#"{"note":"line\u000aand\u0009tab\u000d"}"#) == nil)
        #expect(Self.field(#"{"note":"a backslash then u0001: \\u0001"}"#) == nil)
        #expect(Self.field(#"{"name":"Nguyễn Văn An"}"#) == nil)
        #expect(Self.field("") == nil && Self.field(#"\u0"#) == nil)
    }

    @Test("A null anywhere in a body is named by its path; text that merely spells it is let through")
    func nulls() {
        func field(_ json: String) -> String? { Self.problem(json).flatMap { $0.code == "error.json_null" ? $0.field : "not a null" } }
        #expect(field(#"{"version":2,"replicatedTo":null}"#) == "replicatedTo")
        #expect(field(#"{"items":[1,{"a":null}]}"#) == "items.1.a")
        #expect(field("null") == "body")
        #expect(field(#"{"note":"null and void","n":1}"#) == nil && field(#"{"a":1}"#) == nil)
    }
}
