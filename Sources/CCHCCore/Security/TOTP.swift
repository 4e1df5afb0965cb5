import Foundation

/// HMAC-SHA-1 of a message under a key: TOTP's primitive (RFC 2104), given by the layer that has a
/// cryptography library (the core has none).
public protocol HMACSHA1: Sendable {
    func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8]
}

/// Time-based one-time passwords (RFC 6238 over RFC 4226): six digits from HMAC-SHA-1 of the number of
/// 30-second steps since 1970, what every authenticator app (Google Authenticator, Microsoft
/// Authenticator, FreeOTP, Aegis) shows for a secret given as an `otpauth://` address.
public struct TOTP: Sendable {
    public static let period: Int64 = 30
    public static let digits = 6
    /// A code of the step before or after is accepted too: phones' clocks drift and people type slowly.
    public static let window: Int64 = 1

    public let hmac: any HMACSHA1

    public init(hmac: any HMACSHA1) {
        self.hmac = hmac
    }

    public static func step(at date: Date) -> Int64 {
        Int64(floor(date.timeIntervalSince1970)) / period
    }

    /// The code for one step (RFC 4226 §5.3: dynamic truncation, then the last six decimal digits).
    public func code(secret: [UInt8], step: Int64) -> String {
        let counter = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: step) >> (56 - 8 * UInt64($0))) }
        let mac = hmac.authenticate(counter, key: secret)
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let value = mac[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7fff_ffff
        let text = String(value % 1_000_000)
        return String(repeating: "0", count: Self.digits - text.count) + text
    }

    /// The step whose code `typed` is, within the window around `date`; nil when none matches. Spaces and
    /// dashes people type between the digit groups are ignored.
    public func matchingStep(_ typed: String, secret: [UInt8], at date: Date) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace && $0 != "-" }
        guard digits.count == Self.digits, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let now = Self.step(at: date)
        return (now - Self.window...now + Self.window).first { step in
            Self.constantTimeEqual(code(secret: secret, step: step), digits)
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The address an authenticator app reads from the QR code (Key Uri Format): issuer and account shown
    /// in the app, the secret in base32.
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return "otpauth://totp/\(encoded(issuer)):\(encoded(account))?secret=\(Base32.encode(secret))&issuer=\(encoded(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }
}

/// Base32 without padding (RFC 4648 §6), how TOTP secrets are written for people and apps.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Nil when `text` holds a character outside the alphabet (case and spaces are forgiven).
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.uppercased().utf8 where character != UInt8(ascii: " ") && character != UInt8(ascii: "=") {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits - 8)))
                bits -= 8
            }
        }
        return output
    }
}
