import Foundation

/// One e-mail as Beredskap sends it: RFC 5322 headers, a text/plain UTF-8
/// body in quoted-printable, CRLF line ends. The rendered bytes are what the
/// outbox keeps as its copy and what goes to the server, so the proof is
/// exactly what was sent.
public struct MailMessage: Sendable, Equatable {
  public var from: MailAddress
  public var to: MailAddress
  public var replyTo: MailAddress?
  public var subject: String
  public var body: String
  public var date: Date
  /// `<…@domain>`, made by us so it is known before the server answers.
  public var messageID: String

  /// A field that cannot be put into a message, named for the user.
  public struct Invalid: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public var description: String { "\(field): \(reason)" }
  }

  public init(
    from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, body: String, date: Date,
    messageID: String? = nil
  ) throws {
    guard !subject.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
      throw Invalid(field: "subject", reason: "the subject contains a line break or another control character")
    }
    guard !subject.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw Invalid(field: "subject", reason: "the subject is empty")
    }
    let id = messageID ?? Self.makeMessageID(domain: from.domain)
    guard id.hasPrefix("<"), id.hasSuffix(">"), id.contains("@"), id.utf8.count <= 250,
      id.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 })
    else { throw Invalid(field: "message_id", reason: "not of the form <id@domain>") }
    self.from = from
    self.to = to
    self.replyTo = replyTo
    self.subject = subject
    self.body = body
    self.date = date
    self.messageID = id
  }

  /// A new globally unique Message-ID in the sender's domain.
  public static func makeMessageID(domain: Substring) -> String {
    let host = domain.isEmpty || !domain.unicodeScalars.allSatisfy(\.isASCII) ? "beredskap.invalid" : String(domain)
    return "<\(UUID().uuidString.lowercased()).beredskap@\(host)>"
  }

  /// The whole message: headers, a blank line, the body; every line ends in CRLF.
  public func rendered() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(body.utf8.count + body.utf8.count / 8 + 512)
    func header(_ name: String, _ value: String) {
      out.append(contentsOf: Array(name.utf8))
      out.append(contentsOf: Array(": ".utf8))
      out.append(contentsOf: Array(value.utf8))
      out.append(contentsOf: MIME.crlf)
    }
    header("Date", MIME.rfc5322Date(date))
    header("From", MIME.encodeAddress(from))
    header("To", MIME.encodeAddress(to))
    if let replyTo { header("Reply-To", MIME.encodeAddress(replyTo)) }
    header("Subject", MIME.encodeHeaderText(subject, nameLength: "Subject".count))
    header("Message-ID", messageID)
    header("MIME-Version", "1.0")
    header("Content-Type", "text/plain; charset=utf-8")
    header("Content-Transfer-Encoding", "quoted-printable")
    out.append(contentsOf: MIME.crlf)
    MIME.quotedPrintable(body, into: &out)
    return out
  }
}
