import Foundation

/// The continuity objectives measured from the incident history over a
/// window, each against its target (Plan A: RTO, RPO, MTTR, MTBF). Pure: the
/// store supplies incidents and backup runs, the caller the window and `now`.
///
/// Definitions (also in docs/continuity.md):
/// - An incident's *start* is when it occurred, else when it was discovered;
///   it belongs to the window (and to a month, in Oslo time) by its start.
/// Durations are whole seconds (a stored time may carry sub-second noise).
/// - *Restore time*: start → the moment a responder recorded the service as
///   restored (or the status first went to resolved). Durations are absolute
///   seconds, so a change to or from summer time neither adds nor removes an hour.
/// - *Service-affecting*: severity 1 or 2 (full stop, core function down).
///   RTO, MTTR and MTBF count these only.
/// - *MTTR*: the mean restore time of the service-affecting incidents that were restored.
/// - *MTBF*: the mean time between the starts of consecutive service-affecting
///   incidents in the window (open ones too: the failure happened); needs two.
/// - *Data lost*: for an incident the responder says was restored from a backup
///   job, start → the newest good run of that job at or before the start. No
///   good run at all is a missed RPO with unknown loss.
public struct ContinuityFigures: Equatable, Sendable {
  /// One incident as the figures see it.
  public struct Source: Equatable, Sendable {
    public var number: String
    public var severity: Int
    public var start: Date
    public var restoredAt: Date?
    /// The backup job the data was restored from, when it was.
    public var restoredFromJob: String?

    public init(number: String, severity: Int, start: Date, restoredAt: Date?, restoredFromJob: String? = nil) {
      self.number = number
      self.severity = severity
      self.start = start
      self.restoredAt = restoredAt
      self.restoredFromJob = restoredFromJob
    }
  }

  public struct IncidentFigure: Equatable, Sendable {
    public var number: String
    public var severity: Int
    public var start: Date
    public var restoredAt: Date?
    public var serviceAffecting: Bool
    /// Start → restored; nil while the service is not restored.
    public var restoreSeconds: TimeInterval?
    /// Start → now for an incident not yet restored.
    public var openSeconds: TimeInterval?
    /// Within the RTO; false also for an open one already past it; nil when not yet known
    /// or not service-affecting.
    public var rtoMet: Bool?
    public var restoredFromJob: String?
    public var lastGoodBackupAt: Date?
    public var dataLostSeconds: TimeInterval?
    public var rpoMet: Bool?
  }

