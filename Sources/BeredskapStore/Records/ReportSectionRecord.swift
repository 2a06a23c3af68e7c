import FluentKit
import Foundation

/// A section of the report to the authority that a person wrote over. The
/// drafted text is never stored: it is drafted again from the facts, so it
/// follows them until someone takes a section over.
public final class ReportSectionRecord: Model, @unchecked Sendable {
  public static let schema = "report_sections"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "incident_id") public var incident: IncidentRecord
  /// The notification phase the text is for: 1, then each follow-up.
  @Field(key: "phase") public var phase: Int
  /// An `AuthorityReport.Section` raw value.
  @Field(key: "section") public var section: String
  @Field(key: "text") public var text: String
  @Field(key: "edited_by") public var editedBy: String
  @Field(key: "edited_at") public var editedAt: Date

  public init() {}
}
