import FluentKit
import SQLKit

/// The audit entry's format version (1 = first format, 2 = length-prefixed
/// canonical bytes) and its MAC made with the data key. Existing rows keep
/// version 1; `DataUpgrade` seals them at the first start with a key.
struct AddAuditSeal: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(AuditEntryRecord.schema)
      .field("version", .int, .required, .sql(.default(1)))
      .update()
    try await db.schema(AuditEntryRecord.schema).field("mac", .string).update()
    let sql = db as! any SQLDatabase
    // The audit page filters by person and by incident, newest first.
    try await sql.create(index: "audit_actor_seq").on(AuditEntryRecord.schema).column("actor").column("seq").run()
    try await sql.create(index: "audit_subject_seq").on(AuditEntryRecord.schema).column("subject").column("seq").run()
    try await sql.create(index: "audit_at").on(AuditEntryRecord.schema).column("at").run()
  }
  func revert(on db: Database) async throws {
    try await db.schema(AuditEntryRecord.schema).deleteField("mac").update()
    try await db.schema(AuditEntryRecord.schema).deleteField("version").update()
  }
}

/// Each run of the audit check (button or scheduler), so the audit page shows
/// the last result instead of re-reading the whole trail on every view.
struct CreateAuditVerifications: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(AuditVerificationRecord.schema)
      .id()
      .field("at", .datetime, .required)
      .field("ok", .bool, .required)
      .field("entries", .int64, .required)
      .field("finding", .string)
      .field("actor", .string, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(AuditVerificationRecord.schema).delete() }
}

/// Failed sign-ins counted per subject and 15-minute window: one audit entry
/// per window instead of one per attempt.
struct CreateFailedLoginWindows: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(FailedLoginWindowRecord.schema)
      .id()
      .field("subject", .string, .required)
      .field("window_start", .datetime, .required)
      .field("count", .int, .required)
      .field("first_seq", .int64, .required)
      .unique(on: "subject", "window_start")
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(FailedLoginWindowRecord.schema).delete() }
}