  public struct Month: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var incidents: Int
    public var serviceAffecting: Int
    public var restored: Int
    /// Mean restore time of the service-affecting incidents started this month and restored.
    public var meanRestoreSeconds: TimeInterval?
    public var longestRestoreSeconds: TimeInterval?
  }

  public struct Counts: Equatable, Sendable {
    public var incidents = 0
    public var serviceAffecting = 0
    public var restored = 0
    public var notRestored = 0
    public var rtoMet = 0
    public var rtoMissed = 0
    public var restoredFromBackup = 0
    public var rpoMet = 0
    public var rpoMissed = 0

    public init(
      incidents: Int = 0, serviceAffecting: Int = 0, restored: Int = 0, notRestored: Int = 0, rtoMet: Int = 0,
      rtoMissed: Int = 0, restoredFromBackup: Int = 0, rpoMet: Int = 0, rpoMissed: Int = 0
    ) {
      self.incidents = incidents
      self.serviceAffecting = serviceAffecting
      self.restored = restored
      self.notRestored = notRestored
      self.rtoMet = rtoMet
      self.rtoMissed = rtoMissed
      self.restoredFromBackup = restoredFromBackup
      self.rpoMet = rpoMet
      self.rpoMissed = rpoMissed
    }
  }

  public var from: Date
  public var to: Date
  public var objectives: Plan.Objectives
  public var incidents: [IncidentFigure]
  public var counts: Counts
  public var mttrSeconds: TimeInterval?
  public var mttrMet: Bool?
  public var mtbfSeconds: TimeInterval?
  public var mtbfMet: Bool?
  public var months: [Month]

  public static func serviceAffecting(severity: Int) -> Bool { severity == 1 || severity == 2 }

  public init(
    sources: [Source], runs: [BackupRun], objectives: Plan.Objectives, from: Date, to: Date, now: Date
  ) {
    self.from = from
    self.to = to
    self.objectives = objectives
    let rto = objectives.rtoHours * 3600
    let rpo = objectives.rpoHours * 3600
    let inWindow = sources.filter { $0.start >= from && $0.start < to }.sorted { $0.start < $1.start }
    var counts = Counts()
    var figures: [IncidentFigure] = []
    for s in inWindow {
      let affecting = Self.serviceAffecting(severity: s.severity)
      var f = IncidentFigure(
        number: s.number, severity: s.severity, start: s.start, restoredAt: s.restoredAt,
        serviceAffecting: affecting, restoredFromJob: s.restoredFromJob)
      counts.incidents += 1
      if affecting { counts.serviceAffecting += 1 }
      if let restored = s.restoredAt {
        let seconds = max(0, restored.timeIntervalSince(s.start)).rounded()
        f.restoreSeconds = seconds
        counts.restored += 1
        if affecting { f.rtoMet = seconds <= rto }
      } else {
        let open = max(0, now.timeIntervalSince(s.start)).rounded()
        f.openSeconds = open
        counts.notRestored += 1
        if affecting, open > rto { f.rtoMet = false }
      }
      if f.rtoMet == true { counts.rtoMet += 1 }
      if f.rtoMet == false { counts.rtoMissed += 1 }
      if let job = s.restoredFromJob {
        counts.restoredFromBackup += 1
        if let run = runs.lastGood(job: job, atOrBefore: s.start) {
          f.lastGoodBackupAt = run.finishedAt
          let lost = s.start.timeIntervalSince(run.finishedAt).rounded()
          f.dataLostSeconds = lost
          f.rpoMet = lost <= rpo
        } else {
          f.rpoMet = false
        }
        if f.rpoMet == true { counts.rpoMet += 1 } else { counts.rpoMissed += 1 }
      }
      figures.append(f)
    }
    self.incidents = figures
    self.counts = counts

    let restoreTimes = figures.filter(\.serviceAffecting).compactMap(\.restoreSeconds)
    mttrSeconds = restoreTimes.isEmpty ? nil : restoreTimes.reduce(0, +) / Double(restoreTimes.count)
    mttrMet = mttrSeconds.map { $0 <= objectives.mttrHours * 3600 }
    let starts = figures.filter(\.serviceAffecting).map(\.start)
    if starts.count >= 2, let first = starts.first, let last = starts.last {
      mtbfSeconds = last.timeIntervalSince(first) / Double(starts.count - 1)
    }
    mtbfMet = mtbfSeconds.map { $0 >= objectives.mtbfDays * 86400 }
    months = Self.months(figures, from: from, to: to)
  }

  /// The Oslo calendar months the window touches, at most `maxMonths`.
  static let maxMonths = 120

  static func months(_ figures: [IncidentFigure], from: Date, to: Date) -> [Month] {
    let calendar = Timestamp.osloCalendar
    let startParts = calendar.dateComponents([.year, .month], from: from)
    guard var cursor = calendar.date(from: startParts) else { return [] }
    var out: [Month] = []
    while cursor < to, out.count < maxMonths {
      guard let next = calendar.date(byAdding: .month, value: 1, to: cursor) else { break }
      let parts = calendar.dateComponents([.year, .month], from: cursor)
      let these = figures.filter { $0.start >= cursor && $0.start < next }
      let restores = these.filter(\.serviceAffecting).compactMap(\.restoreSeconds)
      out.append(
        Month(
          year: parts.year ?? 0, month: parts.month ?? 0, incidents: these.count,
          serviceAffecting: these.filter(\.serviceAffecting).count, restored: restores.count,
          meanRestoreSeconds: restores.isEmpty ? nil : restores.reduce(0, +) / Double(restores.count),
          longestRestoreSeconds: restores.max()))
      cursor = next
    }
    return out
  }
}
