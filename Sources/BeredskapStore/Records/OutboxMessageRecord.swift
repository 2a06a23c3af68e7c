import FluentKit
import Foundation

/// One message in the outbox: the sealed copy of exactly what is sent, its
/// hash, and its way out (status, attempts, lease, the server's reply).
public final class OutboxMessageRecord: Model, @unchecked Sendable {
  public static let schema = "outbox_messages"

  @ID(key: .id) public var id: UUID?
  @Field(key: "kind") public var kind: String
  @Field(key: "incident_id") public var incidentID: UUID
  @OptionalField(key: "person_id") public var personID: UUID?
  @OptionalField(key: "batch_id") public var batchID: UUID?
  /// The envelope sender (our own address, not personal data).
  @Field(key: "envelope_from") public var envelopeFrom: String
  /// Sealed with the data key: the address is personal data.
  @Field(key: "recipient") public var recipient: String
  /// Sealed with the data key: the whole message as sent.
  @Field(key: "message") public var message: String
  @Field(key: "message_sha256") public var messageSHA256: String
  @Field(key: "message_id") public var messageID: String
  @Field(key: "status") public var status: String
  @Field(key: "attempts") public var attempts: Int
  @OptionalField(key: "next_attempt_at") public var nextAttemptAt: Date?
  /// `host:pid:start` of the dispatcher holding the lease.
  @OptionalField(key: "claimed_by") public var claimedBy: String?
  @OptionalField(key: "claimed_at") public var claimedAt: Date?
  @OptionalField(key: "lease_until") public var leaseUntil: Date?
  @OptionalField(key: "sent_at") public var sentAt: Date?
  @OptionalField(key: "reply") public var reply: String?
  @Field(key: "maybe_sent_twice") public var maybeSentTwice: Bool
  @Field(key: "created_at") public var createdAt: Date

  public init() {}
}
