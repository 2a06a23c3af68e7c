import FluentKit
import Foundation

/// A response stage of an incident marked done: when, by whom, and how
/// (`marked` by a responder, `status` when the status went to resolved).
/// The key is the stage's id, or `service_restored` for the restore moment.
public final class StageMarkRecord: Model, @unchecked Sendable {
  public static let schema = "incident_stage_marks"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "stage") public var stage: String
  @Field(key: "done_at") public var doneAt: Date
  @Field(key: "done_by") public var doneBy: String
  @Field(key: "source") public var source: String
  @Field(key: "recorded_at") public var recordedAt: Date

  public init() {}
}

/// A reminder that a stage passed its target unmet: one row per incident and
/// stage, so it is raised once however many instances run.
public final class StageReminderRecord: Model, @unchecked Sendable {
  public static let schema = "stage_reminders"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "stage") public var stage: String
  @Field(key: "raised_at") public var raisedAt: Date
  @Field(key: "raised_by") public var raisedBy: String
  /// An earlier stage passed over because a later one was raised in the same round.
  @Field(key: "caught_up") public var caughtUp: Bool

  public init() {}
}

/// The backup job an incident's data was restored from (one per incident):
/// the data-loss figure reads the job's newest good run before the incident.
public final class IncidentBackupRestoreRecord: Model, @unchecked Sendable {
  public static let schema = "incident_backup_restores"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "job_id") public var jobID: String
  @Field(key: "recorded_by") public var recordedBy: String
  @Field(key: "recorded_at") public var recordedAt: Date

  public init() {}
}
