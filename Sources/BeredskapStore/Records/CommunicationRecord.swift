import FluentKit
import Foundation

/// A communication of the stakeholder matrix that was done, or found not
/// needed: when, by whom, how.
public final class CommunicationRecord: Model, @unchecked Sendable {
  public static let schema = "communications"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// `stakeholder:trigger`, as `Communication.key`.
  @Field(key: "key") public var key: String
  /// `done` or `not_needed`.
  @Field(key: "outcome") public var outcome: String
  @Field(key: "done_at") public var doneAt: Date
  @Field(key: "done_by") public var doneBy: String
  /// How it was done, in the responder's words (e.g. «ringte Kari kl. 10:15»).
  @Field(key: "note") public var note: String
  @Field(key: "recorded_at") public var recordedAt: Date

  public init() {}
}

/// A customer (by its id in the plan) that an incident affects.
public final class IncidentCustomerRecord: Model, @unchecked Sendable {
  public static let schema = "incident_customers"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "customer_id") public var customerID: String

  public init() {}
}
