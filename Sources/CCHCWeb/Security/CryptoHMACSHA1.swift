import CCHCCore
import Crypto

/// TOTP's HMAC-SHA-1 from swift-crypto. SHA-1 is weak against collisions, which HMAC and TOTP do not rely on;
/// it is what every authenticator app computes.
struct CryptoHMACSHA1: HMACSHA1 {
    func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
