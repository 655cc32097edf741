import Crypto
import Foundation

/// Random tokens, comparisons that take the same time whatever they find, and the form tokens that guard
/// against cross-site requests.
enum Secrets {
    /// 32 random bytes from the system's generator, as 64 lower-case hex digits: a district's link or an
    /// office session.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether two strings are equal, looking at every byte of the longer one whatever differs.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt64(x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            let p = i < x.count ? x[i] : 0, q = i < y.count ? y[i] : 0
            diff |= UInt64(p ^ q)
        }
        return diff == 0
    }

    /// The form token for a page whose holder is `subject` (`district:<token>` or `office:<session>`):
    /// HMAC-SHA256 under the desk's secret, so it cannot be made without the secret or the subject.
    static func formToken(secret: String, subject: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        return hex(HMAC<SHA256>.authenticationCode(for: Data(subject.utf8), using: key))
    }

    /// The SHA-256 of bytes, as hex: a file's name in the vault.
    static func sha256(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }
}
