import BeredskapCore
import FluentKit
import Foundation

/// Reported backup runs: written by `backup record`, the API and `backup create`;
/// read by the backup overview and the continuity figures.
public struct BackupRunRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  /// Stores a run as reported. The caller writes the audit entry in the same transaction.
  @discardableResult
  public func record(_ run: BackupRun, now: Date) async throws -> BackupRun {
    let r = BackupRunRecord()
    r.id = run.id
    r.jobID = run.jobID
    r.status = run.status.rawValue
    r.finishedAt = run.finishedAt
    r.sizeBytes = run.sizeBytes
    r.sha256 = run.sha256
    r.reportedBy = run.reportedBy
    r.createdAt = now
    try await r.create(on: db)
    return run
  }

  /// Runs newest first, optionally of one job and finished within `from...to`.
  public func runs(job: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int? = nil) async throws
    -> [BackupRun]
  {
    var q = BackupRunRecord.query(on: db)
    if let job { q = q.filter(\.$jobID == job) }
    if let from { q = q.filter(\.$finishedAt >= from) }
    if let to { q = q.filter(\.$finishedAt <= to) }
    q = q.sort(\.$finishedAt, .descending)
    if let limit { q = q.limit(max(0, limit)) }
    return try await q.all().compactMap(\.run)
  }

  /// The newest good run of `job` at or before `date`.
  public func lastGood(job: String, atOrBefore date: Date) async throws -> BackupRun? {
    try await BackupRunRecord.query(on: db).filter(\.$jobID == job)
      .filter(\.$status == BackupRun.Status.ok.rawValue).filter(\.$finishedAt <= date)
      .sort(\.$finishedAt, .descending).first()?.run
  }
}
