import FluentKit
import Foundation

/// A batch of letters to the people affected: the texts every letter shares,
/// and, once a responder approved it, who did, when, and how many letters
/// went to the outbox. A batch that is not approved is the draft being
/// edited; an incident has at most one.
public final class LetterBatchRecord: Model, @unchecked Sendable {
  public static let schema = "letter_batches"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// JSON `{"nb": {"what_happened", "what_we_did", "more_advice"}, "en": {…}}`.
  @Field(key: "texts") public var texts: String
  @OptionalField(key: "approved_at") public var approvedAt: Date?
  @OptionalField(key: "approved_by") public var approvedBy: String?
  /// Letters put in the outbox (people with an e-mail address).
  @Field(key: "letters") public var letters: Int
  /// People in the batch with no e-mail address: told by post or phone.
  @Field(key: "other_channel") public var otherChannel: Int
  /// A public communication instead of letters (Art. 34(3)(c)).
  @OptionalField(key: "public_channel") public var publicChannel: String?
  @OptionalField(key: "public_justification") public var publicJustification: String?
  @OptionalField(key: "public_at") public var publicAt: Date?
  @Field(key: "created_at") public var createdAt: Date
  @Field(key: "updated_at") public var updatedAt: Date

  public init() {}
}

/// A person in an approved batch: by e-mail (a letter in the outbox) or, with
/// no e-mail address, to be told another way (post, phone).
public final class LetterRecipientRecord: Model, @unchecked Sendable {
  public static let schema = "letter_recipients"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "batch_id") public var batch: LetterBatchRecord
  @Field(key: "incident_id") public var incidentID: UUID
  /// The affected person (no foreign key: retention deletes people, the proof stays).
  @Field(key: "person_id") public var personID: UUID
  /// `email` or `other`.
  @Field(key: "channel") public var channel: String
  /// For `other`: when and how the person was told, once a responder records it.
  @OptionalField(key: "told_at") public var toldAt: Date?
  @OptionalField(key: "told_by") public var toldBy: String?

  public init() {}
}
