import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// Finds the reminders that are due and claims each exactly once.
public struct ReminderRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  /// A reminder to deliver: the clock, how far ahead, and the incident.
  public struct Due: Sendable, Equatable {
    public var incidentNumber: IncidentNumber
    public var incidentTitle: String
    public var dutyKind: String
    public var dutyTitle: String
    public var due: Date
    /// Hours before the deadline; 0 means the deadline was missed.
    public var offsetHours: Double
    public var caughtUp: Bool
  }

  /// Claims every reminder due at `now` that nobody has raised yet. After a
  /// stop, only the most urgent offset of each clock is raised; the earlier
  /// ones are recorded as caught up, so people get one message, not five.
  public func claimDue(offsets: [Double], now: Date, instance: String) async throws -> [Due] {
    let horizon = now.addingTimeInterval((offsets.max() ?? 0) * 3600)
    let duties = try await DutyRecord.query(on: db).filter(\.$required == true).filter(\.$doneAt == nil)
      .filter(\.$dueAt <= horizon).with(\.$incident).all()
    guard !duties.isEmpty else { return [] }
    let raised = try await ReminderRecord.query(on: db).filter(\.$duty.$id ~~ duties.map { $0.id! }).all()
    var out: [Due] = []
    let all = (offsets + [0]).sorted(by: >)
    for duty in duties where duty.incident.status != IncidentStatus.closed.rawValue {
      let reached = all.filter { now >= duty.dueAt.addingTimeInterval(-$0 * 3600) }
      let done = Set(raised.filter { $0.$duty.id == duty.id }.map(\.offsetHours))
      let pending = reached.filter { !done.contains($0) }
      guard let mostUrgent = pending.min() else { continue }
      var claimedMostUrgent = false
      for offset in pending {
        if try await claim(duty: duty, offset: offset, now: now, instance: instance, caughtUp: offset != mostUrgent),
          offset == mostUrgent
        {
          claimedMostUrgent = true
        }
      }
      if claimedMostUrgent {
        out.append(
          Due(
            incidentNumber: duty.incident.number, incidentTitle: duty.incident.title, dutyKind: duty.kind,
            dutyTitle: duty.title, due: duty.dueAt, offsetHours: mostUrgent, caughtUp: pending.count > 1))
      }
    }
    return out
  }

  /// Inserts the (duty, offset) row; false when another instance got there first.
  func claim(duty: DutyRecord, offset: Double, now: Date, instance: String, caughtUp: Bool) async throws -> Bool {
    let rows = try await (db as! any SQLDatabase).raw(
      """
      INSERT INTO reminders (id, duty_id, incident_id, offset_hours, raised_at, raised_by, caught_up)
      VALUES (\(bind: UUID()), \(bind: duty.id!), \(bind: duty.$incident.id), \(bind: offset), \(bind: now), \(bind: instance), \(bind: caughtUp))
      ON CONFLICT (duty_id, offset_hours) DO NOTHING RETURNING id
      """
    ).all()
    return !rows.isEmpty
  }

  /// The newest reminders raised, for the dashboard.
  public func recent(limit: Int = 20) async throws -> [ReminderRecord] {
    try await ReminderRecord.query(on: db).filter(\.$caughtUp == false).sort(\.$raisedAt, .descending).limit(limit)
      .with(\.$duty).with(\.$incident).all()
  }
}
