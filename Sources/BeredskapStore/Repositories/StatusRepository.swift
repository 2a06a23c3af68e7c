import BeredskapCore
import FluentKit
import Foundation

/// The public status page: updates published about incidents and planned
/// maintenance. Each publication goes on the incident's timeline and the
/// audit trail in the same transaction.
public struct StatusRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  /// The newest public status of an incident, if anything was published.
  public func latestStatus(_ number: IncidentNumber) async throws -> PublicStatus? {
    try await updates(number).first?.status
  }

  /// An incident's published updates, newest first.
  public func updates(_ number: IncidentNumber) async throws -> [StatusUpdate] {
    guard let id = try await IncidentRepository(db: db).record(number)?.id else {
      throw StoreError.notFound("\(number)")
    }
    return try await StatusUpdateRecord.query(on: db).filter(\.$incident.$id == id)
      .sort(\.$publishedAt, .descending).all().map { Self.update($0, number) }
  }

  /// Publishes an update. The draft's missing status keeps the last one.
  public func publish(
    _ number: IncidentNumber, _ draft: StatusUpdateDraft, plan: Plan, actor: Actor, now: Date
  ) async throws -> Result<StatusUpdate, FieldErrors> {
    let previous = try await latestStatus(number)
    let valid: StatusUpdateDraft.Valid
    switch draft.validated(plan: plan, previous: previous) {
    case .failure(let e): return .failure(e)
    case .success(let v): valid = v
    }
    let r = StatusUpdateRecord()
    try await db.writeTransaction { tx in
      guard let incident = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = incident.id
      else { throw StoreError.notFound("\(number)") }
      r.$incident.id = incidentID
      r.title = valid.title
      r.message = valid.message
      r.status = valid.status.rawValue
      r.components = valid.components.joined(separator: "\n")
      r.publishedAt = now
      r.publishedBy = actor.name
      try await r.create(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .statusUpdate, text: valid.title + "\n\n" + valid.message,
        data: ["public_status": [valid.status.rawValue], "components": valid.components], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .statusUpdatePublish, subject: "incident:\(number)",
        fields: [
          "status": valid.status.rawValue, "components": valid.components.joined(separator: ","),
          "title": AuditLog.digest(valid.title), "message": AuditLog.digest(valid.message),
        ], now: now)
    }
    return .success(Self.update(r, number))
  }

  /// Announces planned maintenance.
  public func addMaintenance(
    _ draft: StatusUpdateDraft, startsAt: Date, endsAt: Date, plan: Plan, actor: Actor, now: Date
  ) async throws -> Result<Maintenance, FieldErrors> {
    var valid: StatusUpdateDraft.Valid?
    var errors = FieldErrors()
    switch draft.validated(plan: plan, previous: nil) {
    case .failure(let e): errors = e
    case .success(let v): valid = v
    }
    if endsAt <= startsAt { errors.add("ends_at", "error.maintenance.ends_before_start") }
    if endsAt <= now { errors.add("ends_at", "error.maintenance.over") }
    guard let valid, errors.isEmpty else { return .failure(errors) }
    let r = MaintenanceRecord()
    r.title = valid.title
    r.message = valid.message
    r.components = valid.components.joined(separator: "\n")
    r.startsAt = startsAt
    r.endsAt = endsAt
    r.createdAt = now
    r.createdBy = actor.name
    try await db.writeTransaction { tx in
      try await r.create(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: .maintenanceCreate, subject: "maintenance:\(r.id?.uuidString ?? "")",
        fields: [
          "starts_at": Timestamp.utc(startsAt), "ends_at": Timestamp.utc(endsAt),
          "components": valid.components.joined(separator: ","), "title": AuditLog.digest(valid.title),
        ], now: now)
    }
    return .success(Self.maintenance(r))
  }

  /// What the public page shows now.
  public func page(now: Date) async throws -> StatusPage {
    // Updates of incidents still ongoing can be older than the window, so read
    // the incidents with a recent update, or whose last update is not resolved.
    let cutoff = now.addingTimeInterval(-Double(StatusPage.recentDays) * 86_400)
    let recent = try await StatusUpdateRecord.query(on: db).filter(\.$publishedAt >= cutoff).all()
    let open = try await StatusUpdateRecord.query(on: db).filter(\.$status != PublicStatus.resolved.rawValue)
      .filter(\.$publishedAt < cutoff).all()
    let ids = Set((recent + open).map(\.$incident.id))
    var records: [StatusUpdateRecord] = []
    var incidents: [IncidentRecord] = []
    if !ids.isEmpty {
      records = try await StatusUpdateRecord.query(on: db).filter(\.$incident.$id ~~ Array(ids)).all()
      incidents = try await IncidentRecord.query(on: db).filter(\.$id ~~ Array(ids)).all()
    }
    var numbers: [UUID: IncidentNumber] = [:]
    for i in incidents { if let id = i.id { numbers[id] = IncidentNumber(year: i.year, sequence: i.seq) } }
    let updates = records.compactMap { r in numbers[r.$incident.id].map { Self.update(r, $0) } }
    let maintenance = try await MaintenanceRecord.query(on: db).filter(\.$endsAt > now).sort(\.$startsAt).limit(100)
      .all().map(Self.maintenance)
    return StatusPage(updates: updates, maintenance: maintenance, now: now)
  }

  static func update(_ r: StatusUpdateRecord, _ number: IncidentNumber) -> StatusUpdate {
    StatusUpdate(
      id: r.id ?? UUID(), incident: number, title: r.title, message: r.message,
      status: PublicStatus(rawValue: r.status) ?? .investigating, components: lines(r.components), at: r.publishedAt)
  }

  static func maintenance(_ r: MaintenanceRecord) -> Maintenance {
    Maintenance(
      id: r.id ?? UUID(), title: r.title, message: r.message, components: lines(r.components), startsAt: r.startsAt,
      endsAt: r.endsAt)
  }

  static func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init) }
}
