import Foundation

/// Where a backup job stands at `now`: the newest good run, when the next is
/// due, and whether someone must act.
public struct BackupStatus: Equatable, Sendable {
  public enum State: String, Sendable {
    /// The newest good run is recent enough.
    case ok
    /// Within its schedule, but the newest run failed.
    case lastFailed = "last_failed"
    /// The newest good run is older than the schedule and its grace allow.
    case overdue
    /// No good run has been reported yet.
    case never
  }

  public var job: BackupJob
  public var state: State
  public var lastGood: BackupRun?
  public var lastRun: BackupRun?
  /// When the next good run is expected (nil without any good run).
  public var due: Date?

  /// Alerts go out for these.
  public var needsAction: Bool { state == .overdue || state == .never }

  /// An overdue spell ends with the next good run, so the newest good run
  /// (or its absence) names it: one alert per spell.
  public var spell: String { lastGood.map { "after:\($0.id.uuidString.lowercased())" } ?? "never" }

  public init(job: BackupJob, runs: [BackupRun], now: Date) {
    self.job = job
    let own = runs.filter { $0.jobID == job.id && $0.finishedAt <= now }
    lastRun = own.max { $0.finishedAt < $1.finishedAt }
    lastGood = own.lastGood(job: job.id, atOrBefore: now)
    guard let lastGood else {
      due = nil
      state = .never
      return
    }
    let due = job.due(after: lastGood.finishedAt)
    self.due = due
    if now > due.addingTimeInterval(job.graceHours * 3600) {
      state = .overdue
    } else if lastRun?.status == .failed {
      state = .lastFailed
    } else {
      state = .ok
    }
  }
}
