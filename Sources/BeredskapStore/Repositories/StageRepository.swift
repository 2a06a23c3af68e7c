import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// The response stages of an incident (issue 9 point 1): what is done, marking
/// a stage done, the service-restored moment, the backup an incident's data
/// was restored from, and the reminders when a stage passes its target.
public struct StageRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public enum MarkError: Error, Equatable {
    /// The plan has no such stage for the incident's severity.
    case unknownStage
    case alreadyDone
    /// A backup job id must be 1–64 characters a-z, A-Z, 0-9, `_`, `-`, `.`.
    case badJob
  }

  public struct Overview: Sendable {
    public var incident: Incident
    public var start: Date
    public var stages: [ResponseStages.Progress]
    public var restoredAt: Date?
    public var restoredFromJob: String?
  }

  /// The stages of the incident at `now`, with what was done about each.
  public func overview(_ number: IncidentNumber, plan: Plan, now: Date) async throws -> Overview {
    guard let incident = try await IncidentRepository(db: db).find(number) else {
      throw StoreError.notFound("\(number)")
    }
    var marks = try await self.marks(incident.id)
    if marks[ResponseStages.serviceRestoredKey] == nil, incident.status == .resolved || incident.status == .closed,
      let mark = try await statusRestoredAt([incident.id])[incident.id]
    {
      marks[ResponseStages.serviceRestoredKey] = mark
    }
    let told = try await customersTold(incident.id, plan: plan)
    let start = ResponseStages.start(incident)
    let job = try await IncidentBackupRestoreRecord.query(on: db).filter(\.$incident.$id == incident.id).first()?.jobID
    return Overview(
      incident: incident, start: start,
      stages: ResponseStages.progress(
        stages: plan.responseStages(severity: incident.severity), start: start, marks: marks, customersToldAt: told,
        now: now),
      restoredAt: marks[ResponseStages.serviceRestoredKey]?.at, restoredFromJob: job)
  }

  func marks(_ incidentID: UUID) async throws -> [String: ResponseStages.Mark] {
    let rows = try await StageMarkRecord.query(on: db).filter(\.$incident.$id == incidentID).all()
    return rows.reduce(into: [:]) { $0[$1.stage] = ResponseStages.Mark(at: $1.doneAt, by: $1.doneBy) }
  }

  /// The earliest start notice to the customers' contact persons recorded as done.
  func customersTold(_ incidentID: UUID, plan: Plan) async throws -> ResponseStages.Mark? {
    let keys = plan.stakeholders.filter { $0.audience == .customers }.map { "\($0.id):start" }
    guard !keys.isEmpty else { return nil }
    return try await CommunicationRecord.query(on: db).filter(\.$incident.$id == incidentID).filter(\.$key ~~ keys)
      .filter(\.$outcome == CommunicationRepository.Outcome.done.rawValue).sort(\.$doneAt).first()
      .map { ResponseStages.Mark(at: $0.doneAt, by: $0.doneBy) }
  }

  /// Marks a stage of the incident done now (one button); on the timeline and the audit trail.
  public func mark(_ number: IncidentNumber, stage id: String, plan: Plan, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      guard let r = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = r.id else {
        throw StoreError.notFound("\(number)")
      }
      guard let stage = plan.responseStages(severity: r.severity).first(where: { $0.id == id }) else {
        throw MarkError.unknownStage
      }
      let key = ResponseStages.key(stage)
      guard
        try await StageMarkRecord.query(on: tx).filter(\.$incident.$id == incidentID).filter(\.$stage == key)
          .first() == nil
      else { throw MarkError.alreadyDone }
      let start = r.occurredAt ?? r.discoveredAt
      let due = start.addingTimeInterval(stage.untilMinutes * 60)
      try await Self.insertMark(
        on: tx, incidentID: incidentID, number: number, key: key, title: stage.title, source: "marked", late: now > due,
        actor: actor, now: now)
    }
  }

  static func insertMark(
    on tx: any Database, incidentID: UUID, number: IncidentNumber, key: String, title: String, source: String,
    late: Bool, actor: Actor, now: Date
  ) async throws {
    let m = StageMarkRecord()
    m.$incident.id = incidentID
    m.stage = key
    m.doneAt = now
    m.doneBy = actor.name
    m.source = source
    m.recordedAt = now
    try await m.create(on: tx)
    try await IncidentRepository.timeline(
      on: tx, incidentID, actor: actor, kind: .stage, text: title,
      data: ["stage": [key], "late": [String(late)], "source": [source]], now: now)
    try await AuditLog.append(
      on: tx, actor: actor, action: .incidentStage, subject: "incident:\(number)",
      fields: ["stage": key, "done_at": Timestamp.utc(now), "late": String(late), "source": source], now: now)
  }

  /// The status went to resolved (or closed) with no restore recorded: the
  /// service counts as restored now. Runs inside the status change's transaction.
  static func restoredOnResolve(
    on tx: any Database, incidentID: UUID, number: IncidentNumber, actor: Actor, now: Date
  ) async throws {
    guard
      try await StageMarkRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .filter(\.$stage == ResponseStages.serviceRestoredKey).first() == nil
    else { return }
    try await insertMark(
      on: tx, incidentID: incidentID, number: number, key: ResponseStages.serviceRestoredKey,
      title: "Tjenesten er gjenopprettet", source: "status", late: false, actor: actor, now: now)
  }

  static func validJob(_ job: String) -> Bool {
    (1...64).contains(job.count)
      && job.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }
  }

  /// Records that the incident's data was restored from `job` (once per incident).
  public func recordBackupRestore(_ number: IncidentNumber, job: String, actor: Actor, now: Date) async throws {
    let job = job.trimmingCharacters(in: .whitespaces)
    guard Self.validJob(job) else { throw MarkError.badJob }
    try await db.writeTransaction { tx in
      guard let r = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = r.id else {
        throw StoreError.notFound("\(number)")
      }
      guard
        try await IncidentBackupRestoreRecord.query(on: tx).filter(\.$incident.$id == incidentID).first() == nil
      else { throw MarkError.alreadyDone }
      let b = IncidentBackupRestoreRecord()
      b.$incident.id = incidentID
      b.jobID = job
      b.recordedBy = actor.name
      b.recordedAt = now
      try await b.create(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .backupRestore, text: job, data: ["job": [job]], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentBackupRestore, subject: "incident:\(number)", fields: ["job": job],
        now: now)
    }
  }

  /// Claims a reminder for every stage of an open (ongoing or contained)
  /// incident past its target and not done, once across instances.
  public func claimDue(plan: Plan, now: Date, instance: String) async throws -> [ReminderRepository.Due] {
    let levels = plan.stages.filter { !$0.value.isEmpty }.map(\.key)
    guard !levels.isEmpty else { return [] }
    let open = try await IncidentRecord.query(on: db)
      .filter(\.$status ~~ [IncidentStatus.ongoing.rawValue, IncidentStatus.contained.rawValue])
      .filter(\.$severity ~~ levels).all()
    guard !open.isEmpty else { return [] }
    let ids = open.compactMap(\.id)
    let marks = try await StageMarkRecord.query(on: db).filter(\.$incident.$id ~~ ids).all()
    let raised = try await StageReminderRecord.query(on: db).filter(\.$incident.$id ~~ ids).all()
    var out: [ReminderRepository.Due] = []
    for r in open {
      guard let id = r.id else { continue }
      let start = r.occurredAt ?? r.discoveredAt
      let done = marks.filter { $0.$incident.id == id }.reduce(into: [String: ResponseStages.Mark]()) {
        $0[$1.stage] = ResponseStages.Mark(at: $1.doneAt, by: $1.doneBy)
      }
      let told = try await customersTold(id, plan: plan)
      let progress = ResponseStages.progress(
        stages: plan.responseStages(severity: r.severity), start: start, marks: done, customersToldAt: told, now: now)
      // After a pause (or for an incident registered late) only the latest stage past its
      // target is raised; the earlier ones are recorded as caught up: one message, not four.
      let pending = progress.filter { p in
        p.state == .overdue && !raised.contains { $0.$incident.id == id && $0.stage == ResponseStages.key(p.stage) }
      }
      guard let latest = pending.last else { continue }
      var claimedLatest = false
      for p in pending {
        let key = ResponseStages.key(p.stage)
        let isLatest = p.stage.id == latest.stage.id
        let rows = try await db.sql.raw(
          """
          INSERT INTO stage_reminders (id, incident_id, stage, raised_at, raised_by, caught_up)
          VALUES (\(bind: UUID()), \(bind: id), \(bind: key), \(bind: now), \(bind: instance), \(bind: !isLatest))
          ON CONFLICT (incident_id, stage) DO NOTHING RETURNING id
          """
        ).all()
        if isLatest, !rows.isEmpty { claimedLatest = true }
      }
      if claimedLatest {
        out.append(
          ReminderRepository.Due(
            incidentNumber: r.number, incidentTitle: r.title, dutyKind: "stage:\(ResponseStages.key(latest.stage))",
            dutyTitle: latest.stage.title, due: latest.due, offsetHours: 0, caughtUp: pending.count > 1))
      }
    }
    return out
  }

  /// For incidents resolved before stages were recorded (no restore mark): the
  /// first time their status became resolved or closed.
  func statusRestoredAt(_ ids: [UUID]) async throws -> [UUID: ResponseStages.Mark] {
    guard !ids.isEmpty else { return [:] }
    let events = try await TimelineEventRecord.query(on: db).filter(\.$incident.$id ~~ ids)
      .filter(\.$kind == TimelineKind.status.rawValue).sort(\.$at).all()
    var out: [UUID: ResponseStages.Mark] = [:]
    for e in events where out[e.$incident.id] == nil {
      if let to = e.changes["status"]?.last,
        to == IncidentStatus.resolved.rawValue || to == IncidentStatus.closed.rawValue
      {
        out[e.$incident.id] = ResponseStages.Mark(at: e.at, by: e.actor)
      }
    }
    return out
  }

  /// The incidents that started in `from..<to`, as the continuity figures
  /// read them, and the backup runs their data-loss figures need.
  public func continuitySources(from: Date, to: Date) async throws -> (
    [ContinuityFigures.Source], [BackupRun]
  ) {
    let rows = try await IncidentRecord.query(on: db).group(.or) { or in
      or.group(.and) { $0.filter(\.$occurredAt >= from).filter(\.$occurredAt < to) }
      or.group(.and) { $0.filter(\.$occurredAt == nil).filter(\.$discoveredAt >= from).filter(\.$discoveredAt < to) }
    }.all()
    let ids = rows.compactMap(\.id)
    guard !ids.isEmpty else { return ([], []) }
    var restoredAt: [UUID: Date] = [:]
    for m in try await StageMarkRecord.query(on: db).filter(\.$incident.$id ~~ ids)
      .filter(\.$stage == ResponseStages.serviceRestoredKey).all()
    {
      restoredAt[m.$incident.id] = m.doneAt
    }
    // Incidents resolved before stages were recorded: the first time the status became resolved or closed.
    let unmarked = rows.filter { r in
      r.id.map { restoredAt[$0] == nil } == true
        && (r.status == IncidentStatus.resolved.rawValue || r.status == IncidentStatus.closed.rawValue)
    }.compactMap(\.id)
    for (id, mark) in try await statusRestoredAt(unmarked) { restoredAt[id] = mark.at }
    let jobs = try await IncidentBackupRestoreRecord.query(on: db).filter(\.$incident.$id ~~ ids).all()
    var sources: [ContinuityFigures.Source] = []
    var runs: [BackupRun] = []
    let backups = BackupRunRepository(db: db)
    for r in rows {
      guard let id = r.id else { continue }
      let start = r.occurredAt ?? r.discoveredAt
      let job = jobs.first { $0.$incident.id == id }?.jobID
      if let job, let run = try await backups.lastGood(job: job, atOrBefore: start), !runs.contains(run) {
        runs.append(run)
      }
      sources.append(
        ContinuityFigures.Source(
          number: r.number.description, severity: r.severity, start: start,
          restoredAt: restoredAt[id], restoredFromJob: job))
    }
    return (sources, runs)
  }
}
