import FluentKit

/// What was done about each communication of the stakeholder matrix.
struct CreateCommunications: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(CommunicationRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("key", .string, .required)
      .field("outcome", .string, .required)
      .field("done_at", .datetime, .required)
      .field("done_by", .string, .required)
      .field("note", .string, .required)
      .field("recorded_at", .datetime, .required)
      .unique(on: "incident_id", "key")
      .create()
    try await db.schema(IncidentCustomerRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("customer_id", .string, .required)
      .unique(on: "incident_id", "customer_id")
      .create()
  }
  func revert(on db: Database) async throws {
    try await db.schema(IncidentCustomerRecord.schema).delete()
    try await db.schema(CommunicationRecord.schema).delete()
  }
}
