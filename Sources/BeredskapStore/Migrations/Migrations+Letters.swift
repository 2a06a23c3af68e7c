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
