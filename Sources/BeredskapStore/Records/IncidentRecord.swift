import BeredskapCore
import FluentKit
import Foundation

public final class IncidentRecord: Model, @unchecked Sendable {
  public static let schema = "incidents"

  @ID(key: .id) public var id: UUID?
  @Field(key: "year") public var year: Int
  @Field(key: "seq") public var seq: Int
  @Field(key: "title") public var title: String
  @Field(key: "summary") public var summary: String
  @Field(key: "severity") public var severity: Int
  @Field(key: "status") public var status: String
  @Field(key: "discovered_at") public var discoveredAt: Date
  @Field(key: "discovered_by") public var discoveredBy: String
  @OptionalField(key: "occurred_at") public var occurredAt: Date?
  /// Newline-separated.
  @Field(key: "systems_affected") public var systemsAffected: String
  @OptionalField(key: "attack_vector") public var attackVector: String?
  @OptionalParent(key: "owner_id") public var owner: UserRecord?
  @Field(key: "created_at") public var createdAt: Date
  @Field(key: "updated_at") public var updatedAt: Date

  public init() {}

  public var number: IncidentNumber { IncidentNumber(year: year, sequence: seq) }

  func incident(ownerName: String?) -> Incident {
    Incident(
      id: id!, number: number, title: title, summary: summary, severity: severity,
      status: IncidentStatus(rawValue: status) ?? .ongoing, discoveredAt: discoveredAt, discoveredBy: discoveredBy,
      occurredAt: occurredAt, systemsAffected: systemsAffected.split(separator: "\n").map(String.init),
      attackVector: attackVector, ownerID: $owner.id, ownerName: ownerName, createdAt: createdAt, updatedAt: updatedAt)
  }
}
