import CCHCCore
import Foundation

/// A JSON object written straight into bytes, member by member, for an answer too hot for `JSONEncoder`.
///
/// Members are written in the order given; an optional member that is nil is left out, as the generated
/// types' `encodeIfPresent` does. Strings are escaped as RFC 8259 requires (quote, backslash and control
/// characters) and otherwise written as UTF-8, `/` included, as the API's encoder does.
struct JSONObjectWriter {
    private var bytes: [UInt8]
    private var empty = true

    init(capacity: Int = 1024) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        self.init(continuing: bytes)
    }

    /// An object opened at the end of `bytes`.
    private init(continuing bytes: consuming [UInt8]) {
        self.bytes = bytes
        self.bytes.append(UInt8(ascii: "{"))
    }

    /// The object's text, closed.
    consuming func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    mutating func member(_ key: StaticString, _ value: String) {
        name(key)
        Self.appendString(value, to: &bytes)
    }

    mutating func member(_ key: StaticString, _ value: Int) {
        name(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func member(_ key: StaticString, _ value: Bool) {
        name(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// An RFC 3339 date-time as the API writes dates (`InternetDateTranscoder`); nothing when nil.
    mutating func member(_ key: StaticString, _ value: Date?) {
        guard let value else { return }
        member(key, InternetDateTranscoder.format(value))
    }

    /// A nested object; nothing when `value` is nil.
    mutating func member<Value>(_ key: StaticString, _ value: Value?, _ write: (inout JSONObjectWriter, Value) -> Void) {
        guard let value else { return }
        name(key)
        object(value, write)
    }

    /// An array of objects.
    mutating func member<Element>(_ key: StaticString, _ elements: [Element], _ write: (inout JSONObjectWriter, Element) -> Void) {
        name(key)
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            object(element, write)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `value` as an object written by `write`, in this writer's own buffer.
    private mutating func object<Value>(_ value: Value, _ write: (inout JSONObjectWriter, Value) -> Void) {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        var nested = JSONObjectWriter(continuing: taken)
        write(&nested, value)
        bytes = nested.finish()
    }

    private mutating func name(_ key: StaticString) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
    }

    private static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(contentsOf: CollectionOfOne(byte).hexString.utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
