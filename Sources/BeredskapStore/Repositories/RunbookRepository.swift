import BeredskapCore
import FluentKit
import Foundation

/// Runbooks attached to incidents, and their steps ticked off.
public struct RunbookRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public enum RunbookError: Error, Equatable {
    /// This runbook is already on the incident.
    case alreadyAttached
    /// No such runbook on this incident, or no such step.
    case unknownStep
  }

  public struct Attached: Sendable {
    public var runbookID: String
    public var checklist: RunbookChecklist
  }

  public func checklists(_ number: IncidentNumber) async throws -> [Attached] {
    guard let incident = try await IncidentRepository(db: db).record(number), let incidentID = incident.id else {
      throw StoreError.notFound("\(number)")
    }
    let runs = try await IncidentRunbookRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .sort(\.$startedAt).all()
    var out: [Attached] = []
    for run in runs {
      guard let runID = run.id, let runbook = run.decoded else { continue }
      var ticks: [Int: RunbookChecklist.Tick] = [:]
      for t in try await RunbookTickRecord.query(on: db).filter(\.$run.$id == runID).all() {
        ticks[t.step] = .init(by: t.doneBy, at: t.doneAt)
      }
      out.append(
        Attached(
          runbookID: run.runbookID,
          checklist: RunbookChecklist(runbook: runbook, startedAt: run.startedAt, ticks: ticks)))
    }
    return out
  }

  /// Attaches a runbook from the plan; its steps are copied.
  public func attach(_ number: IncidentNumber, runbook: Plan.Runbook, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      let existing = try await IncidentRunbookRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .filter(\.$runbookID == runbook.id).count()
      guard existing == 0 else { throw RunbookError.alreadyAttached }
      let r = IncidentRunbookRecord()
      r.$incident.id = incidentID
      r.runbookID = runbook.id
      r.runbook = String(decoding: try JSONEncoder.sorted.encode(runbook), as: UTF8.self)
      r.startedAt = now
      r.startedBy = actor.name
      try await r.create(on: tx)
      incident.updatedAt = now
      try await incident.save(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .runbook, text: runbook.title,
        data: ["runbook": [runbook.id], "action": ["attach"]], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .runbookAttach, subject: "incident:\(number)",
        fields: ["runbook": runbook.id, "steps": String(runbook.steps.count)], now: now)
    }
  }

  /// Ticks a step off (`done`) or takes the tick back; either way on the timeline.
  public func tick(
    _ number: IncidentNumber, runbookID: String, step: Int, done: Bool, actor: Actor, now: Date
  ) async throws {
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      guard
        let run = try await IncidentRunbookRecord.query(on: tx).filter(\.$incident.$id == incidentID)
          .filter(\.$runbookID == runbookID).first(), let runID = run.id, let runbook = run.decoded,
        runbook.steps.indices.contains(step)
      else { throw RunbookError.unknownStep }
      let existing = try await RunbookTickRecord.query(on: tx).filter(\.$run.$id == runID).filter(\.$step == step)
        .first()
      if done {
        guard existing == nil else { return }
        let t = RunbookTickRecord()
        t.$run.id = runID
        t.step = step
        t.doneAt = now
        t.doneBy = actor.name
        try await t.create(on: tx)
      } else {
        guard let existing else { return }
        try await existing.delete(on: tx)
      }
      incident.updatedAt = now
      try await incident.save(on: tx)
      let late: Bool = {
        let minutes = runbook.steps.prefix(step + 1).reduce(0) { $0 + ($1.minutes ?? 0) }
        return done && minutes > 0 && now > run.startedAt.addingTimeInterval(TimeInterval(minutes) * 60)
      }()
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .runbook, text: runbook.steps[step].text,
        data: [
          "runbook": [runbook.id], "action": [done ? "tick" : "untick"], "step": [String(step + 1)],
          "late": [String(late)],
        ], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: done ? .runbookTick : .runbookUntick, subject: "incident:\(number)",
        fields: ["runbook": runbook.id, "step": String(step + 1)], now: now)
    }
  }
}
