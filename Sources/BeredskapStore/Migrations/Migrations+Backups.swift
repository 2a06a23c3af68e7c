import FluentKit

/// One row per overdue spell of a backup job whose owner was alerted: the
/// unique key lets exactly one instance send the alert.
struct CreateBackupAlerts: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema("backup_alerts")
      .id()
      .field("job_id", .string, .required)
      .field("spell", .string, .required)
      .field("raised_at", .datetime, .required)
      .field("raised_by", .string, .required)
      .unique(on: "job_id", "spell")
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema("backup_alerts").delete() }
}
