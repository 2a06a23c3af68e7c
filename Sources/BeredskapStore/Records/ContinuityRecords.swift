import BeredskapCore
import FluentKit
import Foundation

/// A runbook attached to an incident. The steps are copied when attached, so a
/// later change of the plan does not change a checklist under way.
public final class IncidentRunbookRecord: Model, @unchecked Sendable {
  public static let schema = "incident_runbooks"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  @Field(key: "runbook_id") public var runbookID: String
  /// The `Plan.Runbook` as JSON, as it was when attached.
  @Field(key: "runbook") public var runbook: String
  @Field(key: "started_at") public var startedAt: Date
  @Field(key: "started_by") public var startedBy: String

  public init() {}

  public var decoded: Plan.Runbook? { try? JSONDecoder().decode(Plan.Runbook.self, from: Data(runbook.utf8)) }
}

/// A step of an attached runbook ticked off.
public final class RunbookTickRecord: Model, @unchecked Sendable {
  public static let schema = "runbook_ticks"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "run_id") public var run: IncidentRunbookRecord
  @Field(key: "step") public var step: Int
  @Field(key: "done_at") public var doneAt: Date
  @Field(key: "done_by") public var doneBy: String

  public init() {}
}

/// The post-mortem of an incident (at most one per incident).
public final class PostMortemRecord: Model, @unchecked Sendable {
  public static let schema = "post_mortems"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// `PostMortem.Field` raw value → text, as JSON.
  @Field(key: "texts") public var texts: String
  @OptionalField(key: "completed_at") public var completedAt: Date?
  @OptionalField(key: "completed_by") public var completedBy: String?
  @Field(key: "updated_at") public var updatedAt: Date
  @Field(key: "updated_by") public var updatedBy: String

  public init() {}

  public var postMortem: PostMortem {
    let raw = (try? JSONDecoder().decode([String: String].self, from: Data(texts.utf8))) ?? [:]
    var out: [PostMortem.Field: String] = [:]
    for (k, v) in raw { if let f = PostMortem.Field(rawValue: k) { out[f] = v } }
    return PostMortem(texts: out, completedAt: completedAt, completedBy: completedBy)
  }
}

/// An action item from a post-mortem or a test.
public final class ActionItemRecord: Model, @unchecked Sendable {
  public static let schema = "action_items"

  @ID(key: .id) public var id: UUID?
  /// An `ActionItem.Source` raw value.
  @Field(key: "source") public var source: String
  @Field(key: "source_ref") public var sourceRef: String
  @Field(key: "text") public var text: String
  @Field(key: "owner") public var owner: String
  @Field(key: "due_at") public var dueAt: Date
  @OptionalField(key: "done_at") public var doneAt: Date?
  @OptionalField(key: "done_by") public var doneBy: String?
  @Field(key: "created_at") public var createdAt: Date
  @Field(key: "created_by") public var createdBy: String

  public init() {}

  public var item: ActionItem? {
    guard let id, let source = ActionItem.Source(rawValue: source) else { return nil }
    return ActionItem(
      id: id, source: source, sourceRef: sourceRef, text: text, owner: owner, due: dueAt, doneAt: doneAt,
      doneBy: doneBy)
  }
}

/// A restore test, failover test or table-top exercise on record.
public final class ExerciseRecord: Model, @unchecked Sendable {
  public static let schema = "exercises"

  @ID(key: .id) public var id: UUID?
  @Field(key: "kind") public var kind: String
  @Field(key: "held_at") public var heldAt: Date
  @Field(key: "scenario") public var scenario: String
  @Field(key: "participants") public var participants: String
  @OptionalField(key: "restore_minutes") public var restoreMinutes: Int?
  @OptionalField(key: "data_loss_minutes") public var dataLossMinutes: Int?
  @Field(key: "outcome") public var outcome: String
  @Field(key: "findings") public var findings: String
  @Field(key: "recorded_by") public var recordedBy: String
  @Field(key: "created_at") public var createdAt: Date

  public init() {}

  public var exercise: Exercise? {
    guard let id, let kind = Exercise.Kind(rawValue: kind), let outcome = Exercise.Outcome(rawValue: outcome) else {
      return nil
    }
    return Exercise(
      id: id, kind: kind, heldAt: heldAt, scenario: scenario, participants: participants,
      restoreMinutes: restoreMinutes, dataLossMinutes: dataLossMinutes, outcome: outcome, findings: findings,
      recordedBy: recordedBy)
  }
}
