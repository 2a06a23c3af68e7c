import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// Incidents and their timelines. Every change writes its timeline line and
/// its audit entry in the same transaction.
/// What an incident change needs before it can be saved.
public enum IncidentError: Error, Equatable {
  /// Closing while these legal duties are still owed needs a reason.
  case closeReasonRequired([Deadline.Kind])
}

public struct IncidentRepository: Sendable {
  let db: any Database

  public init(db: any Database) { self.db = db }

  /// Registers an incident with the next number of the Oslo year. The
  /// counter row is locked until commit, so numbers are unique and gap-free
  /// also under concurrent creation on PostgreSQL. `provisional` are the
  /// clocks that run before any assessment (`DutyRules.provisional`).
  public func create(
    _ valid: IncidentDraft.Valid, ownerID: UUID?, actor: Actor, now: Date, provisional: [Deadline] = []
  ) async throws -> Incident {
    let year = Timestamp.osloYear(now)
    return try await db.writeTransaction { tx in
      try await tx.sql.raw(
        "INSERT INTO incident_counters (year, last) VALUES (\(bind: year), 0) ON CONFLICT (year) DO NOTHING"
      ).run()
      let row = try await tx.sql.raw(
        "UPDATE incident_counters SET last = last + 1 WHERE year = \(bind: year) RETURNING last"
      ).first()
      guard let seq = try row?.decode(column: "last", as: Int.self) else {
        throw StoreError.corrupt("the incident counter for \(year) is missing")
      }
      let r = IncidentRecord()
      r.id = UUID()
      r.year = year
      r.seq = seq
      Self.apply(valid, to: r)
      r.$owner.id = ownerID
      r.createdAt = now
      r.updatedAt = now
      try await r.create(on: tx)
      for d in provisional { try await DutyRecord(incidentID: r.id!, d).create(on: tx) }
      try await Self.timeline(on: tx, r.id!, actor: actor, kind: .created, text: "", data: [:], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentCreate, subject: "incident:\(r.number)",
        fields: [
          "severity": String(valid.severity), "status": valid.status.rawValue, "title": AuditLog.digest(valid.title),
        ], now: now)
      return r.incident(ownerName: nil)
    }
  }

  static func apply(_ v: IncidentDraft.Valid, to r: IncidentRecord) {
    r.title = v.title
    r.summary = v.summary
    r.severity = v.severity
    r.status = v.status.rawValue
    r.discoveredAt = v.discoveredAt
    r.discoveredBy = v.discoveredBy
    r.occurredAt = v.occurredAt
    r.systemsAffected = v.systemsAffected.joined(separator: "\n")
    r.attackVector = v.attackVector
  }

  public func find(_ number: IncidentNumber) async throws -> Incident? {
    guard let r = try await record(number) else { return nil }
    return try await withOwnerNames([r]).first
  }

  func record(_ number: IncidentNumber, on db: (any Database)? = nil) async throws -> IncidentRecord? {
    try await IncidentRecord.query(on: db ?? self.db).filter(\.$year == number.year).filter(\.$seq == number.sequence)
      .first()
  }

  /// A page of incidents, newest first. The cursor is the number of the last
  /// incident on the previous page, so a page costs the same at any depth.
  public struct Page: Sendable {
    public var incidents: [Incident]
    public var nextCursor: IncidentNumber?
  }

  public func list(after cursor: IncidentNumber?, limit: Int, openOnly: Bool = false) async throws -> Page {
    // Two index range scans instead of one OR (which the planners scan in full):
    // the rest of the cursor's year, then the years before it.
    func query() -> QueryBuilder<IncidentRecord> {
      let q = IncidentRecord.query(on: db)
      if openOnly { q.filter(\.$status != IncidentStatus.closed.rawValue) }
      return q
    }
    var rows: [IncidentRecord]
    if let c = cursor {
      rows = try await query().filter(\.$year == c.year).filter(\.$seq < c.sequence).sort(\.$seq, .descending)
        .limit(limit + 1).all()
      if rows.count <= limit {
        rows += try await query().filter(\.$year < c.year).sort(\.$year, .descending).sort(\.$seq, .descending)
          .limit(limit + 1 - rows.count).all()
      }
    } else {
      rows = try await query().sort(\.$year, .descending).sort(\.$seq, .descending).limit(limit + 1).all()
    }
    let page = Array(rows.prefix(limit))
    let incidents = try await withOwnerNames(page)
    return Page(incidents: incidents, nextCursor: rows.count > limit ? page.last?.number : nil)
  }

  public func count(openOnly: Bool = false) async throws -> Int {
    let q = IncidentRecord.query(on: db)
    if openOnly { q.filter(\.$status != IncidentStatus.closed.rawValue) }
    return try await q.count()
  }

  func withOwnerNames(_ records: [IncidentRecord]) async throws -> [Incident] {
    let ids = Set(records.compactMap { $0.$owner.id })
    let names =
      ids.isEmpty
      ? [:]
      : Dictionary(
        try await UserRecord.query(on: db).filter(\.$id ~~ ids).all().compactMap { u in u.id.map { ($0, u.name) } },
        uniquingKeysWith: { first, _ in first })
    return records.map { $0.incident(ownerName: $0.$owner.id.flatMap { names[$0] }) }
  }

