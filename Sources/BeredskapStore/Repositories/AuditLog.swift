import BeredskapCore
import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Appends to and verifies the hash-chained, MAC-sealed audit trail.
public enum AuditLog {
  /// Appends one entry. Call inside a `writeTransaction`, with the change it
  /// records, so both are written or neither. The chain head row is locked
  /// for the rest of the transaction: concurrent writers queue, never fork.
  @discardableResult
  public static func append(
    on db: any Database, actor: Actor, action: AuditAction, subject: String, fields: [String: String] = [:], now: Date
  ) async throws -> AuditEntry {
    let key = try DataKeyring.requireAuditKey()
    let head = try await db.sql.raw("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").first()
    guard let head else { throw StoreError.corrupt("the audit chain head is missing") }
    let seq = try head.decode(column: "seq", as: Int64.self)
    let previous = try head.decode(column: "hash", as: String.self)
    let at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded() / 1000)
    var entry = AuditEntry(
      seq: seq, at: at, actor: actor.id, action: action.rawValue, subject: subject, fields: fields,
      previousHash: previous)
    entry.seal(with: key)
    let record = AuditEntryRecord()
    record.id = seq
    record.at = at
    record.actor = entry.actor
    record.action = action.rawValue
    record.subject = subject
    record.fields = entry.fieldsText
    record.previousHash = previous
    record.hash = entry.hash
    record.version = entry.version
    record.mac = entry.mac
    try await record.create(on: db)
    try await db.sql.raw("UPDATE audit_head SET hash = \(bind: entry.hash) WHERE id = 1").run()
    return entry
  }

  /// Appends in a transaction of its own, for events that change nothing else.
  /// Failed sign-ins are summarised: one entry per subject per 15 minutes,
  /// with the count kept beside it.
  public static func record(
    on db: any Database, actor: Actor, action: AuditAction, subject: String, fields: [String: String] = [:], now: Date
  ) async throws {
    if action == .loginFailed {
      try await FailedLogins.record(on: db, actor: actor, subject: subject, now: now)
      return
    }
    try await db.writeTransaction { tx in
      _ = try await append(on: tx, actor: actor, action: action, subject: subject, fields: fields, now: now)
    }
  }

  /// For free text that changed (a name, a title, a note): its SHA-256, so
  /// the trail proves what was written without copying it.
  public static func digest(_ text: String) -> String { "sha256:" + Secrets.sha256Hex(text) }

  public struct Verification: Sendable {
    public var count: Int
    public var finding: AuditChain.Finding?
  }

  /// One stored row, as read for verification.
  struct Row: Sendable {
    var seq: Int64
    var at: Date
    var actor: String
    var action: String
    var subject: String
    var fields: String
    var previousHash: String
    var hash: String
    var version: Int
    var mac: String?

    var bytes: AuditRecordBytes {
      AuditRecordBytes(
        version: version, seq: seq, atMillis: AuditEntry.canonicalTime(at), actor: actor, action: action,
        subject: subject, fieldsText: fields)
    }

    /// The fast path: a million rows are read for one check.
    static func decode(lite r: SQLiteRow) throws -> Row {
      guard let seq = r.column("seq")?.integer, let at = r.column("at").flatMap(Date.init(sqliteData:)),
        let actor = r.column("actor")?.string, let action = r.column("action")?.string,
        let subject = r.column("subject")?.string, let fields = r.column("fields")?.string,
        let previous = r.column("previous_hash")?.string, let hash = r.column("hash")?.string,
        let version = r.column("version")?.integer
      else { throw StoreError.corrupt("an audit entry has a missing or mistyped column") }
      return Row(
        seq: Int64(seq), at: at, actor: actor, action: action, subject: subject, fields: fields,
        previousHash: previous, hash: hash, version: Int(version), mac: r.column("mac")?.string)
    }

    static func decode(_ row: any SQLRow) throws -> Row {
      Row(
        seq: try row.decode(column: "seq", as: Int64.self), at: try row.decode(column: "at", as: Date.self),
        actor: try row.decode(column: "actor", as: String.self),
        action: try row.decode(column: "action", as: String.self),
        subject: try row.decode(column: "subject", as: String.self),
        fields: try row.decode(column: "fields", as: String.self),
        previousHash: try row.decode(column: "previous_hash", as: String.self),
        hash: try row.decode(column: "hash", as: String.self), version: try row.decode(column: "version", as: Int.self),
        mac: try row.decode(column: "mac", as: String?.self))
    }
  }

  static let columns = "seq, at, actor, action, subject, fields, previous_hash, hash, version, mac"

  /// Calls `body` for every entry in order, a page at a time (keyset by
  /// `seq`), never holding more than one page. `body` returns false to stop.
  static func stream(
    on db: any Database, pageSize: Int, _ body: @escaping @Sendable (Row) throws -> Bool
  ) async throws {
    final class State: @unchecked Sendable {
      var last: Int64 = 0
      var rows = 0
      var stop = false
      var error: (any Error)?
    }
    let state = State()
    let onRow: @Sendable (() throws -> Row) -> Void = { decode in
      guard !state.stop else { return }
      do {
        let row = try decode()
        state.rows += 1
        state.last = row.seq
        if try !body(row) { state.stop = true }
      } catch {
        state.error = error
        state.stop = true
      }
    }
    let sql = "SELECT \(columns) FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ?"
    while true {
      state.rows = 0
      if let lite = db as? any SQLiteDatabase {
        // SQLite: rows straight from the reading thread; the generic path
        // schedules one event-loop task per row.
        let binds: [SQLiteData] = [.integer(Int(state.last)), .integer(pageSize)]
        try await lite.withConnection { conn in
          try await conn.query(sql, binds) { row in onRow { try Row.decode(lite: row) } }
        }
      } else {
        try await db.sql.raw(
          "SELECT \(unsafeRaw: columns) FROM audit_entries WHERE seq > \(bind: state.last) ORDER BY seq LIMIT \(bind: pageSize)"
        ).run { row in onRow { try Row.decode(row) } }
      }
      if let error = state.error { throw error }
      if state.stop || state.rows < pageSize { return }
    }
  }

  /// Checks every link, every MAC (with the data key) and the stored head.
  /// Streams the trail in pages: memory stays flat however long it is.
  /// `keyless` checks the hash chain only (used once, before old entries are sealed).
  public static func verify(
    on db: any Database, pageSize: Int = 10_000, key: AuditKey? = nil, keyless: Bool = false
  ) async throws -> Verification {
    let key = keyless ? nil : try key ?? DataKeyring.requireAuditKey()
    final class State: @unchecked Sendable {
      var verifier: AuditChain.Verifier
      var finding: AuditChain.Finding?
      var broken: Row?
      /// The role each user was last given in the trail (a few entries per person).
      var roles: [String: String] = [:]
      init(_ key: AuditKey?) { verifier = .init(key: key) }
    }
    let state = State(key)
    try await stream(on: db, pageSize: pageSize) { row in
      if row.action == "user.create" || row.action == "user.role_change",
        let role = AuditRecordBytes.parseFields(row.fields)?["role"]
      {
        state.roles[row.subject] = role
      }
      switch state.verifier.check(row.bytes, previousHash: row.previousHash, hash: row.hash, mac: row.mac) {
      case .ok: return true
      case .finding(let f): state.finding = f
      case .brokenLink: state.broken = row
      }
      return false
    }
    if let row = state.broken {
      let earlier = try await AuditEntryRecord.query(on: db).filter(\.$hash == row.previousHash)
        .filter(\.$id < row.seq).count()
      state.finding = state.verifier.classify(seq: row.seq, linksToEarlier: earlier > 0)
    }
    if let finding = state.finding { return Verification(count: state.verifier.count, finding: finding) }
    let head = try await storedHead(on: db)
    if let finding = state.verifier.finish(head: head) {
      return Verification(count: state.verifier.count, finding: finding)
    }
    if !keyless, let finding = try await roleOutsideTrail(on: db, roles: state.roles) {
      return Verification(count: state.verifier.count, finding: finding)
    }
    return Verification(count: state.verifier.count, finding: nil)
  }

  /// A role set directly in the database (`UPDATE users SET role = 'admin'`)
  /// leaves no entry; comparing each user's role with the trail shows it.
  static func roleOutsideTrail(on db: any Database, roles: [String: String]) async throws -> AuditChain.Finding? {
    let users = try await db.sql.raw("SELECT id, role FROM users ORDER BY id").all()
    for row in users {
      let id = try row.decode(column: "id", as: UUID.self)
      let role = try row.decode(column: "role", as: String.self)
      let subject = "user:\(id)"
      if roles[subject] != role { return .roleOutsideTrail(user: subject, role: role) }
    }
    return nil
  }

  static func storedHead(on db: any Database) async throws -> AuditChain.Head? {
    let headRow = try await db.sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first()
    return try headRow.map {
      AuditChain.Head(
        seq: try $0.decode(column: "seq", as: Int64.self), hash: try $0.decode(column: "hash", as: String.self))
    }
  }

  /// The last entry, sealed for the operator to keep outside the database.
  public static func keptHead(on db: any Database, now: Date, key: AuditKey? = nil) async throws -> KeptHead {
    let key = try key ?? DataKeyring.requireAuditKey()
    let last = try await AuditEntryRecord.query(on: db).sort(\.$id, .descending).first()
    return KeptHead(
      seq: last?.id ?? 0, hash: last?.hash ?? AuditEntry.genesisHash, at: now, key: key)
  }

  /// The newest entries.
  public static func recent(on db: any Database, limit: Int = 100) async throws -> [AuditEntryRecord] {
    try await AuditEntryRecord.query(on: db).sort(\.$id, .descending).limit(limit).all()
  }

  public struct HeadNotIssued: Error, CustomStringConvertible {
    public var description: String {
      "the head file was not issued with this data key (its MAC does not match): check the file and the key"
    }
  }

  /// Does the trail still contain the kept head unchanged? Checks the head
  /// file's own MAC first, then the entry; `verify` checks the rest.
  public static func check(kept: KeptHead, on db: any Database, key: AuditKey? = nil) async throws
    -> AuditChain.Finding?
  {
    let key = try key ?? DataKeyring.requireAuditKey()
    guard kept.isAuthentic(key) else { throw HeadNotIssued() }
    guard kept.seq > 0 else { return nil }
    guard let entry = try await AuditEntryRecord.find(kept.seq, on: db) else { return .headMissing(seq: kept.seq) }
    return entry.hash == kept.hash ? nil : .headChanged(seq: kept.seq)
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
