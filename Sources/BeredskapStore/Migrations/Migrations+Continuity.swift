import FluentKit

/// Runs of the organisation's backup jobs and of Beredskap's own backups.
struct CreateBackupRuns: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(BackupRunRecord.schema)
      .id()
      .field("job_id", .string, .required)
      .field("status", .string, .required)
      .field("finished_at", .datetime, .required)
      .field("size_bytes", .int64)
      .field("sha256", .string)
      .field("reported_by", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(BackupRunRecord.schema).delete() }
}
