import FluentKit

/// Response stages marked done (and the service-restored moment), their
/// reminders, and the backup job an incident's data was restored from.
struct CreateStageMarks: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(StageMarkRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("stage", .string, .required)
      .field("done_at", .datetime, .required)
      .field("done_by", .string, .required)
      .field("source", .string, .required)
      .field("recorded_at", .datetime, .required)
      .unique(on: "incident_id", "stage")
      .create()
    try await db.schema(StageReminderRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("stage", .string, .required)
      .field("raised_at", .datetime, .required)
      .field("raised_by", .string, .required)
      .field("caught_up", .bool, .required)
      .unique(on: "incident_id", "stage")
      .create()
    try await db.schema(IncidentBackupRestoreRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("job_id", .string, .required)
      .field("recorded_by", .string, .required)
      .field("recorded_at", .datetime, .required)
      .unique(on: "incident_id")
      .create()
  }
  func revert(on db: Database) async throws {
    try await db.schema(IncidentBackupRestoreRecord.schema).delete()
    try await db.schema(StageReminderRecord.schema).delete()
    try await db.schema(StageMarkRecord.schema).delete()
  }
}
