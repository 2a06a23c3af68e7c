import BeredskapCore
import FluentKit
import Foundation

/// Post-mortems and the action items that follow from them and from tests.
public struct PostMortemRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public enum PostMortemError: Error, Equatable {
    /// Completing needs every field; these are empty.
    case missing([PostMortem.Field])
    case tooLong(PostMortem.Field)
    case alreadyComplete
    case unknownAction
  }

  /// Where an incident's post-mortem stands.
  public struct State: Sendable {
    public var incident: Incident
    public var postMortem: PostMortem?
    /// When it is owed, nil when none is (see `PostMortem.due`).
    public var due: Date?
    public var resolvedAt: Date?
    public var notifiedAt: Date?
    public var actions: [ActionItem]

    public func overdue(now: Date) -> Bool {
      guard let due, postMortem?.completedAt == nil else { return false }
      return due < now
    }
  }

  /// The id of the plan clock a completed post-mortem meets (Plan B's review within 7 days).
  public static let reviewClock = "post_incident_review"

  /// The first time the incident was marked resolved (or closed without it).
  static func resolvedAt(_ incidentID: UUID, on db: any Database) async throws -> Date? {
    let events = try await TimelineEventRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .filter(\.$kind == TimelineKind.status.rawValue).sort(\.$at).all()
    return events.first { e in
      guard let to = e.changes["status"]?.last else { return false }
      return to == IncidentStatus.resolved.rawValue || to == IncidentStatus.closed.rawValue
    }?.at
  }

  public func state(_ number: IncidentNumber) async throws -> State {
    guard let r = try await IncidentRepository(db: db).record(number), let incidentID = r.id else {
      throw StoreError.notFound("\(number)")
    }
    return try await state(r, incidentID: incidentID)
  }

  func state(_ r: IncidentRecord, incidentID: UUID) async throws -> State {
    let resolved = try await Self.resolvedAt(incidentID, on: db)
    let notified = try await NotificationPhaseRecord.query(on: db).filter(\.$incident.$id == incidentID)
      .sort(\.$sentAt).first()?.sentAt
    let pm = try await PostMortemRecord.query(on: db).filter(\.$incident.$id == incidentID).first()
    let incident = r.incident(ownerName: nil)
    let actions = try await ActionItemRecord.query(on: db)
      .filter(\.$source == ActionItem.Source.postMortem.rawValue).filter(\.$sourceRef == incident.number.description)
      .sort(\.$dueAt).all().compactMap(\.item)
    return State(
      incident: incident, postMortem: pm?.postMortem,
      due: PostMortem.due(severity: r.severity, resolvedAt: resolved, notifiedAt: notified),
      resolvedAt: resolved, notifiedAt: notified, actions: actions)
  }

  /// Incidents that owe a post-mortem not yet completed, soonest due first.
  public func owed() async throws -> [State] {
    let notifiedIDs = Set(try await NotificationPhaseRecord.query(on: db).all().map { $0.$incident.id })
    let candidates = try await IncidentRecord.query(on: db).group(.or) { g in
      g.filter(\.$severity <= 2)
      if !notifiedIDs.isEmpty { g.filter(\.$id ~~ Array(notifiedIDs)) }
    }.all()
    var out: [State] = []
    for r in candidates {
      guard let id = r.id else { continue }
      let s = try await state(r, incidentID: id)
      if s.due != nil, s.postMortem?.completedAt == nil { out.append(s) }
    }
    return out.sorted { ($0.due ?? .distantFuture) < ($1.due ?? .distantFuture) }
  }

  /// Saves the texts given (others are kept). Changed texts go on the audit
  /// trail as their SHA-256; the timeline says which fields changed.
  public func save(_ number: IncidentNumber, texts: [PostMortem.Field: String], actor: Actor, now: Date) async throws {
    for (field, text) in texts where text.count > PostMortem.maxLength { throw PostMortemError.tooLong(field) }
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      let existing = try await PostMortemRecord.query(on: tx).filter(\.$incident.$id == incidentID).first()
      let record = existing ?? PostMortemRecord()
      var current = existing?.postMortem.texts ?? [:]
      var changed: [PostMortem.Field] = []
      for (field, text) in texts {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if (current[field] ?? "") != t {
          current[field] = t
          changed.append(field)
        }
      }
      guard !changed.isEmpty else { return }
      let raw = Dictionary(current.map { ($0.key.rawValue, $0.value) }) { a, _ in a }
      record.$incident.id = incidentID
      record.texts = String(decoding: try JSONEncoder.sorted.encode(raw), as: UTF8.self)
      record.updatedAt = now
      record.updatedBy = actor.name
      if existing == nil { try await record.create(on: tx) } else { try await record.save(on: tx) }
      let names = changed.map(\.rawValue).sorted()
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .postMortem, text: "",
        data: ["action": ["save"], "fields": names], now: now)
      var fields: [String: String] = [:]
      for f in changed { fields[f.rawValue] = AuditLog.digest(current[f] ?? "") }
      try await AuditLog.append(
        on: tx, actor: actor, action: .postMortemSave, subject: "incident:\(number)", fields: fields, now: now)
    }
  }

  /// Marks the post-mortem complete; every field must be written.
  public func complete(_ number: IncidentNumber, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      guard let record = try await PostMortemRecord.query(on: tx).filter(\.$incident.$id == incidentID).first() else {
        throw PostMortemError.missing(PostMortem.Field.allCases)
      }
      let pm = record.postMortem
      guard pm.completedAt == nil else { throw PostMortemError.alreadyComplete }
      guard pm.missing.isEmpty else { throw PostMortemError.missing(pm.missing) }
      record.completedAt = now
      record.completedBy = actor.name
      try await record.save(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .postMortem, text: "", data: ["action": ["complete"]], now: now)
      // The plan's own «post-incident review» clock (Plan B's 7 days) is met by the completed post-mortem.
      var fields: [String: String] = [:]
      if let duty = try await DutyRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .filter(\.$kind == Self.reviewClock).first(), duty.doneAt == nil
      {
        duty.doneAt = now
        duty.doneBy = actor.name
        try await duty.save(on: tx)
        try await IncidentRepository.timeline(
          on: tx, incidentID, actor: actor, kind: .dutyDone, text: duty.title,
          data: ["duty": [duty.kind], "late": [String(now > duty.dueAt)]], now: now)
        fields["duty"] = duty.kind
      }
      try await AuditLog.append(
        on: tx, actor: actor, action: .postMortemComplete, subject: "incident:\(number)", fields: fields, now: now)
    }
  }

  /// Adds an action item to an incident's post-mortem.
  public func addAction(
    _ number: IncidentNumber, text: String, owner: String, due: Date, actor: Actor, now: Date
  ) async throws -> ActionItem {
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      let item = ActionItem(source: .postMortem, sourceRef: number.description, text: text, owner: owner, due: due)
      try await ActionItemRepository.insert(item, actor: actor, now: now, on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .postMortem, text: text,
        data: ["action": ["action_item"], "owner": [owner], "due": [Timestamp.utc(due)]], now: now)
      return item
    }
  }
}

