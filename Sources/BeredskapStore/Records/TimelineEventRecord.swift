import FluentKit
import Foundation

/// One line on an incident's timeline: a status change, an edit, a note, an
/// assessment or a notification, with its time and actor.
public final class TimelineEventRecord: Model, @unchecked Sendable {
  public static let schema = "timeline_events"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "at") public var at: Date
  @Field(key: "actor") public var actor: String
  @Field(key: "kind") public var kind: String
  @Field(key: "text") public var text: String
  /// JSON object of changed fields (old → new) for edits.
  @Field(key: "data") public var data: String

  public init() {}

  /// `data` read back: field → values (old, new for an edit). Empty when unreadable.
  public var changes: [String: [String]] {
    (try? JSONDecoder().decode([String: [String]].self, from: Data(data.utf8))) ?? [:]
  }
}
