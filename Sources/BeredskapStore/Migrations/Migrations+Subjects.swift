import FluentKit
import SQLKit

/// The persons affected by a breach, per incident, with their personal data sealed.
struct CreateAffectedPeople: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(AffectedPersonRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("seq", .int64, .required)
      .field("name", .string)
      .field("email", .string)
      .field("phone", .string)
      .field("national_id", .string)
      .field("categories", .string, .required)
      .field("language", .string, .required)
      .field("has_email", .bool, .required)
      .field("has_phone", .bool, .required)
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .create()
    try await (db as! any SQLDatabase).create(index: "affected_people_incident").on(AffectedPersonRecord.schema)
      .column("incident_id").column("seq").run()
  }
  func revert(on db: Database) async throws { try await db.schema(AffectedPersonRecord.schema).delete() }
}

/// Keyed hashes of each person's e-mail, phone and national id: one person per key and incident.
struct CreateAffectedPersonKeys: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(AffectedPersonKeyRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("person_id", .uuid, .required, .references(AffectedPersonRecord.schema, "id", onDelete: .cascade))
      .field("key_hash", .string, .required)
      .unique(on: "incident_id", "key_hash")
      .create()
    try await (db as! any SQLDatabase).create(index: "affected_person_keys_person").on(
      AffectedPersonKeyRecord.schema
    ).column("person_id").run()
  }
  func revert(on db: Database) async throws { try await db.schema(AffectedPersonKeyRecord.schema).delete() }
}
