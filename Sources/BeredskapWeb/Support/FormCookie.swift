import BeredskapCore
import Foundation
import Vapor

/// Before sign-in there is no session row: the sign-in and setup forms get
/// their CSRF token from a cookie signed with the server's key
/// (`token.expiry.hmac`), so a crowd of anonymous visitors stores nothing.
enum FormCookie {
  static let name = "beredskap_form"
  static let lifetime: TimeInterval = 12 * 3600

  /// A new token and the cookie value that carries it.
  static func issue(key: String, now: Date) -> (token: String, value: String) {
    let token = Secrets.randomToken(bytes: 24)
    let payload = token + "." + String(Int64(now.addingTimeInterval(lifetime).timeIntervalSince1970))
    return (token, payload + "." + Secrets.hmacHex(payload, key: key))
  }

  /// The token of a cookie this server signed and that has not expired.
  static func verify(_ value: String, key: String, now: Date) -> String? {
    let parts = value.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let expires = Int64(parts[1]), Double(expires) > now.timeIntervalSince1970,
      !parts[0].isEmpty
    else { return nil }
    let payload = parts[0] + "." + parts[1]
    guard Secrets.equal(String(parts[2]), Secrets.hmacHex(String(payload), key: key)) else { return nil }
    return String(parts[0])
  }

  static func cookie(_ value: String, secure: Bool) -> HTTPCookies.Value {
    HTTPCookies.Value(
      string: value, expires: nil, maxAge: Int(lifetime), domain: nil, path: "/", isSecure: secure,
      isHTTPOnly: true, sameSite: .strict)
  }
}
