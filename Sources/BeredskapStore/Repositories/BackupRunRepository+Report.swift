import BeredskapCore
import FluentKit
import Foundation
import SQLKit

extension BackupRunRepository {
  /// Stores a reported run and its audit entry in one transaction.
  @discardableResult
  public func report(_ run: BackupRun, actor: Actor, now: Date) async throws -> BackupRun {
    try await db.writeTransaction { tx in
      try await BackupRunRepository(db: tx).record(run, now: now)
      var fields = ["status": run.status.rawValue, "finished_at": Timestamp.utc(run.finishedAt)]
      if let size = run.sizeBytes { fields["size_bytes"] = String(size) }
      if let sha = run.sha256 { fields["sha256"] = sha }
      try await AuditLog.append(
        on: tx, actor: actor, action: .backupRun, subject: "backup:\(run.jobID)", fields: fields, now: now)
      return run
    }
  }

  /// Claims the alert for one overdue spell of a job; false when another
  /// instance (or an earlier round) already raised it.
  public func claimAlert(job: String, spell: String, now: Date, instance: String) async throws -> Bool {
    let rows = try await (db as! any SQLDatabase).raw(
      """
      INSERT INTO backup_alerts (id, job_id, spell, raised_at, raised_by)
      VALUES (\(bind: UUID()), \(bind: job), \(bind: spell), \(bind: now), \(bind: instance))
      ON CONFLICT (job_id, spell) DO NOTHING RETURNING id
      """
    ).all()
    return !rows.isEmpty
  }

  /// Each job's status at `now`, in the plan's order, from its recent runs.
  public func statuses(plan: Plan, now: Date) async throws -> [BackupStatus] {
    var out: [BackupStatus] = []
    for job in plan.backupJobs {
      var runs = try await self.runs(job: job.id, to: now, limit: 1)
      if let good = try await lastGood(job: job.id, atOrBefore: now), !runs.contains(where: { $0.id == good.id }) {
        runs.append(good)
      }
      out.append(BackupStatus(job: job, runs: runs, now: now))
    }
    return out
  }
}
