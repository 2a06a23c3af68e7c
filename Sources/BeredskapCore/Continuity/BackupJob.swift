import Foundation

/// A backup job of the plan (`backups:`): what is copied, where to, how often,
/// how long copies are kept, and who may restore. Runs are reported by the job
/// itself (`beredskap backup record`, `POST /api/v1/backups/{job}/runs`).
public struct BackupJob: Equatable, Sendable {
  public var id: String
  public var what: String
  public var location: String
  /// Expected at least every this many hours.
  public var everyHours: Double
  /// The time of day (Europe/Oslo) the job runs, in minutes after midnight,
  /// for jobs that run every whole number of days.
  public var atMinute: Int?
  /// Extra time after the expected run before the job counts as overdue.
  public var graceHours: Double
  public var retentionDays: Int
  public var encrypted: Bool
  /// Plan role ids of the people who may restore.
  public var restoreRoles: [String]
  /// The plan role told by e-mail when the job is overdue.
  public var owner: String?

  public init(
    id: String, what: String, location: String, everyHours: Double, atMinute: Int? = nil, graceHours: Double = 2,
    retentionDays: Int, encrypted: Bool, restoreRoles: [String] = [], owner: String? = nil
  ) {
    self.id = id
    self.what = what
    self.location = location
    self.everyHours = everyHours
    self.atMinute = atMinute
    self.graceHours = graceHours
    self.retentionDays = retentionDays
    self.encrypted = encrypted
    self.restoreRoles = restoreRoles
    self.owner = owner
  }

  /// The job id of Beredskap's own backup (`beredskap backup create`).
  public static let ownID = "beredskap"

  /// Beredskap's own database, as Plan A describes it: daily at 03:00 Oslo
  /// time, seven days kept, encrypted. Present unless the plan defines `beredskap`.
  public static let beredskap = BackupJob(
    id: ownID, what: "Beredskaps egen database", location: "backup-mappen på serveren", everyHours: 24,
    atMinute: 3 * 60, graceHours: 2, retentionDays: 7, encrypted: true)

  /// When the next good run must have finished, given the newest good run:
  /// `lastGood + every`; with a time of day, the first such time at or after
  /// `lastGood + every − 12 h` (so a run a little early or late still counts
  /// for its slot). Without any good run there is no deadline: the job is `never`.
  public func due(after lastGood: Date) -> Date {
    let plain = lastGood.addingTimeInterval(everyHours * 3600)
    guard let atMinute else { return plain }
    let earliest = plain.addingTimeInterval(-12 * 3600)
    let calendar = Timestamp.osloCalendar
    let start = calendar.startOfDay(for: earliest)
    for day in 0...2 {
      guard let date = calendar.date(byAdding: .day, value: day, to: start),
        let slot = calendar.date(bySettingHour: atMinute / 60, minute: atMinute % 60, second: 0, of: date)
      else { continue }
      if slot >= earliest { return slot }
    }
    return plain
  }
}
