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
  public var message: MailMessage

  public init(kind: OutboxKind, incidentID: UUID, personID: UUID? = nil, batchID: UUID? = nil, message: MailMessage) {
    self.kind = kind
    self.incidentID = incidentID
    self.personID = personID
    self.batchID = batchID
    self.message = message
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