/// Action items across post-mortems and tests.
public struct ActionItemRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  static func insert(_ item: ActionItem, actor: Actor, now: Date, on tx: any Database) async throws {
    let r = ActionItemRecord()
    r.id = item.id
    r.source = item.source.rawValue
    r.sourceRef = item.sourceRef
    r.text = item.text
    r.owner = item.owner
    r.dueAt = item.due
    r.createdAt = now
    r.createdBy = actor.name
    try await r.create(on: tx)
    try await AuditLog.append(
      on: tx, actor: actor, action: .actionItemAdd, subject: "action:\(item.id.uuidString)",
      fields: [
        "source": item.source.rawValue, "ref": item.sourceRef, "text": AuditLog.digest(item.text),
        "owner": AuditLog.digest(item.owner), "due": Timestamp.utc(item.due),
      ], now: now)
  }

  /// Open items first by due date, then done ones newest first.
  public func all(includeDone: Bool = true) async throws -> [ActionItem] {
    var q = ActionItemRecord.query(on: db)
    if !includeDone { q = q.filter(\.$doneAt == nil) }
    let items = try await q.sort(\.$dueAt).all().compactMap(\.item)
    return items.filter { $0.doneAt == nil }
      + items.filter { $0.doneAt != nil }.sorted { ($0.doneAt ?? .distantPast) > ($1.doneAt ?? .distantPast) }
  }

  public func find(_ id: UUID) async throws -> ActionItem? { try await ActionItemRecord.find(id, on: db)?.item }

  /// Marks an item done; a post-mortem's item also goes on its incident's timeline.
  public func markDone(_ id: UUID, actor: Actor, now: Date) async throws -> ActionItem {
    try await db.writeTransaction { tx in
      guard let r = try await ActionItemRecord.find(id, on: tx), var item = r.item else {
        throw PostMortemRepository.PostMortemError.unknownAction
      }
      guard r.doneAt == nil else { return item }
      r.doneAt = now
      r.doneBy = actor.name
      try await r.save(on: tx)
      item.doneAt = now
      item.doneBy = actor.name
      if item.source == .postMortem, let number = IncidentNumber(item.sourceRef),
        let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      {
        try await IncidentRepository.timeline(
          on: tx, incidentID, actor: actor, kind: .postMortem, text: item.text,
          data: ["action": ["action_done"]], now: now)
      }
      try await AuditLog.append(
        on: tx, actor: actor, action: .actionItemDone, subject: "action:\(id.uuidString)",
        fields: ["source": item.source.rawValue, "ref": item.sourceRef], now: now)
      return item
    }
  }
}