  /// Edits an incident; each changed field goes on the timeline (old → new)
  /// and in the audit entry (free text referenced, not copied).
  /// Closing an incident while a legal duty is still owed needs a reason
  /// (`closeReason`), which goes on the timeline.
  public func update(
    _ number: IncidentNumber, with valid: IncidentDraft.Valid, ownerID: UUID?, actor: Actor, now: Date,
    closeReason: String? = nil
  ) async throws -> Incident {
    try await db.writeTransaction { tx in
      guard let r = try await self.record(number, on: tx) else { throw StoreError.notFound("\(number)") }
      let before = r.incident(ownerName: nil)
      let reason = (closeReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      var unmet: [Deadline.Kind] = []
      if valid.status == .closed, before.status != .closed {
        let duties = try await DutyRecord.query(on: tx).filter(\.$incident.$id == r.id!).all()
        unmet = DutyRules.unmet(duties.map { (Deadline.Kind($0.kind), $0.required, $0.doneAt != nil) })
        if !unmet.isEmpty, reason.isEmpty { throw IncidentError.closeReasonRequired(unmet) }
      }
      Self.apply(valid, to: r)
      r.$owner.id = ownerID
      let after = r.incident(ownerName: nil)
      let changes = Self.changes(before, after)
      guard !changes.isEmpty else { return after }
      r.updatedAt = now
      try await r.save(on: tx)
      if let status = changes["status"] {
        var data = ["status": status]
        if !unmet.isEmpty { data["unmet"] = unmet.map(\.description) }
        try await Self.timeline(
          on: tx, r.id!, actor: actor, kind: .status, text: unmet.isEmpty ? "" : reason, data: data, now: now)
        if after.status == .resolved || after.status == .closed {
          // The restore time (RTO) ends when the service is back; resolving says so if nobody did.
          try await StageRepository.restoredOnResolve(on: tx, incidentID: r.id!, number: number, actor: actor, now: now)
        }
      }
      let edits = changes.filter { $0.key != "status" }
      if !edits.isEmpty {
        try await Self.timeline(on: tx, r.id!, actor: actor, kind: .edit, text: "", data: edits, now: now)
      }
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentUpdate, subject: "incident:\(number)",
        fields: Self.auditFields(changes, after: after), now: now)
      return after
    }
  }

  /// Fields whose values are codes, safe to copy into the audit trail.
  static let codeFields: Set<String> = ["severity", "status", "discovered_at", "occurred_at", "owner"]

  static func auditValue(_ change: [String]) -> String { change.joined(separator: " → ") }

  /// Codes as `before → after`; free text as the SHA-256 of its new value.
  static func auditFields(_ changes: [String: [String]], after: Incident) -> [String: String] {
    let text: [String: String] = [
      "title": after.title, "summary": after.summary, "discovered_by": after.discoveredBy,
      "systems_affected": after.systemsAffected.joined(separator: ","), "attack_vector": after.attackVector ?? "",
    ]
    var out: [String: String] = [:]
    for (field, change) in changes {
      out[field] = codeFields.contains(field) ? auditValue(change) : AuditLog.digest(text[field] ?? "")
    }
    return out
  }

  static func changes(_ a: Incident, _ b: Incident) -> [String: [String]] {
    var out: [String: [String]] = [:]
    func note(_ field: String, _ x: String, _ y: String) {
      guard x != y else { return }
      out[field] = codeFields.contains(field) ? [x, y] : ["<changed>"]
    }
    note("title", a.title, b.title)
    note("summary", a.summary, b.summary)
    note("severity", String(a.severity), String(b.severity))
    note("status", a.status.rawValue, b.status.rawValue)
    note("discovered_at", Timestamp.utc(a.discoveredAt), Timestamp.utc(b.discoveredAt))
    note("discovered_by", a.discoveredBy, b.discoveredBy)
    note("occurred_at", a.occurredAt.map(Timestamp.utc) ?? "", b.occurredAt.map(Timestamp.utc) ?? "")
    note("systems_affected", a.systemsAffected.joined(separator: ","), b.systemsAffected.joined(separator: ","))
    note("attack_vector", a.attackVector ?? "", b.attackVector ?? "")
    note("owner", a.ownerID?.uuidString ?? "", b.ownerID?.uuidString ?? "")
    return out
  }

  /// A quick note from the incident page.
  public func addNote(_ number: IncidentNumber, text: String, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      guard let r = try await self.record(number, on: tx) else { throw StoreError.notFound("\(number)") }
      r.updatedAt = now
      try await r.save(on: tx)
      try await Self.timeline(on: tx, r.id!, actor: actor, kind: .note, text: text, data: [:], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .incidentNote, subject: "incident:\(number)",
        fields: ["note": AuditLog.digest(text)],
        now: now)
    }
  }

  static func timeline(
    on db: any Database, _ incidentID: UUID, actor: Actor, kind: TimelineKind, text: String, data: [String: [String]],
    now: Date
  ) async throws {
    let e = TimelineEventRecord()
    e.$incident.id = incidentID
    e.at = now
    e.actor = actor.name
    e.kind = kind.rawValue
    e.text = text
    e.data = String(decoding: try JSONEncoder.sorted.encode(data), as: UTF8.self)
    try await e.create(on: db)
  }

  public struct TimelineEvent: Sendable {
    public var at: Date
    public var actor: String
    public var kind: String
    public var text: String
    public var changes: [String: [String]]
  }

  public func timeline(_ number: IncidentNumber) async throws -> [TimelineEvent] {
    guard let r = try await record(number) else { throw StoreError.notFound("\(number)") }
    return try await TimelineEventRecord.query(on: db).filter(\.$incident.$id == r.id!).sort(\.$at).all().map {
      TimelineEvent(
        at: $0.at, actor: $0.actor, kind: $0.kind, text: $0.text,
        changes: $0.changes)
    }
  }
}
