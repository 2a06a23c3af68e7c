import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// Failed sign-ins in the audit trail: the first failure for a subject in a
/// 15-minute window writes one entry; later ones in that window only count,
/// so a password-guessing run is one line on the audit page, not thousands.
public enum FailedLogins {
  public static let window: TimeInterval = 15 * 60

  public static func windowStart(_ now: Date) -> Date {
    Date(timeIntervalSince1970: (now.timeIntervalSince1970 / window).rounded(.down) * window)
  }

  static func record(on db: any Database, actor: Actor, subject: String, now: Date) async throws {
    let start = windowStart(now)
    try await db.writeTransaction { tx in
      // Queue behind other writers first, so two first failures cannot both insert the window.
      try await tx.sql.raw("UPDATE audit_head SET id = id WHERE id = 1").run()
      if let open = try await FailedLoginWindowRecord.query(on: tx).filter(\.$subject == subject)
        .filter(\.$windowStart == start).first()
      {
        open.count += 1
        try await open.save(on: tx)
        return
      }
      let entry = try await AuditLog.append(
        on: tx, actor: actor, action: .loginFailed, subject: subject, fields: ["window_minutes": "15"], now: now)
      let record = FailedLoginWindowRecord()
      record.subject = subject
      record.windowStart = start
      record.count = 1
      record.firstSeq = entry.seq
      try await record.create(on: tx)
    }
  }

  /// How many failures each summarising entry stands for, by entry number.
  public static func counts(on db: any Database, entries: [Int64]) async throws -> [Int64: Int] {
    guard !entries.isEmpty else { return [:] }
    let rows = try await FailedLoginWindowRecord.query(on: db).filter(\.$firstSeq ~~ entries).all()
    var out: [Int64: Int] = [:]
    for r in rows { out[r.firstSeq] = r.count }
    return out
  }
}
