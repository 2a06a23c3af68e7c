import FluentKit
import SQLKit

/// The outbox: every e-mail Beredskap sends (letters, notices to controllers,
/// reminders) is first stored here, inside the transaction that decided to
/// send it, and then handed to the mail server by a dispatcher with a lease.
struct CreateOutboxMessages: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(OutboxMessageRecord.schema)
      .id()
      .field("kind", .string, .required)
      .field("incident_id", .uuid, .required)
      .field("person_id", .uuid)
      .field("batch_id", .uuid)
      .field("envelope_from", .string, .required)
      .field("recipient", .string, .required)
      .field("message", .string, .required)
      .field("message_sha256", .string, .required)
      .field("message_id", .string, .required)
      .field("status", .string, .required)
      .field("attempts", .int, .required)
      .field("next_attempt_at", .datetime)
      .field("claimed_by", .string)
      .field("claimed_at", .datetime)
      .field("lease_until", .datetime)
      .field("sent_at", .datetime)
      .field("reply", .string)
      .field("maybe_sent_twice", .bool, .required)
      .field("created_at", .datetime, .required)
      .create()
    let sql = db as! any SQLDatabase
    // Dispatchers look for work per incident and status; the page counts by status.
    try await sql.create(index: "outbox_incident_status").on(OutboxMessageRecord.schema).column("incident_id")
      .column("status").run()
    try await sql.create(index: "outbox_status_created").on(OutboxMessageRecord.schema).column("status")
      .column("created_at").run()
  }
  func revert(on db: Database) async throws { try await db.schema(OutboxMessageRecord.schema).delete() }
}
