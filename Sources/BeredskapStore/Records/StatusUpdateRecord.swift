import FluentKit
import Foundation

/// An update published to the public status page about an incident.
public final class StatusUpdateRecord: Model, @unchecked Sendable {
  public static let schema = "status_updates"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// The public title: never the incident's own.
  @Field(key: "title") public var title: String
  @Field(key: "message") public var message: String
  /// A `PublicStatus` raw value.
  @Field(key: "status") public var status: String
  /// Component names, one per line.
  @Field(key: "components") public var components: String
  @Field(key: "published_at") public var publishedAt: Date
  @Field(key: "published_by") public var publishedBy: String

  public init() {}
}

/// Planned maintenance announced on the public status page.
public final class MaintenanceRecord: Model, @unchecked Sendable {
  public static let schema = "maintenance_windows"

  @ID(key: .id) public var id: UUID?
  @Field(key: "title") public var title: String
  @Field(key: "message") public var message: String
  /// Component names, one per line.
  @Field(key: "components") public var components: String
  @Field(key: "starts_at") public var startsAt: Date
  @Field(key: "ends_at") public var endsAt: Date
  @Field(key: "created_at") public var createdAt: Date
  @Field(key: "created_by") public var createdBy: String

  public init() {}
}
