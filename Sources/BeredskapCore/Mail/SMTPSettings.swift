import Foundation

/// Where and how to send e-mail: `BEREDSKAP_SMTP_URL`, e.g.
/// `smtp://user:pass@mail.example.no:587?starttls=required` or
/// `smtps://user:pass@mail.example.no` (TLS from the first byte, port 465).
/// The password is never shown: `description` leaves it out, and errors
/// never quote the URL.
public struct SMTPSettings: Sendable, Equatable, CustomStringConvertible {
  public enum Security: String, Sendable, Equatable {
    /// STARTTLS or nothing is sent (the default for `smtp://`).
    case starttlsRequired = "required"
    /// STARTTLS when the server offers it, else plain text.
    case starttlsOpportunistic = "opportunistic"
    /// Plain text (a relay on loopback).
    case none
    /// `smtps://`: TLS from the first byte.
    case implicitTLS = "implicit"
  }

  public var host: String
  public var port: Int
  public var username: String?
  public var password: String?
  public var security: Security
  /// Seconds to wait for any one reply before giving up on the connection.
  public var timeout: Double

  public struct Invalid: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  public static let environmentVariable = "BEREDSKAP_SMTP_URL"

  public init(
    host: String, port: Int, username: String? = nil, password: String? = nil, security: Security, timeout: Double = 30
  ) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
    self.security = security
    self.timeout = timeout
  }

  public static func parse(_ url: String) throws -> SMTPSettings {
    func invalid(_ reason: String) -> Invalid { Invalid(description: "\(environmentVariable): \(reason)") }
    let example = "smtp://user:password@host:587?starttls=required or smtps://user:password@host"
    guard let parts = URLComponents(string: url.trimmingCharacters(in: .whitespaces)),
      let scheme = parts.scheme?.lowercased()
    else { throw invalid("not a valid URL (\(example))") }
    guard scheme == "smtp" || scheme == "smtps" else { throw invalid("must start with smtp:// or smtps://") }
    guard let host = parts.host, !host.isEmpty else { throw invalid("the server's name is missing (\(example))") }
    let port: Int
    if let given = parts.port {
      guard (1...65535).contains(given) else { throw invalid("the port must be between 1 and 65535") }
      port = given
    } else {
      port = scheme == "smtps" ? 465 : 587
    }
    var security: Security = scheme == "smtps" ? .implicitTLS : .starttlsRequired
    var timeout = 30.0
    for item in parts.queryItems ?? [] {
      switch item.name.lowercased() {
      case "starttls":
        guard scheme == "smtp" else { throw invalid("starttls= is for smtp://; smtps:// is encrypted from the start") }
        guard let value = item.value?.lowercased(), ["required", "opportunistic", "none"].contains(value) else {
          throw invalid("starttls must be required, opportunistic or none")
        }
        security = Security(rawValue: value) ?? .starttlsRequired
      case "timeout":
        guard let text = item.value, let seconds = Double(text), seconds.isFinite, seconds >= 1, seconds <= 600 else {
          throw invalid("timeout must be a number of seconds between 1 and 600")
        }
        timeout = seconds
      default:
        throw invalid("unknown setting \"\(item.name.prefix(20))\" (known: starttls, timeout)")
      }
    }
    let user = parts.user.flatMap { $0.isEmpty ? nil : $0 }
    let password = parts.password.flatMap { $0.isEmpty ? nil : $0 }
    if password != nil && user == nil { throw invalid("a password without a user name") }
    for value in [user, password, host].compactMap({ $0 })
    where value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw invalid("contains a line break or another control character")
    }
    return SMTPSettings(
      host: host, port: port, username: user, password: password, security: security, timeout: timeout)
  }

  /// Loopback: the one place a password may go without TLS.
  public var isLoopback: Bool {
    host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
  }

  /// For logs and messages: the server and the mode, never the password.
  public var description: String {
    let scheme = security == .implicitTLS ? "smtps" : "smtp"
    let user = username.map { "\($0)@" } ?? ""
    let mode = security == .implicitTLS ? "" : "?starttls=\(security.rawValue)"
    return "\(scheme)://\(user)\(host):\(port)\(mode)"
  }
}
