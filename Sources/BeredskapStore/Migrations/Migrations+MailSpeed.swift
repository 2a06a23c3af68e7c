import FluentKit
import SQLKit

/// The dispatcher claims an incident's oldest due messages. With only
/// (incident_id, status) SQLite read every message of the incident, sealed
/// copy and all, for every batch it claimed: sending 10,000 letters read the
/// whole outbox 200 times. With created_at and id in the index each kind of
/// due message is found in order and the search stops at the batch's size.
struct AddOutboxClaimIndex: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.sql.create(index: "outbox_incident_status_created").on(OutboxMessageRecord.schema)
      .column("incident_id").column("status").column("created_at").column("id").run()
  }
  func revert(on db: Database) async throws {
    try await db.sql.raw("DROP INDEX outbox_incident_status_created").run()
  }
}
