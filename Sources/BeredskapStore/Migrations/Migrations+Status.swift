import FluentKit
import SQLKit

/// Status updates published to the public status page.
struct CreateStatusUpdates: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(StatusUpdateRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("title", .string, .required)
      .field("message", .string, .required)
      .field("status", .string, .required)
      .field("components", .string, .required)
      .field("published_at", .datetime, .required)
      .field("published_by", .string, .required)
      .create()
    // The status page reads the recent updates by time.
    try await (db as! any SQLDatabase).create(index: "status_updates_published").on(StatusUpdateRecord.schema)
      .column("published_at").run()
  }
  func revert(on db: Database) async throws { try await db.schema(StatusUpdateRecord.schema).delete() }
}

/// Planned maintenance windows shown on the public status page.
struct CreateMaintenanceWindows: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(MaintenanceRecord.schema)
      .id()
      .field("title", .string, .required)
      .field("message", .string, .required)
      .field("components", .string, .required)
      .field("starts_at", .datetime, .required)
      .field("ends_at", .datetime, .required)
      .field("created_at", .datetime, .required)
      .field("created_by", .string, .required)
      .create()
    try await (db as! any SQLDatabase).create(index: "maintenance_windows_ends").on(MaintenanceRecord.schema)
      .column("ends_at").run()
  }
  func revert(on db: Database) async throws { try await db.schema(MaintenanceRecord.schema).delete() }
}
