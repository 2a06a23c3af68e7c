import BeredskapCore
import FluentKit
import Foundation

/// A reported run of a backup job (see `BackupRun`).
public final class BackupRunRecord: Model, @unchecked Sendable {
  public static let schema = "backup_runs"

  @ID(key: .id) public var id: UUID?
  @Field(key: "job_id") public var jobID: String
  /// A `BackupRun.Status` raw value.
  @Field(key: "status") public var status: String
  @Field(key: "finished_at") public var finishedAt: Date
  @OptionalField(key: "size_bytes") public var sizeBytes: Int64?
  @OptionalField(key: "sha256") public var sha256: String?
  @Field(key: "reported_by") public var reportedBy: String
  @Field(key: "created_at") public var createdAt: Date

  public init() {}

  /// The run, or nil for a row whose status this version does not know.
  public var run: BackupRun? {
    guard let id, let status = BackupRun.Status(rawValue: status) else { return nil }
    return BackupRun(
      id: id, jobID: jobID, status: status, finishedAt: finishedAt, sizeBytes: sizeBytes, sha256: sha256,
      reportedBy: reportedBy)
  }
}
