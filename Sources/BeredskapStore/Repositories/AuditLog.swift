import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// Appends to and verifies the hash-chained audit trail.
public enum AuditLog {
  /// Appends one entry. Call inside a `writeTransaction`, with the change it
  /// records, so both are written or neither. The chain head row is locked
  /// for the rest of the transaction: concurrent writers queue, never fork.
  @discardableResult
  public static func append(
    on db: any Database, actor: Actor, action: String, subject: String, fields: [String: String] = [:], now: Date
  ) async throws -> AuditEntry {
    let head = try await db.sql.raw("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").first()
    guard let head else { throw StoreError.corrupt("the audit chain head is missing") }
    let seq = try head.decode(column: "seq", as: Int64.self)
    let previous = try head.decode(column: "hash", as: String.self)
    let at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded() / 1000)
    let entry = AuditEntry(
      seq: seq, at: at, actor: actor.id, action: action, subject: subject, fields: fields, previousHash: previous)
    let record = AuditEntryRecord()
    record.id = seq
    record.at = at
    record.actor = entry.actor
    record.action = action
    record.subject = subject
    record.fields = String(decoding: try JSONEncoder.sorted.encode(fields), as: UTF8.self)
    record.previousHash = previous
    record.hash = entry.hash
    try await record.create(on: db)
    try await db.sql.raw("UPDATE audit_head SET hash = \(bind: entry.hash) WHERE id = 1").run()
    return entry
  }

  /// Appends in a transaction of its own, for events that change nothing else.
  public static func record(
    on db: any Database, actor: Actor, action: String, subject: String, fields: [String: String] = [:], now: Date
  ) async throws {
    try await db.writeTransaction { tx in
      _ = try await append(on: tx, actor: actor, action: action, subject: subject, fields: fields, now: now)
    }
  }

  public struct Verification: Sendable {
    public var count: Int
    public var finding: AuditChain.Finding?
  }

  /// Reads the whole trail in pages and checks every link and the head.
  public static func verify(on db: any Database, pageSize: Int = 5000) async throws -> Verification {
    var entries: [AuditEntry] = []
    var after: Int64 = 0
    while true {
      let page = try await AuditEntryRecord.query(on: db).filter(\.$id > after).sort(\.$id).limit(pageSize).all()
      for r in page {
        let fields = (try? JSONDecoder().decode([String: String].self, from: Data(r.fields.utf8))) ?? ["": r.fields]
        entries.append(
          AuditEntry(
            seq: r.id!, at: r.at, actor: r.actor, action: r.action, subject: r.subject, fields: fields,
            previousHash: r.previousHash, hash: r.hash))
      }
      guard page.count == pageSize, let last = page.last?.id else { break }
      after = last
    }
    let headRow = try await db.sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first()
    let head = try headRow.map {
      AuditChain.Head(
        seq: try $0.decode(column: "seq", as: Int64.self), hash: try $0.decode(column: "hash", as: String.self))
    }
    return Verification(count: entries.count, finding: AuditChain.verify(entries, head: head))
  }

  /// The newest entries, for the admin's audit page.
  public static func recent(on db: any Database, limit: Int = 100) async throws -> [AuditEntryRecord] {
    try await AuditEntryRecord.query(on: db).sort(\.$id, .descending).limit(limit).all()
  }
}

extension JSONEncoder {
  static var sorted: JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
  case corrupt(String)
  case notFound(String)
  case conflict(String)

  public var description: String {
    switch self {
    case .corrupt(let s), .notFound(let s), .conflict(let s): s
    }
  }
}
