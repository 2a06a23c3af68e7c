import Foundation

/// One run of a backup job, as the job itself reported it (cron, CI, or
/// Beredskap's own `backup create`). The continuity figures read these: the
/// data an incident lost is the time back to the newest good run before it.
public struct BackupRun: Equatable, Sendable {
  public enum Status: String, CaseIterable, Sendable, Codable {
    case ok, failed
  }

  public var id: UUID
  /// The plan's job id (`backups[].id`).
  public var jobID: String
  public var status: Status
  /// When the run finished: the moment its copy of the data was taken.
  public var finishedAt: Date
  public var sizeBytes: Int64?
  /// Lower-case hex SHA-256 of the backup file, when the job reports one.
  public var sha256: String?
  /// Who reported it: a user's name, a token's label, or "beredskap".
  public var reportedBy: String

  public init(
    id: UUID = UUID(), jobID: String, status: Status, finishedAt: Date, sizeBytes: Int64? = nil,
    sha256: String? = nil, reportedBy: String
  ) {
    self.id = id
    self.jobID = jobID
    self.status = status
    self.finishedAt = finishedAt
    self.sizeBytes = sizeBytes
    self.sha256 = sha256
    self.reportedBy = reportedBy
  }
}

extension Array where Element == BackupRun {
  /// The newest good run of `job` at or before `date`, if any.
  public func lastGood(job: String, atOrBefore date: Date) -> BackupRun? {
    filter { $0.jobID == job && $0.status == .ok && $0.finishedAt <= date }
      .max { $0.finishedAt < $1.finishedAt }
  }
}
