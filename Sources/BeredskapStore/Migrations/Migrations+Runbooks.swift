import FluentKit

/// Runbooks attached to incidents as checklists.
struct CreateIncidentRunbooks: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(IncidentRunbookRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("runbook_id", .string, .required)
      .field("runbook", .string, .required)
      .field("started_at", .datetime, .required)
      .field("started_by", .string, .required)
      .unique(on: "incident_id", "runbook_id")
      .create()
    try await db.schema(RunbookTickRecord.schema)
      .id()
      .field("run_id", .uuid, .required, .references(IncidentRunbookRecord.schema, "id"))
      .field("step", .int, .required)
      .field("done_at", .datetime, .required)
      .field("done_by", .string, .required)
      .unique(on: "run_id", "step")
      .create()
  }
  func revert(on db: Database) async throws {
    try await db.schema(RunbookTickRecord.schema).delete()
    try await db.schema(IncidentRunbookRecord.schema).delete()
  }
}

/// Post-mortems, the action items they and tests produce, and the tests on record.
struct CreatePostMortems: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(PostMortemRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("texts", .string, .required)
      .field("completed_at", .datetime)
      .field("completed_by", .string)
      .field("updated_at", .datetime, .required)
      .field("updated_by", .string, .required)
      .unique(on: "incident_id")
      .create()
    try await db.schema(ActionItemRecord.schema)
      .id()
      .field("source", .string, .required)
      .field("source_ref", .string, .required)
      .field("text", .string, .required)
      .field("owner", .string, .required)
      .field("due_at", .datetime, .required)
      .field("done_at", .datetime)
      .field("done_by", .string)
      .field("created_at", .datetime, .required)
      .field("created_by", .string, .required)
      .create()
    try await db.schema(ExerciseRecord.schema)
      .id()
      .field("kind", .string, .required)
      .field("held_at", .datetime, .required)
      .field("scenario", .string, .required)
      .field("participants", .string, .required)
      .field("restore_minutes", .int)
      .field("data_loss_minutes", .int)
      .field("outcome", .string, .required)
      .field("findings", .string, .required)
      .field("recorded_by", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
  }
  func revert(on db: Database) async throws {
    try await db.schema(ExerciseRecord.schema).delete()
    try await db.schema(ActionItemRecord.schema).delete()
    try await db.schema(PostMortemRecord.schema).delete()
  }
}
