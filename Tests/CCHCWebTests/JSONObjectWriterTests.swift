import Foundation
import Testing

@testable import CCHCWeb

@Suite("JSON written member by member")
struct JSONObjectWriterTests {
    struct Sample: Encodable {
        struct Inner: Encodable { var name: String }
        var text: String
        var number: Int
        var flag: Bool
        var inner: Inner
        var list: [Inner]
    }

    static let awkward = [
        "", "Nguyễn Văn An", #"a "quoted" \ back\slash"#, "tab\there\nnew line\r", "\u{01}\u{1F}\u{7F}", "a/b </script>", "🇻🇳 emoji", "\u{2028}",
    ]

    @Test("Strings read back as written, and mean what JSONEncoder's text means", arguments: awkward)
    func strings(text: String) throws {
        var object = JSONObjectWriter()
        object.member("text", text)
        object.member("number", -42)
        object.member("flag", true)
        object.member("inner", Sample.Inner(name: text)) { $0.member("name", $1.name) }
        object.member("list", [Sample.Inner(name: text), Sample.Inner(name: "x")]) { $0.member("name", $1.name) }
        let written = Data(object.finish())
        let read = try #require(try JSONSerialization.jsonObject(with: written) as? NSDictionary)
        #expect(read["text"] as? String == text)
        let sample = Sample(text: text, number: -42, flag: true, inner: .init(name: text), list: [.init(name: text), .init(name: "x")])
        #expect(read == (try JSONSerialization.jsonObject(with: JSONEncoder().encode(sample)) as? NSDictionary))
    }

    @Test("Members keep their order; nil members are left out; dates are the API's")
    func layout() {
        var object = JSONObjectWriter()
        object.member("b", 1)
        object.member("missing", nil as Date?)
        object.member("none", nil as Sample.Inner?) { $0.member("name", $1.name) }
        object.member("at", Date(timeIntervalSince1970: 1_795_000_000.4))
        object.member("empty", [Sample.Inner]()) { $0.member("name", $1.name) }
        object.member("a", false)
        #expect(String(decoding: object.finish(), as: UTF8.self) == #"{"b":1,"at":"2026-11-18T11:06:40Z","empty":[],"a":false}"#)
    }
}
