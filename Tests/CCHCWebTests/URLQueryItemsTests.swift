import Testing

@testable import CCHCWeb

@Suite("Query strings read by hand")
struct URLQueryItemsTests {
    @Test("Items decode as forms encode them: plus is a space, then percent escapes")
    func decoding() {
        let items = URLQueryItems.parse(target: "/api/v1/units?q=S%E1%BB%9F+N%E1%BB%99i+v%E1%BB%A5&kind=&flag&x=a%2Bb=c")
        #expect(items.map(\.name) == ["q", "kind", "flag", "x"])
        #expect(items.map(\.value) == ["Sở Nội vụ", "", "", "a+b=c"])
        #expect(URLQueryItems.parse(target: "/healthz").isEmpty)
    }

    @Test("The first item of a name, an empty value, or none")
    func first() {
        #expect(URLQueryItems.first("pin", in: "code=1&pin=123456&pin=999999") == "123456")
        #expect(URLQueryItems.first("pin", in: "pin=") == "")
        #expect(URLQueryItems.first("pin", in: "p%69n=12%2034") == "12 34")
        #expect(URLQueryItems.first("pin", in: "pinx=1&xpin=2") == nil)
        #expect(URLQueryItems.first("pin", in: nil) == nil)
    }
}
