import BeredskapCore
import FluentKit
import Foundation
import SQLKit

extension AffectedPeopleRepository {
  /// Days after closing that the people are kept: the `retention_days`
  /// setting if it holds a whole number of 0–3650 days, else the plan's
  /// `retention_days`, else 30 (the event plan's).
  public func retentionDays(plan: Plan? = nil) async throws -> Int {
    guard let text = try await SettingRecord.find(Self.retentionSetting, on: db)?.value,
      let days = Int(text.trimmingCharacters(in: .whitespaces)), (0...3650).contains(days)
    else { return plan?.retentionDays ?? Self.defaultRetentionDays }
    return days
  }

  /// When the incident was last closed: its last status change to `closed`
  /// on the timeline, else its last change.
  func closedAt(_ incident: IncidentRecord, on db: any Database) async throws -> Date? {
    guard let id = incident.id else { return nil }
    let events = try await TimelineEventRecord.query(on: db).filter(\.$incident.$id == id)
      .filter(\.$kind == TimelineKind.status.rawValue).sort(\.$at, .descending).all()
    for e in events {
      if e.changes["status"]?.last == IncidentStatus.closed.rawValue { return e.at }
    }
    return incident.updatedAt
  }

  /// Deletes the affected people (and their keyed hashes) of every incident
  /// closed more than `retentionDays` days before `now`, one transaction and
  /// one audit entry (counts only) per incident. Returns how many people were deleted.
  @discardableResult
  public func purgeClosed(retentionDays: Int? = nil, plan: Plan? = nil, now: Date) async throws -> Int {
    let days: Int
    if let retentionDays {
      days = max(0, min(retentionDays, 3650))
    } else {
      days = try await self.retentionDays(plan: plan)
    }
    let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
    let withPeople = try await db.sql.select().distinct().column("incident_id").from(AffectedPersonRecord.schema)
      .all().map { try $0.decode(column: "incident_id", as: UUID.self) }
    guard !withPeople.isEmpty else { return 0 }
    let closed = try await IncidentRecord.query(on: db).filter(\.$id ~~ withPeople)
      .filter(\.$status == IncidentStatus.closed.rawValue).all()
    var deleted = 0
    for incident in closed {
      guard let id = incident.id, let at = try await closedAt(incident, on: db), at <= cutoff else { continue }
      deleted += try await db.writeTransaction { tx in
        // Still closed inside the transaction: a reopened incident keeps its people.
        guard let current = try await IncidentRecord.find(id, on: tx), current.status == IncidentStatus.closed.rawValue
        else { return 0 }
        let count = try await AffectedPersonRecord.query(on: tx).filter(\.$incident.$id == id).count()
        guard count > 0 else { return 0 }
        try await tx.sql.delete(from: AffectedPersonKeyRecord.schema).where("incident_id", .equal, SQLBind(id)).run()
        try await tx.sql.delete(from: AffectedPersonRecord.schema).where("incident_id", .equal, SQLBind(id)).run()
        // The letters' personal content (address, text) goes too; the proof stays:
        // when it was sent, its Message-ID, the server's reply and the SHA-256 of what was sent.
        let letters = try await OutboxMessageRecord.query(on: tx).filter(\.$incidentID == id)
          .filter(\.$kind == OutboxKind.letter.rawValue).filter(\.$message != "").all()
        for letter in letters {
          letter.recipient = ""
          letter.message = ""
          if letter.status != OutboxStatus.sent.rawValue && letter.status != OutboxStatus.failedPermanently.rawValue {
            letter.status = OutboxStatus.failedPermanently.rawValue
            letter.reply = "not sent: deleted after the retention period"
            letter.nextAttemptAt = nil
          }
          try await letter.save(on: tx)
        }
        try await AuditLog.append(
          on: tx, actor: .system, action: .incidentSubjectsPurge, subject: "incident:\(current.number)",
          fields: [
            "people_deleted": String(count), "letters_emptied": String(letters.count), "retention_days": String(days),
          ], now: now)
        return count
      }
    }
    return deleted
  }
}
