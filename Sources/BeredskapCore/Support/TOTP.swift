import Crypto
import Foundation

/// RFC 6238 time-based one-time passwords (HMAC-SHA1, 6 digits, 30 s), as
/// authenticator apps expect. Time is a parameter.
public struct TOTP: Sendable {
  public var secret: Data
  public var digits = 6
  public var period: TimeInterval = 30

  public init(secret: Data) { self.secret = secret }

  public static func randomSecret() -> Data {
    Data(SymmetricKey(size: .init(bitCount: 160)).withUnsafeBytes { Array($0) })
  }

  public func code(at date: Date) -> String { code(counter: UInt64(floor(date.timeIntervalSince1970 / period))) }

  public func code(counter: UInt64) -> String {
    var big = counter.bigEndian
    let message = Data(bytes: &big, count: 8)
    let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
    let offset = Int(mac[mac.count - 1] & 0x0f)
    let value =
      (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
      | UInt32(mac[offset + 3])
    var mod: UInt32 = 1
    for _ in 0..<digits { mod *= 10 }
    let s = String(value % mod)
    return String(repeating: "0", count: digits - s.count) + s
  }

  /// Accepts the current step and one on either side (clock drift).
  public func validate(_ code: String, at date: Date) -> Bool { matchingStep(code, at: date) != nil }

  /// The time step whose code this is (current, previous or next), so the
  /// caller can refuse a step it has accepted before.
  public func matchingStep(_ code: String, at date: Date) -> Int64? {
    let trimmed = code.filter { $0.isASCII && $0.isNumber }
    guard trimmed.count == digits else { return nil }
    let step = Int64(floor(date.timeIntervalSince1970 / period))
    return [step, step - 1, step + 1].first { $0 >= 0 && self.code(counter: UInt64($0)) == trimmed }
  }

  /// The `otpauth://` URI an authenticator app scans.
  public func provisioningURI(account: String, issuer: String = "Beredskap") -> String {
    let enc = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
    return "otpauth://totp/\(enc(issuer)):\(enc(account))?secret=\(Base32.encode(secret))&issuer=\(enc(issuer))"
  }
}

/// RFC 4648 base32, for TOTP secrets.
public enum Base32 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

  public static func encode(_ data: Data) -> String {
    var out = ""
    var buffer = 0
    var bits = 0
    for byte in data {
      buffer = (buffer << 8) | Int(byte)
      bits += 8
      while bits >= 5 {
        out.append(alphabet[(buffer >> (bits - 5)) & 31])
        bits -= 5
      }
    }
    if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
    return out
  }

  public static func decode(_ text: String) -> Data? {
    var out = Data()
    var buffer = 0
    var bits = 0
    for ch in text.uppercased() where ch != "=" && ch != " " {
      guard let v = alphabet.firstIndex(of: ch) else { return nil }
      buffer = (buffer << 5) | v
      bits += 5
      if bits >= 8 {
        out.append(UInt8((buffer >> (bits - 8)) & 0xff))
        bits -= 8
      }
    }
    return out
  }
}
