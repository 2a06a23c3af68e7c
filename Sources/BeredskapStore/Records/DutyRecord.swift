import BeredskapCore
import FluentKit
import Foundation

/// A running clock on an incident: a duty with a due time, from the newest
/// assessment. It stops when recorded as done (time, by whom, reference).
public final class DutyRecord: Model, @unchecked Sendable {
  public static let schema = "duties"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// `authority`, `controller`, `subjects` or a plan clock's id.
  @Field(key: "kind") public var kind: String
  @Field(key: "title") public var title: String
  @Field(key: "article") public var article: String
  @Field(key: "due_at") public var dueAt: Date
  /// False when a later assessment no longer requires it (kept for the record).
  @Field(key: "required") public var required: Bool
  @OptionalField(key: "done_at") public var doneAt: Date?
  @OptionalField(key: "done_by") public var doneBy: String?
  @OptionalField(key: "reference") public var reference: String?
  @OptionalField(key: "delay_reason") public var delayReason: String?

  public init() {}

  /// A running duty of an incident for a deadline.
  public convenience init(incidentID: UUID, _ deadline: Deadline) {
    self.init()
    $incident.id = incidentID
    kind = deadline.kind.description
    title = deadline.basis
    article = deadline.article
    dueAt = deadline.due
    required = true
  }
}
