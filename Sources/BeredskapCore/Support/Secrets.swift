import Crypto
import Foundation

/// Random tokens and their hashes. Tokens are shown once; only hashes are stored.
public enum Secrets {
  public static func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// HMAC-SHA256 of `text` under `key`, as hex: signs values the server hands out.
  public static func hmacHex(_ text: String, key: String) -> String {
    HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(key.utf8)))
      .map { String(format: "%02x", $0) }.joined()
  }

  /// URL-safe random text with `bytes` bytes of entropy.
  public static func randomToken(bytes: Int = 32) -> String {
    let key = SymmetricKey(size: .init(bitCount: bytes * 8))
    return key.withUnsafeBytes { Data($0) }.base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// Recovery codes people can type: `xxxx-xxxx-xxxx`, no look-alike letters.
  public static func recoveryCode() -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    let key = SymmetricKey(size: .bits256)
    let bytes = key.withUnsafeBytes { Array($0) }
    let chars = bytes.prefix(12).map { alphabet[Int($0) % alphabet.count] }
    return String(chars[0..<4]) + "-" + String(chars[4..<8]) + "-" + String(chars[8..<12])
  }

  /// Constant-time comparison of two strings.
  public static func equal(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<x.count { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}
