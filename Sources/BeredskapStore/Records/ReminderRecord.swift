import FluentKit
import Foundation

/// A reminder that was raised: one row per clock and offset. The unique key
/// (duty, offset) is what makes it fire once, however many instances run.
public final class ReminderRecord: Model, @unchecked Sendable {
  public static let schema = "reminders"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "duty_id") public var duty: DutyRecord
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// Hours before the deadline (48, 24, 6, 1) or 0 for "missed".
  @Field(key: "offset_hours") public var offsetHours: Double
  @Field(key: "raised_at") public var raisedAt: Date
  /// Which instance raised it, for the operator.
  @Field(key: "raised_by") public var raisedBy: String
  /// Earlier offsets passed over because the server was down: caught up in one.
  @Field(key: "caught_up") public var caughtUp: Bool

  public init() {}
}
