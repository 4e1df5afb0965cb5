extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits per byte, as digests are stored and compared. Written out by hand
    /// because `String(format:)` costs a microsecond per byte on Linux and digests are made on every request;
    /// inlinable so that each caller's digest type is iterated directly, not through the generic witnesses
    /// (which took 1.7 µs for a SHA-256 digest).
    @inlinable
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Swift.max(underestimatedCount, 32) * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
