import Foundation

/// A message to put in the outbox: what it is, whom it concerns, and the
/// message itself (rendered once, so the stored copy is what is sent).
public struct OutboxDraft: Sendable {
  public var kind: OutboxKind
  public var incidentID: UUID
  /// The affected person a letter is for (no foreign key: the persons table is another part's).
  public var personID: UUID?
  /// The approved batch it belongs to.
  public var batchID: UUID?
  public var payload: Payload

  /// What goes out: an e-mail, or a JSON body posted to a webhook.
  public enum Payload: Sendable {
    case mail(MailMessage)
    /// `id` names the delivery (sent as `X-Beredskap-Delivery`), as a Message-ID names an e-mail.
    case webhook(url: String, body: [UInt8], id: String)
  }

  public init(kind: OutboxKind, incidentID: UUID, personID: UUID? = nil, batchID: UUID? = nil, message: MailMessage) {
    self.kind = kind
    self.incidentID = incidentID
    self.personID = personID
    self.batchID = batchID
    self.payload = .mail(message)
  }

  public init(webhook url: String, body: [UInt8], incidentID: UUID) {
    self.kind = .webhook
    self.incidentID = incidentID
    self.payload = .webhook(url: url, body: body, id: "<\(UUID().uuidString.lowercased())@webhook.beredskap>")
  }

  /// The envelope sender (for a webhook: `webhook`).
  public var envelopeFrom: String {
    switch payload {
    case .mail(let m): m.from.address
    case .webhook: "webhook"
    }
  }

  /// The recipient's address, or the webhook's URL.
  public var recipient: String {
    switch payload {
    case .mail(let m): m.to.address
    case .webhook(let url, _, _): url
    }
  }

  /// The bytes that are sent and kept as the copy.
  public var bytes: [UInt8] {
    switch payload {
    case .mail(let m): m.rendered()
    case .webhook(_, let body, _): body
    }
  }

  public var messageID: String {
    switch payload {
    case .mail(let m): m.messageID
    case .webhook(_, _, let id): id
    }
  }
}

/// One message's record as the incident page shows it: no address, no content.
public struct OutboxEntry: Sendable, Equatable {
  public var id: UUID
  public var kind: OutboxKind
  public var personID: UUID?
  public var batchID: UUID?
  public var status: OutboxStatus
  public var attempts: Int
  public var createdAt: Date
  public var sentAt: Date?
  public var nextAttemptAt: Date?
  public var messageID: String
  /// The server's last reply line, e.g. `250 2.0.0 Ok: queued as 4F2`.
  public var reply: String?
  /// The sender died while handing it over, so it went out again and the
  /// recipient may have it twice.
  public var maybeSentTwice: Bool
  /// SHA-256 of the stored copy, hex.
  public var sha256: String

  public init(
    id: UUID, kind: OutboxKind, personID: UUID?, batchID: UUID?, status: OutboxStatus, attempts: Int, createdAt: Date,
    sentAt: Date?, nextAttemptAt: Date?, messageID: String, reply: String?, maybeSentTwice: Bool, sha256: String
  ) {
    self.id = id
    self.kind = kind
    self.personID = personID
    self.batchID = batchID
    self.status = status
    self.attempts = attempts
    self.createdAt = createdAt
    self.sentAt = sentAt
    self.nextAttemptAt = nextAttemptAt
    self.messageID = messageID
    self.reply = reply
    self.maybeSentTwice = maybeSentTwice
    self.sha256 = sha256
  }
}
