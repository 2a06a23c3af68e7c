import FluentKit

/// Batches of letters to the people affected: shared texts and approval.
struct CreateLetterBatches: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(LetterBatchRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("texts", .string, .required)
      .field("approved_at", .datetime)
      .field("approved_by", .string)
      .field("letters", .int, .required)
      .field("other_channel", .int, .required)
      .field("public_channel", .string)
      .field("public_justification", .string)
      .field("public_at", .datetime)
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(LetterBatchRecord.schema).delete() }
}

/// Who each approved batch included, and how they are told.
struct CreateLetterRecipients: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(LetterRecipientRecord.schema)
      .id()
      .field("batch_id", .uuid, .required, .references(LetterBatchRecord.schema, "id"))
      .field("incident_id", .uuid, .required)
      .field("person_id", .uuid, .required)
      .field("channel", .string, .required)
      .field("told_at", .datetime)
      .field("told_by", .string)
      .unique(on: "incident_id", "person_id")
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(LetterRecipientRecord.schema).delete() }
}
