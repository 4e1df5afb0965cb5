import Foundation
import NIOCore

/// Finds a `null` in a JSON body and names its field by its path. No schema of the API document is
/// nullable: a field without a value is left out, so a null is a malformed request (400), never read as
/// "absent" by the generated decoder.
enum JSONNulls {
    static func firstField(in buffer: ByteBuffer) -> String? {
        guard mayHoldNull(buffer), let value = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [.fragmentsAllowed])
        else { return nil }
        return find(value, path: [])
    }

    /// Whether the text holds the letters `null` at all; most bodies do not, and are not parsed twice.
    static func mayHoldNull(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { bytes in
            guard bytes.count >= 4 else { return false }
            for index in 0..<(bytes.count - 3)
            where bytes[index] == UInt8(ascii: "n") && bytes[index + 1] == UInt8(ascii: "u") && bytes[index + 2] == UInt8(ascii: "l")
                && bytes[index + 3] == UInt8(ascii: "l")
            {
                return true
            }
            return false
        }
    }

    private static func find(_ value: Any, path: [String]) -> String? {
        switch value {
        case is NSNull:
            return path.isEmpty ? "body" : path.joined(separator: ".")
        case let object as [String: Any]:
            for key in object.keys.sorted() {
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
