import FluentKit
import Foundation

/// A person affected by a breach. Name, e-mail, phone and national id are
/// sealed with the data key (`PersonalDataKeys`, context = column name);
/// categories and language are in clear for the counts and the letters.
public final class AffectedPersonRecord: Model, @unchecked Sendable {
  public static let schema = "affected_people"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// Order of first import within the incident: the person found first keeps its record when two merge.
  @Field(key: "seq") public var seq: Int64
  @OptionalField(key: "name") public var name: String?
  @OptionalField(key: "email") public var email: String?
  @OptionalField(key: "phone") public var phone: String?
  @OptionalField(key: "national_id") public var nationalID: String?
  /// Category codes joined by `|`.
  @Field(key: "categories") public var categories: String
  @Field(key: "language") public var language: String
  @Field(key: "has_email") public var hasEmail: Bool
  @Field(key: "has_phone") public var hasPhone: Bool
  @Field(key: "created_at") public var createdAt: Date
  @Field(key: "updated_at") public var updatedAt: Date

  public init() {}
}

/// A keyed hash (HMAC-SHA256) of one e-mail, phone or national id of an
/// affected person: a re-import finds the same person by it without the
/// value ever being stored in clear.
public final class AffectedPersonKeyRecord: Model, @unchecked Sendable {
  public static let schema = "affected_person_keys"

  @ID(key: .id) public var id: UUID?
  @Field(key: "incident_id") public var incidentID: UUID
  @Parent(key: "person_id") public var person: AffectedPersonRecord
  @Field(key: "key_hash") public var keyHash: String

  public init() {}
}
