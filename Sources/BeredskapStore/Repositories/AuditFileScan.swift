import BeredskapCore
import Foundation
import SQLiteNIO
// The C API of the SQLite that sqlite-nio builds in (a module of that package).
import VaporCSQLite

/// `audit verify` on a SQLite file, at the speed of SQLite itself: a
/// connection of its own reads every entry in one statement and hands the
/// verifier the column bytes where SQLite keeps them, with no String, Date,
/// row object or dictionary per entry. The entries, the chain head and the
/// users' roles are read in one read transaction, so entries appended while
/// the check runs are neither half seen nor reported as missing.
enum AuditFileScan {
  struct Failed: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs on a thread of its own: a million entries take a second or more,
  /// which must not hold up a thread of the server's event loops or tasks.
  static func run(path: String, key: AuditKey?) async throws -> AuditLog.Scan {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread { continuation.resume(with: Result { try scan(path: path, key: key) }) }
      thread.name = "audit-verify"
      thread.start()
    }
  }

  static func scan(path: String, key: AuditKey?) throws -> AuditLog.Scan {
    var handle: OpaquePointer?
    let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
    defer { sqlite_nio_sqlite3_close(handle) }
    guard opened == SQLITE_OK, let db = handle else {
      throw Failed(description: "cannot open \(path) (SQLite error \(opened))")
    }
    sqlite_nio_sqlite3_busy_timeout(db, 60_000)
    try exec(db, "PRAGMA query_only = 1")
    try exec(db, "BEGIN")
    defer { _ = try? exec(db, "ROLLBACK") }

    // Two threads: this one steps SQLite and copies each entry's hashed
    // bytes into a batch; the other hashes them, checks the MACs and follows
    // the links. Three batches in turn keep memory flat.
    let pipe = Pipe(batches: 3)
    let chain = ChainThread(key: key, pipe: pipe)
    chain.start()
    var roles: [String: String] = [:]
    do {
      var batch = pipe.takeEmpty()
      try query(db, "SELECT \(AuditLog.columns) FROM audit_entries ORDER BY seq") { stmt in
        batch.append(stmt, roles: &roles)
        guard batch.slots.count == Batch.capacity else { return true }
        guard pipe.submit(batch) else { return false }
        batch = pipe.takeEmpty()
        return true
      }
      if !batch.slots.isEmpty { _ = pipe.submit(batch) }
      pipe.finish()
    } catch {
      pipe.finish()
      _ = try? chain.join()
      throw error
    }
    var scan = try chain.join()
    guard scan.finding == nil, scan.broken == nil else { return scan }
    // Every entry was read and checked: the roles it gave are the trail's.
    scan.roles = roles
    try query(db, "SELECT seq, hash FROM audit_head WHERE id = 1") { stmt in
      guard case .integer(let seq) = value(stmt, 0), case .text(let hash) = value(stmt, 1) else {
        throw StoreError.corrupt("the audit chain head has a missing or mistyped column")
      }
      scan.head = .init(seq: Int64(seq), hash: hash)
      return false
    }
    try query(db, "SELECT id, role FROM users ORDER BY id") { stmt in
      let id: UUID?
      switch value(stmt, 0) {
      case .text(let text): id = UUID(uuidString: text)
      case .blob(let buffer) where buffer.readableBytes == 16:
        let b = Array(buffer.readableBytesView)
        id = UUID(
          uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
      default: id = nil
      }
      guard let id, case .text(let role) = value(stmt, 1) else {
        throw StoreError.corrupt("a user has a missing or mistyped id or role")
      }
      scan.users.append((subject: "user:\(id)", role: role))
      return true
    }
    return scan
  }

  /// A page of entries copied out of SQLite: for each, the bytes that are
  /// hashed, then its hash and MAC as stored, back to back in one byte
  /// array reused from page to page.
  struct Batch: Sendable {
    static let capacity = 4096

    struct Slot {
      var seq: Int64
      /// Where the hashed bytes start and end, and where the hash and MAC end.
      var start: Int
      var hashedEnd: Int
      var hashEnd: Int
      var macEnd: Int
      var previousHashCount: Int
      var hasMAC: Bool
    }

    enum Entry {
      case raw(Slot)
      /// A row in the first format, or with a column of an unexpected type
      /// (only a tampered row has one), read as the paged path reads it.
      case general(AuditLog.Row)
      /// A row that cannot be read at all: an error when its turn comes.
      case unreadable(any Error)
    }

    let bytes = Arena(capacity: Self.capacity * 600)
    var slots: [Entry] = []

    init() { slots.reserveCapacity(Self.capacity) }

    mutating func reset() {
      bytes.count = 0
      slots.removeAll(keepingCapacity: true)
    }

    /// Copies the current row, and notes the role it gives a user, if any.
    mutating func append(_ stmt: OpaquePointer, roles: inout [String: String]) {
      if let slot = copy(stmt, roles: &roles) {
        slots.append(.raw(slot))
        return
      }
      do {
        let row = try AuditLog.Row(columns: (0..<10).map { value(stmt, Int32($0)) })
        if let role = AuditLog.role(action: row.action, fields: row.fields) { roles[row.subject] = role }
        slots.append(.general(row))
      } catch {
        slots.append(.unreadable(error))
      }
    }

    /// nil unless the row is in format 2 with the column types Beredskap writes.
    mutating func copy(_ stmt: OpaquePointer, roles: inout [String: String]) -> Slot? {
      guard sqlite_nio_sqlite3_column_type(stmt, 0) == SQLITE_INTEGER,
        sqlite_nio_sqlite3_column_type(stmt, 8) == SQLITE_INTEGER,
        let version = Int(exactly: sqlite_nio_sqlite3_column_int64(stmt, 8)), version >= 2
      else { return nil }
      // The time exactly as the paged path turns the column into a `Date`.
      let atData: SQLiteData
      switch sqlite_nio_sqlite3_column_type(stmt, 1) {
      case SQLITE_FLOAT: atData = .float(sqlite_nio_sqlite3_column_double(stmt, 1))
      case SQLITE_INTEGER: atData = .integer(Int(sqlite_nio_sqlite3_column_int64(stmt, 1)))
      default: return nil
      }
      let macType = sqlite_nio_sqlite3_column_type(stmt, 9)
      guard let at = Date(sqliteData: atData), let atMillis = AuditEntry.canonicalMillis(at),
        let actor = text(stmt, 2), let action = text(stmt, 3), let subject = text(stmt, 4),
        let fields = text(stmt, 5), let previous = text(stmt, 6), let hash = text(stmt, 7),
        macType == SQLITE_NULL || macType == SQLITE_TEXT
      else { return nil }
      let mac = macType == SQLITE_NULL ? nil : text(stmt, 9)
      if macType == SQLITE_TEXT && mac == nil { return nil }
      let seq = sqlite_nio_sqlite3_column_int64(stmt, 0)
      let entry = AuditChain.RawEntry(
        seq: seq, atMillis: atMillis, version: version, actor: actor, action: action, subject: subject,
        fields: fields, previousHash: previous, hash: hash, mac: mac)
      let start = bytes.count
      let base = bytes.reserve(AuditChain.EntryChecker.hashedByteCount(entry) + hash.count + (mac?.count ?? 0))
      let hashedEnd = start + AuditChain.EntryChecker.writeHashedBytes(entry, to: base + start)
      if let h = hash.baseAddress { (base + hashedEnd).copyMemory(from: h, byteCount: hash.count) }
      let hashEnd = hashedEnd + hash.count
      if let m = mac?.baseAddress { (base + hashEnd).copyMemory(from: m, byteCount: mac?.count ?? 0) }
      bytes.count = hashEnd + (mac?.count ?? 0)
      if action.count == 11 || action.count == 16,
        let role = AuditLog.role(
          action: String(decoding: action, as: UTF8.self), fields: String(decoding: fields, as: UTF8.self))
      {
        roles[String(decoding: subject, as: UTF8.self)] = role
      }
      return Slot(
        seq: seq, start: start, hashedEnd: hashedEnd, hashEnd: hashEnd, macEnd: bytes.count,
        previousHashCount: previous.count, hasMAC: mac != nil)
    }
  }

  /// Bytes that grow by doubling and are reused from batch to batch.
  final class Arena: @unchecked Sendable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
      self.capacity = capacity
      base = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Room for `extra` more bytes after `count`; returns the (possibly moved) start.
    func reserve(_ extra: Int) -> UnsafeMutableRawPointer {
      if count + extra > capacity {
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        moved.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = moved
        capacity = grown
      }
      return base
    }

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
  }

  /// Batches going round between the two threads.
  final class Pipe: @unchecked Sendable {
    let condition = NSCondition()
    var empty: [Batch]
    var full: [Batch] = []
    var finished = false
    var stopped = false

    init(batches: Int) { empty = (0..<batches).map { _ in Batch() } }

    func takeEmpty() -> Batch {
      condition.lock()
      defer { condition.unlock() }
      while empty.isEmpty { condition.wait() }
      var batch = empty.removeLast()
      batch.reset()
      return batch
    }

    /// False once the chain thread has stopped: nothing more to read.
    func submit(_ batch: Batch) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      guard !stopped else { return false }
      full.append(batch)
      condition.broadcast()
      return true
    }

    func finish() {
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }

    /// The next batch in order, nil at the end.
    func takeFull() -> Batch? {
      condition.lock()
      defer { condition.unlock() }
      while full.isEmpty && !finished { condition.wait() }
      return full.isEmpty ? nil : full.removeFirst()
    }

    func recycle(_ batch: Batch, stop: Bool) {
      condition.lock()
      empty.append(batch)
      if stop { stopped = true }
      condition.broadcast()
      condition.unlock()
    }
  }

  /// Hashes each entry and follows the chain, batch after batch.
  final class ChainThread: @unchecked Sendable {
    let pipe: Pipe
    var scan: AuditLog.Scan
    var checker: AuditChain.EntryChecker
    var error: (any Error)?
    let done = DispatchSemaphore(value: 0)

    init(key: AuditKey?, pipe: Pipe) {
      self.pipe = pipe
      scan = AuditLog.Scan(verifier: .init(key: key))
      checker = AuditChain.EntryChecker(key: key)
    }

    func start() {
      let thread = Thread { [self] in
        while let batch = pipe.takeFull() {
          let more = run(batch)
          pipe.recycle(batch, stop: !more)
          if !more { break }
        }
        // Let the reader finish: it may wait for an empty batch or the end.
        pipe.recycle(Batch(), stop: true)
        done.signal()
      }
      thread.name = "audit-verify-chain"
      thread.start()
    }

    func join() throws -> AuditLog.Scan {
      done.wait()
      if let error { throw error }
      return scan
    }

    /// False at the first finding.
    func run(_ batch: Batch) -> Bool {
      // Locals in the loop: no exclusivity check per access, as on properties.
      var verifier = scan.verifier
      var checker = self.checker
      defer {
        scan.verifier = verifier
        self.checker = checker
      }
      let all = batch.bytes.buffer
      for entry in batch.slots {
        let outcome: AuditChain.Verifier.Outcome
        switch entry {
        case .unreadable(let failure):
          error = failure
          return false
        case .general(let row):
          outcome = verifier.check(row.bytes, previousHash: row.previousHash, hash: row.hash, mac: row.mac)
          if outcome == .brokenLink { scan.broken = (row.seq, row.previousHash) }
        case .raw(let slot):
          let hashed = UnsafeRawBufferPointer(rebasing: all[slot.start..<slot.hashedEnd])
          let previous = UnsafeRawBufferPointer(rebasing: all[slot.start..<slot.start + slot.previousHashCount])
          let hash = UnsafeRawBufferPointer(rebasing: all[slot.hashedEnd..<slot.hashEnd])
          let mac = slot.hasMAC ? UnsafeRawBufferPointer(rebasing: all[slot.hashEnd..<slot.macEnd]) : nil
          let matches = checker.matches(hashed: hashed, hash: hash, mac: mac)
          outcome = verifier.check(
            seq: slot.seq, previousHash: previous, hash: hash, contentMatches: matches.content,
            macMatches: matches.mac)
          if outcome == .brokenLink { scan.broken = (slot.seq, String(decoding: previous, as: UTF8.self)) }
        }
        switch outcome {
        case .ok: continue
        case .finding(let f): scan.finding = f
        case .brokenLink: break
        }
        return false
      }
      return true
    }
  }

  /// A TEXT column's bytes, valid until the next step. The general path
  /// reads text up to the first NUL byte; so does this.
  static func text(_ stmt: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer? {
    guard sqlite_nio_sqlite3_column_type(stmt, column) == SQLITE_TEXT,
      let start = sqlite_nio_sqlite3_column_text(stmt, column)
    else { return nil }
    let count = Int(sqlite_nio_sqlite3_column_bytes(stmt, column))
    let end = memchr(start, 0, count).map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? count
    return UnsafeRawBufferPointer(start: start, count: end)
  }

  /// A column as sqlite-nio reads it.
  static func value(_ stmt: OpaquePointer, _ column: Int32) -> SQLiteData {
    switch sqlite_nio_sqlite3_column_type(stmt, column) {
    case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(stmt, column)))
    case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(stmt, column))
    case SQLITE_TEXT:
      guard let start = sqlite_nio_sqlite3_column_text(stmt, column) else { return .text("") }
      return .text(String(cString: start))
    case SQLITE_BLOB:
      let count = Int(sqlite_nio_sqlite3_column_bytes(stmt, column))
      guard let start = sqlite_nio_sqlite3_column_blob(stmt, column) else { return .blob(.init()) }
      return .blob(.init(bytes: UnsafeRawBufferPointer(start: start, count: count)))
    default: return .null
    }
  }

  static func exec(_ db: OpaquePointer, _ sql: String) throws {
    let rc = sqlite_nio_sqlite3_exec(db, sql, nil, nil, nil)
    guard rc == SQLITE_OK else { throw Failed(description: "\(sql): \(message(db))") }
  }

  /// Steps `sql` while `row` returns true.
  static func query(_ db: OpaquePointer, _ sql: String, _ row: (OpaquePointer) throws -> Bool) throws {
    var prepared: OpaquePointer?
    guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &prepared, nil) == SQLITE_OK, let stmt = prepared else {
      throw Failed(description: "\(sql): \(message(db))")
    }
    defer { sqlite_nio_sqlite3_finalize(stmt) }
    while true {
      let rc = sqlite_nio_sqlite3_step(stmt)
      if rc == SQLITE_DONE { return }
      guard rc == SQLITE_ROW else { throw Failed(description: "\(sql): \(message(db))") }
      if try !row(stmt) { return }
    }
  }

  static func message(_ db: OpaquePointer) -> String {
    sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "unknown SQLite error"
  }
}
