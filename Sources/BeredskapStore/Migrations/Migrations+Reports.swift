import FluentKit

/// Sections of the report to the authority written over by a person, per phase.
struct CreateReportSections: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(ReportSectionRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id"))
      .field("phase", .int, .required)
      .field("section", .string, .required)
      .field("text", .string, .required)
      .field("edited_by", .string, .required)
      .field("edited_at", .datetime, .required)
      .unique(on: "incident_id", "phase", "section")
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(ReportSectionRecord.schema).delete() }
}
