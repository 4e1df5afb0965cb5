import CCHCCore
import Foundation
import NIOCore

/// What a JSON body may not hold, found before the generated decoder reads it, and named by its path:
/// a string with a control character other than tab and line breaks (a NUL in a name would be stored as it
/// is), and a `null` (no schema of the document is nullable; the decoder would read it as "absent").
enum JSONBodyCheck {
    /// The first problem, or nil. The body is parsed only when its bytes hold a `\u00` escape (the only way a
    /// JSON string carries a control character; raw ones are not valid JSON) or the letters `null`: most
    /// bodies hold neither.
    static func firstProblem(in buffer: ByteBuffer) -> FieldError? {
        guard mayHoldProblem(buffer),
            let value = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed])
        else { return nil }
        return find(value, path: [])
    }

    /// A plain loop over the bytes: the generic `firstRange(of:)` it replaces cost an intake about 35 µs of CPU
    /// (docs/benchmarks.md).
    static func mayHoldProblem(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { bytes in
            guard bytes.count >= 4 else { return false }
            for index in 0..<(bytes.count - 3) {
                let (a, b, c, d) = (bytes[index], bytes[index + 1], bytes[index + 2], bytes[index + 3])
                if a == UInt8(ascii: "\\") && b == UInt8(ascii: "u") && c == UInt8(ascii: "0") && d == UInt8(ascii: "0") { return true }
                if a == UInt8(ascii: "n") && b == UInt8(ascii: "u") && c == UInt8(ascii: "l") && d == UInt8(ascii: "l") { return true }
            }
            return false
        }
    }

    private static func find(_ value: Any, path: [String]) -> FieldError? {
        let name = path.isEmpty ? "body" : path.joined(separator: ".")
        switch value {
        case is NSNull:
            return FieldError(name, "error.json_null")
        case let text as String:
            return FormBody.isAcceptable(text) ? nil : FieldError(name, "error.control_characters")
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if !FormBody.isAcceptable(key) { return FieldError((path + [key]).joined(separator: "."), "error.control_characters") }
                if let found = find(object[key]!, path: path + [key]) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = find(element, path: path + [String(index)]) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