/// Restore tests, failover tests and table-top exercises on record.
public struct ExerciseRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public struct NewAction: Sendable {
    public var text: String
    public var owner: String
    public var due: Date
    public init(text: String, owner: String, due: Date) {
      self.text = text
      self.owner = owner
      self.due = due
    }
  }

  /// Records a test and the action items it produced, in one transaction.
  public func record(_ exercise: Exercise, actions: [NewAction], actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      let r = ExerciseRecord()
      r.id = exercise.id
      r.kind = exercise.kind.rawValue
      r.heldAt = exercise.heldAt
      r.scenario = exercise.scenario
      r.participants = exercise.participants
      r.restoreMinutes = exercise.restoreMinutes
      r.dataLossMinutes = exercise.dataLossMinutes
      r.outcome = exercise.outcome.rawValue
      r.findings = exercise.findings
      r.recordedBy = actor.name
      r.createdAt = now
      try await r.create(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: .exerciseRecord, subject: "exercise:\(exercise.id.uuidString)",
        fields: [
          "kind": exercise.kind.rawValue, "held_at": Timestamp.utc(exercise.heldAt),
          "outcome": exercise.outcome.rawValue, "scenario": AuditLog.digest(exercise.scenario),
          "findings": AuditLog.digest(exercise.findings), "actions": String(actions.count),
        ], now: now)
      for a in actions {
        let item = ActionItem(
          source: .exercise, sourceRef: exercise.id.uuidString, text: a.text, owner: a.owner, due: a.due)
        try await ActionItemRepository.insert(item, actor: actor, now: now, on: tx)
      }
    }
  }

  /// Tests held within `from...to` (all when nil), newest first.
  public func list(from: Date? = nil, to: Date? = nil) async throws -> [Exercise] {
    var q = ExerciseRecord.query(on: db)
    if let from { q = q.filter(\.$heldAt >= from) }
    if let to { q = q.filter(\.$heldAt <= to) }
    return try await q.sort(\.$heldAt, .descending).all().compactMap(\.exercise)
  }

  public func find(_ id: UUID) async throws -> Exercise? { try await ExerciseRecord.find(id, on: db)?.exercise }

  public func actions(_ id: UUID) async throws -> [ActionItem] {
    try await ActionItemRecord.query(on: db).filter(\.$source == ActionItem.Source.exercise.rawValue)
      .filter(\.$sourceRef == id.uuidString).sort(\.$dueAt).all().compactMap(\.item)
  }

  /// Which kinds of test are due or overdue.
  public func schedule(plan: Plan, now: Date) async throws -> [ExerciseSchedule.Status] {
    var newest: [Exercise] = []
    for kind in Exercise.Kind.allCases {
      if let r = try await ExerciseRecord.query(on: db).filter(\.$kind == kind.rawValue).sort(\.$heldAt, .descending)
        .first()?.exercise
      {
        newest.append(r)
      }
    }
    return ExerciseSchedule.status(plan: plan, exercises: newest, now: now)
  }
}
