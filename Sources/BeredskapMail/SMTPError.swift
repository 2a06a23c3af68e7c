/// Why sending did not work. None of them quotes an address, a password or
/// a message: the server's reply line is kept on the message's record, not
/// here, when it could name the recipient.
public enum SMTPError: Error, Sendable, CustomStringConvertible {
  /// The connection failed or timed out: try again later.
  case connection(String)
  /// The settings cannot work (no STARTTLS where it is required, a password
  /// without TLS, the login refused): nothing is sent until they are fixed.
  case configuration(String)
  /// The server refused this message at `stage` (4xx: later; 5xx: never).
  case rejected(stage: String, reply: SMTPReply)

  public var description: String {
    switch self {
    case .connection(let why): "mail server: \(why)"
    case .configuration(let why): "mail server: \(why)"
    case .rejected(let stage, let reply): "mail server refused \(stage) with \(reply.code)"
    }
  }
}
