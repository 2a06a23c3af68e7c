import BeredskapCore
import FluentKit
import Foundation

/// Assessments of incidents and the clocks they start. The newest assessment
/// drives the clocks; a clock that is done stays done.
public struct AssessmentRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public struct Recorded: Sendable {
    public var assessment: Assessment
    public var change: AssessmentChange
  }

  /// Stores an assessment, moves the clocks to it, and puts what changed on
  /// the timeline and in the audit trail, all in one transaction.
  public func record(
    _ number: IncidentNumber, factsJSON: [String: JSONValue], assessment: Assessment, actor: Actor, now: Date
  ) async throws -> Recorded {
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx) else {
        throw StoreError.notFound("\(number)")
      }
      let previous = try await AssessmentRecord.query(on: tx).filter(\.$incident.$id == incident.id!)
        .sort(\.$at, .descending).first()
      let previousFacts = previous.flatMap { try? JSONValue.parse(Data($0.facts.utf8)) }.flatMap {
        if case .object(let o) = $0 { o } else { nil }
      }
      let previousAssessment = previous.map { Self.summary($0) }
      let change = AssessmentChange(
        previousFacts: previousFacts, facts: factsJSON, previous: previousAssessment, now: assessment)

      let r = AssessmentRecord()
      r.$incident.id = incident.id!
      r.at = now
      r.actor = actor.name
      r.facts = String(decoding: try JSONEncoder.sorted.encode(JSONValue.object(factsJSON)), as: UTF8.self)
      r.result = String(decoding: assessment.json(pretty: false), as: UTF8.self)
      r.risk = assessment.risk.rawValue
      r.notifyAuthority = assessment.notifyAuthority
      r.notifySubjects = assessment.notifySubjects
      r.notifyController = assessment.notifyController
      try await r.create(on: tx)

      // Move the clocks: new or changed deadlines, and those no longer required.
      let existing = try await DutyRecord.query(on: tx).filter(\.$incident.$id == incident.id!).all()
      let wanted = Dictionary(
        assessment.deadlines.map { ($0.kind.description, $0) }, uniquingKeysWith: { first, _ in first })
      for duty in existing where duty.doneAt == nil {
        if Deadline.Kind(duty.kind) == .assessment {
          // The assessment is made: its clock stops now.
          duty.doneAt = now
          duty.doneBy = actor.name
        } else if let d = wanted[duty.kind] {
          duty.dueAt = d.due
          duty.title = d.basis
          duty.article = d.article
          duty.required = true
        } else {
          duty.required = false
        }
        try await duty.save(on: tx)
      }
      for (kind, d) in wanted where !existing.contains(where: { $0.kind == kind }) {
        try await DutyRecord(incidentID: incident.id!, d).create(on: tx)
      }

      var data = change.decision
      if !change.factFields.isEmpty { data["facts"] = change.factFields }
      try await IncidentRepository.timeline(
        on: tx, incident.id!, actor: actor, kind: .assessment, text: "", data: data, now: now)
      incident.updatedAt = now
      try await incident.save(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentAssess, subject: "incident:\(number)",
        fields: [
          "risk": assessment.risk.rawValue, "notify_authority": String(assessment.notifyAuthority),
          "notify_subjects": String(assessment.notifySubjects),
        ], now: now)
      return Recorded(assessment: assessment, change: change)
    }
  }

  /// Enough of a stored assessment to compare decisions.
  static func summary(_ r: AssessmentRecord) -> Assessment {
    Assessment(
      personalDataBreach: true, risk: RiskLevel(rawValue: r.risk) ?? .none, severity: nil, recordInternally: true,
      notifyAuthority: r.notifyAuthority, notifySubjects: r.notifySubjects, notifyController: r.notifyController,
      publicCommunication: false, deadlines: [], reasons: [], language: .nb)
  }

  public func history(_ number: IncidentNumber) async throws -> [AssessmentRecord] {
    guard let incident = try await IncidentRepository(db: db).record(number) else {
      throw StoreError.notFound("\(number)")
    }
    return try await AssessmentRecord.query(on: db).filter(\.$incident.$id == incident.id!).sort(\.$at, .descending)
      .all()
  }

  public struct Clock: Sendable {
    public var incidentID: UUID
    public var kind: String
    public var title: String
    public var article: String
    public var due: Date
    public var required: Bool
    public var doneAt: Date?
    public var doneBy: String?
    public var reference: String?
    public var delayReason: String?
  }

  static func clock(_ d: DutyRecord) -> Clock {
    Clock(
      incidentID: d.$incident.id, kind: d.kind, title: d.title, article: d.article, due: d.dueAt, required: d.required,
      doneAt: d.doneAt, doneBy: d.doneBy, reference: d.reference, delayReason: d.delayReason)
  }

  public func clocks(_ number: IncidentNumber) async throws -> [Clock] {
    guard let incident = try await IncidentRepository(db: db).record(number) else {
      throw StoreError.notFound("\(number)")
    }
    return try await DutyRecord.query(on: db).filter(\.$incident.$id == incident.id!).sort(\.$dueAt).all().map(
      Self.clock)
  }

  /// Running clocks (required, not done) of the given incidents, soonest first.
  public func running(incidentIDs: [UUID]) async throws -> [Clock] {
    guard !incidentIDs.isEmpty else { return [] }
    return try await DutyRecord.query(on: db).filter(\.$incident.$id ~~ incidentIDs).filter(\.$required == true)
      .filter(\.$doneAt == nil).sort(\.$dueAt).all().map(Self.clock)
  }

  public enum CompletionError: Error, Equatable {
    case unknownDuty
    case alreadyDone
    case reasonRequired
    case inFuture
    /// Before the incident was discovered: no duty can be met then.
    case beforeDiscovery
  }

  /// Records a duty as done. A late notification of the authority needs a
  /// reason for the delay (GDPR Art. 33(1)). A notification to the authority
  /// may be incomplete (Art. 33(4)): its clock stops, the phase is kept, and a
  /// follow-up clock runs until a phase is marked complete.
  public func complete(
    _ number: IncidentNumber, kind: String, at: Date, reference: String?, delayReason: String?, actor: Actor, now: Date,
    plan: Plan, notificationComplete: Bool = true, content: String? = nil
  ) async throws {
    let duty = Deadline.Kind(kind)
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx) else {
        throw StoreError.notFound("\(number)")
      }
      guard
        let record = try await DutyRecord.query(on: tx).filter(\.$incident.$id == incident.id!)
          .filter(\.$kind == kind).first()
      else { throw CompletionError.unknownDuty }
      guard record.doneAt == nil else { throw CompletionError.alreadyDone }
      guard at <= now.addingTimeInterval(300) else { throw CompletionError.inFuture }
      guard at >= incident.discoveredAt else { throw CompletionError.beforeDiscovery }
      let reason = delayReason?.trimmingCharacters(in: .whitespacesAndNewlines)
      if DutyRules.needsDelayReason(duty, doneAt: at, due: record.dueAt), (reason ?? "").isEmpty {
        throw CompletionError.reasonRequired
      }
      let isNotification = duty.isAuthorityNotification
      let late = at > record.dueAt
      let dueBefore = record.dueAt
      if isNotification {
        let phases = try await NotificationPhaseRecord.query(on: tx).filter(\.$incident.$id == incident.id!).count()
        let phase = NotificationPhaseRecord()
        phase.$incident.id = incident.id!
        phase.phase = phases + 1
        phase.sentAt = at
        phase.sentBy = actor.name
        phase.reference = reference.flatMap { $0.isEmpty ? nil : $0 }
        phase.content = content ?? ""
        phase.complete = notificationComplete
        try await phase.create(on: tx)
      }
      let next = DutyRules.followUp(after: at, plan: plan)
      if duty == .authorityFollowUp, !notificationComplete {
        // Another partial phase: the follow-up clock keeps running from now.
        record.dueAt = next.due
      } else {
        record.doneAt = at
        record.doneBy = actor.name
        record.reference = reference.flatMap { $0.isEmpty ? nil : $0 }
        record.delayReason = (reason ?? "").isEmpty ? nil : reason
      }
      try await record.save(on: tx)
      if duty == .authority, !notificationComplete {
        try await DutyRecord(incidentID: incident.id!, next).create(on: tx)
      }
      var data: [String: [String]] = ["duty": [kind], "late": [String(late)]]
      if isNotification { data["notification_complete"] = [String(notificationComplete)] }
      try await IncidentRepository.timeline(
        on: tx, incident.id!, actor: actor, kind: isNotification ? .notification : .dutyDone, text: record.title,
        data: data, now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: isNotification ? .incidentNotification : .incidentDutyDone,
        subject: "incident:\(number)",
        fields: [
          "duty": kind, "done_at": Timestamp.utc(at), "late": String(at > dueBefore),
          "complete": String(notificationComplete),
          // The text sent is frozen on the phase; its hash here proves it was not changed since.
          "content": (content ?? "").isEmpty ? "" : AuditLog.digest(content ?? ""),
        ], now: now)
    }
  }
}

extension AssessmentRepository {
  /// The phases of the notification to the authority, oldest first.
  public func phases(_ number: IncidentNumber) async throws -> [NotificationPhaseRecord] {
    guard let incident = try await IncidentRepository(db: db).record(number) else {
      throw StoreError.notFound("\(number)")
    }
    return try await NotificationPhaseRecord.query(on: db).filter(\.$incident.$id == incident.id!).sort(\.$phase).all()
  }
}
