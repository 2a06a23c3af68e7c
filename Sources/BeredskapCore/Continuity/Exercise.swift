import Foundation

/// A test of the continuity plan, on record for a customer's auditor:
/// a restore test, a failover test or a table-top exercise.
public struct Exercise: Equatable, Sendable {
  public enum Kind: String, CaseIterable, Sendable, Codable {
    case restoreTest = "restore_test"
    case failoverTest = "failover_test"
    case tabletop
  }

  public enum Outcome: String, CaseIterable, Sendable, Codable {
    /// Went as the plan says.
    case passed
    /// Worked, with findings to follow up.
    case partly
    /// Did not work: the plan does not hold as written.
    case failed
  }

  public var id: UUID
  public var kind: Kind
  public var heldAt: Date
  public var scenario: String
  public var participants: String
  /// Measured minutes from start to the service (or the copy) working again.
  public var restoreMinutes: Int?
  /// Measured data loss in minutes (time back to the copy restored).
  public var dataLossMinutes: Int?
  public var outcome: Outcome
  public var findings: String
  public var recordedBy: String

  public init(
    id: UUID = UUID(), kind: Kind, heldAt: Date, scenario: String, participants: String, restoreMinutes: Int?,
    dataLossMinutes: Int?, outcome: Outcome, findings: String, recordedBy: String
  ) {
    self.id = id
    self.kind = kind
    self.heldAt = heldAt
    self.scenario = scenario
    self.participants = participants
    self.restoreMinutes = restoreMinutes
    self.dataLossMinutes = dataLossMinutes
    self.outcome = outcome
    self.findings = findings
    self.recordedBy = recordedBy
  }

  /// Minutes a test may report: up to 30 days.
  public static let maxMinutes = 43_200
}

extension Plan {
  /// How often each kind of test is due, in months (`exercises:`): restore
  /// tests quarterly, failover tests and table-top exercises yearly (Plan A
  /// holds failover tests also when needed). A kind missing here has no schedule.
  public static let defaultExerciseMonths: [Exercise.Kind: Int] = [.restoreTest: 3, .failoverTest: 12, .tabletop: 12]
}

/// Which tests are due, from the newest of each kind.
public enum ExerciseSchedule {
  public struct Status: Equatable, Sendable {
    public var kind: Exercise.Kind
    public var months: Int
    public var last: Date?
    /// Nil when never held: due now.
    public var due: Date?
    public var overdue: Bool
  }

  public static func status(
    plan: Plan, exercises: [Exercise], now: Date, calendar: Calendar = Timestamp.osloCalendar
  ) -> [Status] {
    Exercise.Kind.allCases.compactMap { kind in
      guard let months = plan.exerciseMonths[kind] else { return nil }
      let last = exercises.filter { $0.kind == kind }.map(\.heldAt).max()
      let due = last.flatMap { calendar.date(byAdding: .month, value: months, to: $0) }
      return Status(kind: kind, months: months, last: last, due: due, overdue: due.map { $0 < now } ?? true)
    }
  }
}
