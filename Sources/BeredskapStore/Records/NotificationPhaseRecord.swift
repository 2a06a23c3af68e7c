import FluentKit
import Foundation

/// One phase of a notification to the authority (GDPR Art. 33(4)): when it
/// was sent, by whom, its reference, what it said, and whether more follows.
public final class NotificationPhaseRecord: Model, @unchecked Sendable {
  public static let schema = "notification_phases"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "phase") public var phase: Int
  @Field(key: "sent_at") public var sentAt: Date
  @Field(key: "sent_by") public var sentBy: String
  @OptionalField(key: "reference") public var reference: String?
  @Field(key: "content") public var content: String
  @Field(key: "complete") public var complete: Bool

  public init() {}
}
