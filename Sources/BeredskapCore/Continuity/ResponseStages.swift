import Foundation

/// Where each response stage of an incident stands at `now`: its target,
/// the time elapsed since the incident's start, and done (on time or late),
/// running or overdue. Pure: the store supplies the marks, the caller the time.
public enum ResponseStages {
  /// A stage marked done: when and by whom.
  public struct Mark: Equatable, Sendable {
    public var at: Date
    public var by: String
    public init(at: Date, by: String) {
      self.at = at
      self.by = by
    }
  }

  public enum State: String, Sendable {
    /// Not yet its turn: the stage before it is not done and has time left.
    case upcoming
    case running
    case overdue
    case done
    case doneLate = "done_late"
  }

  public struct Progress: Equatable, Sendable {
    public var stage: Plan.Stage
    /// The incident's start plus the stage's minutes.
    public var due: Date
    /// From the incident's start to done, or to now while not done.
    public var elapsed: TimeInterval
    public var done: Mark?
    public var state: State
  }

  /// The store key of a stage's mark: the service-restored moment has one
  /// key of its own, so the restore time survives a plan that renames stages.
  public static let serviceRestoredKey = "service_restored"

  public static func key(_ stage: Plan.Stage) -> String {
    stage.doneWhen == .serviceRestored ? serviceRestoredKey : stage.id
  }

  /// The incident's start: when it happened if known, else when it was discovered.
  public static func start(_ incident: Incident) -> Date { incident.occurredAt ?? incident.discoveredAt }

  /// - Parameters:
  ///   - marks: by `key(stage)`.
  ///   - customersToldAt: when the customers' communication was recorded, if it was.
  public static func progress(
    stages: [Plan.Stage], start: Date, marks: [String: Mark], customersToldAt: Mark? = nil, now: Date
  ) -> [Progress] {
    // A stage is in progress once the one before it is done or its time is up.
    var previousDue = start
    var previousDone = true
    return stages.map { stage in
      let due = start.addingTimeInterval(stage.untilMinutes * 60)
      var done = marks[key(stage)]
      if done == nil, stage.doneWhen == .customersTold { done = customersToldAt }
      let state: State
      if let done {
        state = done.at > due ? .doneLate : .done
      } else if now > due {
        state = .overdue
      } else {
        state = previousDone || now >= previousDue ? .running : .upcoming
      }
      previousDue = due
      previousDone = done != nil
      return Progress(
        stage: stage, due: due, elapsed: max(0, (done?.at ?? now).timeIntervalSince(start)), done: done, state: state)
    }
  }
}
