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
    /// How the trail was read.
    public var reader: Reader = .paged
  }

  public enum Reader: Equatable, Sendable {
    /// A SQLite file read directly, in this many ranges side by side.
    case sqliteFile(ranges: Int)
    /// Page by page through the database driver.
    case paged
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

    /// SQLite's values in the order of `columns`, read as sqlite-nio reads them.
    init(columns c: [SQLiteData]) throws {
      func integer(_ d: SQLiteData) -> Int? {
        if case .float(let v) = d { return Int(exactly: v.rounded(.towardZero)) }
        return d.integer
      }
      guard c.count == 10, let seq = integer(c[0]), let at = Date(sqliteData: c[1]), let actor = c[2].string,
        let action = c[3].string, let subject = c[4].string, let fields = c[5].string,
        let previous = c[6].string, let hash = c[7].string, let version = integer(c[8])
      else { throw StoreError.corrupt("an audit entry has a missing or mistyped column") }
      self.init(
        seq: Int64(seq), at: at, actor: actor, action: action, subject: subject, fields: fields,
        previousHash: previous, hash: hash, version: version, mac: c[9].string)
    }

    init(
      seq: Int64, at: Date, actor: String, action: String, subject: String, fields: String, previousHash: String,
      hash: String, version: Int, mac: String?
    ) {
      self.seq = seq
      self.at = at
      self.actor = actor
      self.action = action
      self.subject = subject
      self.fields = fields
      self.previousHash = previousHash
      self.hash = hash
      self.version = version
      self.mac = mac
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

  static let columnNames = [
    "seq", "at", "actor", "action", "subject", "fields", "previous_hash", "hash", "version", "mac",
  ]
  static let columns = columnNames.joined(separator: ", ")

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
          try await conn.query(sql, binds) { row in
            onRow { try Row(columns: columnNames.map { row.column($0) ?? .null }) }
          }
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

  /// The role an entry gives a user, if it is one that does.
  static func role(action: String, fields: String) -> String? {
    guard action == "user.create" || action == "user.role_change" else { return nil }
    return AuditRecordBytes.parseFields(fields)?["role"]
  }

  /// What one pass over the trail found, before the head and roles are compared.
  struct Scan: Sendable {
    var verifier: AuditChain.Verifier
    var finding: AuditChain.Finding?
    /// The entry that does not link to the one before it.
    var broken: (seq: Int64, previousHash: String)?
    /// The role each user was last given in the trail (a few entries per person).
    var roles: [String: String] = [:]
    var head: AuditChain.Head?
    /// Each user's subject (`user:<id>`) and role as stored.
    var users: [(subject: String, role: String)] = []
    var reader: Reader = .paged

    init(verifier: AuditChain.Verifier) { self.verifier = verifier }

    mutating func noteRole(action: String, subject: String, fields: String) {
      if let role = AuditLog.role(action: action, fields: fields) { roles[subject] = role }
    }
  }

  /// Checks every link, every MAC (with the data key) and the stored head.
  /// Streams the trail: memory stays flat however long it is. A SQLite file
  /// is read directly (`AuditFileScan`) unless `direct` is false or the
  /// caller is inside a transaction; otherwise in pages of `pageSize`.
  /// `keyless` checks the hash chain only (used once, before old entries are sealed).
  /// `ranges`: how many parts of a SQLite file are read side by side (nil:
  /// one per core for a long trail); the verdict is the same for any number.
  public static func verify(
    on db: any Database, pageSize: Int = 10_000, key: AuditKey? = nil, keyless: Bool = false, direct: Bool = true,
    ranges: Int? = nil
  ) async throws -> Verification {
    let key = keyless ? nil : try key ?? DataKeyring.requireAuditKey()
    var scan: Scan
    if direct, let path = try await sqliteFile(of: db) {
      scan = try await AuditFileScan.run(path: path, key: key, ranges: ranges)
    } else {
      scan = try await pagedScan(on: db, pageSize: pageSize, key: key)
    }
    if let broken = scan.broken {
      let earlier = try await AuditEntryRecord.query(on: db).filter(\.$hash == broken.previousHash)
        .filter(\.$id < broken.seq).count()
      scan.finding = scan.verifier.classify(seq: broken.seq, linksToEarlier: earlier > 0)
    }
    if let finding = scan.finding {
      return Verification(count: scan.verifier.count, finding: finding, reader: scan.reader)
    }
    if let finding = scan.verifier.finish(head: scan.head) {
      return Verification(count: scan.verifier.count, finding: finding, reader: scan.reader)
    }
    if !keyless, let finding = roleOutsideTrail(users: scan.users, roles: scan.roles) {
      return Verification(count: scan.verifier.count, finding: finding, reader: scan.reader)
    }
    return Verification(count: scan.verifier.count, finding: nil, reader: scan.reader)
  }

  /// The file of a SQLite database that a connection of its own can read:
  /// nil for PostgreSQL, an in-memory database, or inside a transaction
  /// (whose uncommitted rows only its own connection sees).
  static func sqliteFile(of db: any Database) async throws -> String? {
    guard db is any SQLiteDatabase, !db.inTransaction else { return nil }
    for row in try await db.sql.raw("PRAGMA database_list").all() {
      guard (try? row.decode(column: "name", as: String.self)) == "main" else { continue }
      let file = try? row.decode(column: "file", as: String.self)
      return file.flatMap { $0.isEmpty ? nil : $0 }
    }
    return nil
  }

  /// Any database, through its driver, a page at a time.
  static func pagedScan(on db: any Database, pageSize: Int, key: AuditKey?) async throws -> Scan {
    final class State: @unchecked Sendable {
      var scan: Scan
      init(_ key: AuditKey?) { scan = Scan(verifier: .init(key: key)) }
    }
    let state = State(key)
    try await stream(on: db, pageSize: pageSize) { row in
      state.scan.noteRole(action: row.action, subject: row.subject, fields: row.fields)
      switch state.scan.verifier.check(row.bytes, previousHash: row.previousHash, hash: row.hash, mac: row.mac) {
      case .ok: return true
      case .finding(let f): state.scan.finding = f
      case .brokenLink: state.scan.broken = (row.seq, row.previousHash)
      }
      return false
    }
    var scan = state.scan
    guard scan.finding == nil, scan.broken == nil else { return scan }
    scan.head = try await storedHead(on: db)
    for row in try await db.sql.raw("SELECT id, role FROM users ORDER BY id").all() {
      let id = try row.decode(column: "id", as: UUID.self)
      scan.users.append((subject: "user:\(id)", role: try row.decode(column: "role", as: String.self)))
    }
    return scan
  }

  /// A role set directly in the database (`UPDATE users SET role = 'admin'`)
  /// leaves no entry; comparing each user's role with the trail shows it.
  static func roleOutsideTrail(users: [(subject: String, role: String)], roles: [String: String])
    -> AuditChain.Finding?
  {
    for user in users where roles[user.subject] != user.role {
      return .roleOutsideTrail(user: user.subject, role: user.role)
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
