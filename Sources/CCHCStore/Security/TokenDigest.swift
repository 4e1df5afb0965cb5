import CCHCCore
import Crypto
import Foundation

/// Session cookies and API tokens are stored as their SHA-256: a copy of the database does not let anyone
/// log in. (The tokens are 256 random bits, so a fast hash is enough; passwords use Bcrypt.)
enum TokenDigest {
    static func hex(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }
}
