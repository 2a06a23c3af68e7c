import Foundation

/// A run as a job reports it (CLI or API), checked before anything is stored.
/// Problems name the API field; the CLI names its flags instead.
public struct BackupReport: Sendable {
  public var job: String
  public var status: String
  public var sizeBytes: Int64?
  public var sha256: String?
  /// RFC 3339; nil means now.
  public var finishedAt: String?

  public init(job: String, status: String, sizeBytes: Int64? = nil, sha256: String? = nil, finishedAt: String? = nil) {
    self.job = job
    self.status = status
    self.sizeBytes = sizeBytes
    self.sha256 = sha256
    self.finishedAt = finishedAt
  }

  /// A petabyte: larger is a typo or a unit mix-up, never one backup of a small organisation.
  public static let maxSize: Int64 = 1_000_000_000_000_000
  /// Reports may arrive a little after the job's clock said it finished.
  static let clockSkew: TimeInterval = 300

  public struct Problem: Equatable, Sendable {
    public var field: String
    public var message: String
  }

  /// Every problem of one report.
  public struct Problems: Error, Equatable, Sendable {
    public var items: [Problem]
  }

  /// The run to store, or every problem found. An unknown job names the known ids.
  public func validate(plan: Plan, reportedBy: String, now: Date) -> Result<BackupRun, Problems> {
    var problems: [Problem] = []
    if !plan.backupJobs.contains(where: { $0.id == job }) {
      let known = plan.backupJobs.map(\.id).joined(separator: ", ")
      let shown = job.count > 64 || job.contains(where: { $0.isNewline }) ? "(the given id)" : "\"\(job)\""
      problems.append(Problem(field: "job", message: "\(shown) is not a backup job in the plan (known: \(known))"))
    }
    let parsedStatus = BackupRun.Status(rawValue: status)
    if parsedStatus == nil { problems.append(Problem(field: "status", message: "must be ok or failed")) }
    if let sizeBytes, !(0...Self.maxSize).contains(sizeBytes) {
      problems.append(
        Problem(field: "size_bytes", message: "must be a whole number of bytes from 0 to \(Self.maxSize)"))
    }
    var hex: String?
    if let sha256 {
      let lower = sha256.lowercased()
      if lower.count == 64, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) {
        hex = lower
      } else {
        problems.append(Problem(field: "sha256", message: "must be 64 hexadecimal digits (a SHA-256 checksum)"))
      }
    }
    var finished = now
    if let finishedAt {
      if let d = Timestamp.parse(finishedAt) {
        if d > now.addingTimeInterval(Self.clockSkew) {
          problems.append(Problem(field: "finished_at", message: "is in the future"))
        } else if d < now.addingTimeInterval(-10 * 366 * 86400) {
          problems.append(Problem(field: "finished_at", message: "is more than ten years ago"))
        } else {
          finished = min(d, now)
        }
      } else {
        problems.append(
          Problem(field: "finished_at", message: "must be a time with its offset, e.g. 2026-11-24T03:05:00+01:00"))
      }
    }
    guard problems.isEmpty, let parsedStatus else { return .failure(Problems(items: problems)) }
    return .success(
      BackupRun(
        jobID: job, status: parsedStatus, finishedAt: finished, sizeBytes: sizeBytes, sha256: hex,
        reportedBy: reportedBy))
  }
}
