import BeredskapCore
import FluentKit
import Foundation

/// The stakeholder matrix on an incident: which communications are due, the
/// customers the incident affects, and what was done about each.
public struct CommunicationRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public struct Done: Sendable, Equatable {
    public var key: String
    public var outcome: Outcome
    public var at: Date
    public var by: String
    public var note: String
  }

  public enum Outcome: String, Sendable, CaseIterable {
    case done
    /// The responder found it not needed here (e.g. the sub-processor was not the cause).
    case notNeeded = "not_needed"
  }

  public struct Item: Sendable {
    public var communication: Communication
    public var done: Done?
  }

  public enum RecordError: Error, Equatable {
    case unknown
    case alreadyDone
    case inFuture
    case beforeDiscovery
  }

  /// The communications the incident needs now, with what was done about them.
  public func items(_ number: IncidentNumber, plan: Plan) async throws -> [Item] {
    guard let incident = try await IncidentRepository(db: db).find(number) else {
      throw StoreError.notFound("\(number)")
    }
    let incidentID = incident.id
    let situation = try await situation(incident, incidentID: incidentID)
    let done = try await CommunicationRecord.query(on: db).filter(\.$incident.$id == incidentID).all()
    return StakeholderMatrix.due(situation, plan: plan).map { c in
      let d = done.first { $0.key == c.key }.map {
        Done(key: $0.key, outcome: Outcome(rawValue: $0.outcome) ?? .done, at: $0.doneAt, by: $0.doneBy, note: $0.note)
      }
      return Item(communication: c, done: d)
    }
  }

  func situation(_ incident: Incident, incidentID: UUID) async throws -> StakeholderMatrix.Situation {
    // The last time the status became resolved (or closed without a resolution first).
    let statusEvents = try await TimelineEventRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$kind == TimelineKind.status.rawValue).sort(\.$at).all()
    var resolvedAt: Date?
    for e in statusEvents {
      guard let change = e.changes["status"], change.count == 2 else { continue }
      if change[1] == IncidentStatus.resolved.rawValue || (change[1] == "closed" && resolvedAt == nil) {
        resolvedAt = e.at
      }
    }
    if !(incident.status == .resolved || incident.status == .closed) { resolvedAt = nil }
    let latest = try await AssessmentRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .sort(\.$at, .descending).first()
    var aware: Date?
    if let latest, latest.storedResult?["personal_data_breach"] == .bool(true) {
      aware = (try? BreachFacts.parse(json: Data(latest.facts.utf8)))?.becameAwareAt
    }
    let customers = try await IncidentCustomerRecord.query(on: db).filter(\.$incident.$id == incidentID).all()
      .map(\.customerID).sorted()
    return StakeholderMatrix.Situation(
      incident: incident, resolvedAt: resolvedAt, breachAwareAt: aware, customerIDs: customers)
  }

  /// The customers (plan ids) the incident affects.
  public func customers(_ number: IncidentNumber) async throws -> [String] {
    guard let id = try await IncidentRepository(db: db).record(number)?.id else {
      throw StoreError.notFound("\(number)")
    }
    return try await IncidentCustomerRecord.query(on: db).filter(\.$incident.$id == id).all().map(\.customerID)
      .sorted()
  }

  /// Sets the customers the incident affects; ids not in the plan are ignored.
  public func setCustomers(_ number: IncidentNumber, ids: [String], plan: Plan, actor: Actor, now: Date) async throws {
    let known = Set(plan.customers.map(\.id))
    let wanted = Set(ids.filter { known.contains($0) })
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      let existing = try await IncidentCustomerRecord.query(on: tx).filter(\.$incident.$id == incidentID).all()
      let before = Set(existing.map(\.customerID))
      guard before != wanted else { return }
      for r in existing where !wanted.contains(r.customerID) { try await r.delete(on: tx) }
      for id in wanted.subtracting(before).sorted() {
        let r = IncidentCustomerRecord()
        r.$incident.id = incidentID
        r.customerID = id
        try await r.create(on: tx)
      }
      let names = plan.customers.filter { wanted.contains($0.id) }.map(\.name)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .customers, text: names.joined(separator: ", "),
        data: ["customers": [before.sorted().joined(separator: ","), wanted.sorted().joined(separator: ",")]],
        now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentCustomers, subject: "incident:\(number)",
        fields: ["customers": wanted.sorted().joined(separator: ",")], now: now)
    }
  }

  /// Records that a communication was done (or was not needed). A processor's
  /// notice to its customers (a breach told to customers) also stops the
  /// controller clock (Art. 33(2)).
  public func record(
    _ number: IncidentNumber, key: String, outcome: Outcome, at: Date, note: String, plan: Plan, actor: Actor,
    now: Date, messages: [OutboxDraft] = []
  ) async throws {
    let items = try await self.items(number, plan: plan)
    guard let item = items.first(where: { $0.communication.key == key }) else { throw RecordError.unknown }
    guard item.done == nil else { throw RecordError.alreadyDone }
    guard at <= now.addingTimeInterval(300) else { throw RecordError.inFuture }
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      guard at >= incident.discoveredAt else { throw RecordError.beforeDiscovery }
      // The e-mails go into the outbox in the same transaction: recorded as told only if queued.
      try await Outbox(db: tx).enqueue(messages, now: now)
      let r = CommunicationRecord()
      r.$incident.id = incidentID
      r.key = key
      r.outcome = outcome.rawValue
      r.doneAt = at
      r.doneBy = actor.name
      r.note = note
      r.recordedAt = now
      try await r.create(on: tx)
      let c = item.communication
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .communication, text: note,
        data: [
          "communication": [key], "outcome": [outcome.rawValue], "done_at": [Timestamp.utc(at)],
          "late": [String(at > c.due)],
        ], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentCommunication, subject: "incident:\(number)",
        fields: [
          "communication": key, "outcome": outcome.rawValue, "done_at": Timestamp.utc(at),
          "note": note.isEmpty ? "" : AuditLog.digest(note), "emails": String(messages.count),
        ], now: now)
      let toCustomers = c.stakeholder.audience == .customers || c.stakeholder.audience == .customerSecurity
      if c.trigger == .breach, toCustomers, outcome == .done,
        let duty = try await DutyRecord.query(on: tx).filter(\.$incident.$id == incidentID)
          .filter(\.$kind == Deadline.Kind.controller.description).first(), duty.doneAt == nil
      {
        duty.doneAt = at
        duty.doneBy = actor.name
        try await duty.save(on: tx)
        try await IncidentRepository.timeline(
          on: tx, incidentID, actor: actor, kind: .dutyDone, text: duty.title,
          data: ["duty": [duty.kind], "late": [String(at > duty.dueAt)]], now: now)
      }
    }
  }
}
