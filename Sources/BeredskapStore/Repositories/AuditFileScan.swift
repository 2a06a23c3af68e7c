import BeredskapCore
import Foundation
import SQLiteNIO
// The C API of the SQLite that sqlite-nio builds in (a module of that package).
import VaporCSQLite

/// `audit verify` on a SQLite file, at the speed of SQLite itself: the
/// verifier gets the column bytes where SQLite keeps them, with no String,
/// Date, row object or dictionary per entry.
///
/// A long trail is split into ranges of `seq`, each read and checked by a
/// connection of its own, as many side by side as there are cores: an
/// entry's hash and MAC depend only on its own row, and a range's first link
/// is checked against the last entry of the range before it, so the verdict
/// is the one a single pass gives (the first range with a finding decides).
/// One read transaction on a further connection fixes the first and last
/// `seq` and reads the chain head and the users' roles in the same
/// snapshot; entries are only ever appended, so the ranges (read in
/// transactions that start just after) see the same rows up to that `seq`,
/// and entries appended meanwhile are not reported as a truncation.
enum AuditFileScan {
  struct Failed: Error, CustomStringConvertible {
    var description: String
  }

  /// Entries per range: a few dozen ranges for a million entries, so the
  /// cores stay busy to the end.
  static let entriesPerRange: Int64 = 25_000

  /// Runs on a thread of its own: a million entries take a second or more,
  /// which must not hold up a thread of the server's event loops or tasks.
  /// `ranges`: how many parts the trail is read in; nil for parts of
  /// `entriesPerRange`.
  static func run(path: String, key: AuditKey?, ranges: Int?) async throws -> AuditLog.Scan {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        continuation.resume(with: Result { try scan(path: path, key: key, ranges: ranges) })
      }
      thread.name = "audit-verify"
      thread.start()
    }
  }

  static func scan(path: String, key: AuditKey?, ranges wanted: Int?) throws -> AuditLog.Scan {
    let snapshot = try Connection(path: path)
    var bounds: (first: Int64, last: Int64)?
    // Two subqueries: SQLite looks up a lone min() or max() in the index,
    // but scans the whole table for both in one select.
    let bounding = "SELECT (SELECT min(seq) FROM audit_entries), (SELECT max(seq) FROM audit_entries)"
    try query(snapshot.db, bounding) { stmt in
      if case .integer(let first) = value(stmt, 0), case .integer(let last) = value(stmt, 1) {
        bounds = (Int64(first), Int64(last))
      }
      return false
    }
    var scan = AuditLog.Scan(verifier: .init(key: key))
    scan.reader = .sqliteFile(ranges: 0)
    if let bounds {
      let parts = split(bounds, into: wanted ?? defaultRanges(bounds))
      scan.reader = .sqliteFile(ranges: parts.count)
      let shared = Results(count: parts.count)
      // As many at a time as there are cores; ranges after one with a
      // finding are not needed.
      DispatchQueue.concurrentPerform(iterations: parts.count) { i in
        guard shared.isNeeded(i) else { return }
        shared.store(RangeCheck.run(path: path, key: key, range: parts[i], isFirst: i == 0), at: i)
      }
      let results = shared.all
      // In order: the first range that is not clean gives the verdict.
      var roles: [String: String] = [:]
      for (i, part) in results.enumerated() {
        guard let part else { throw Failed(description: "a range of the audit trail was not read") }
        if let error = part.error { throw error }
        if i == 0 { scan.verifier = part.verifier } else { scan.verifier.append(part.verifier) }
        roles.merge(part.roles) { _, later in later }
        if part.finding != nil || part.broken != nil {
          scan.finding = part.finding
          scan.broken = part.broken
          return scan
        }
      }
      // Every entry was read and checked: the roles it gave are the trail's.
      scan.roles = roles
    }
    try query(snapshot.db, "SELECT seq, hash FROM audit_head WHERE id = 1") { stmt in
      guard case .integer(let seq) = value(stmt, 0), case .text(let hash) = value(stmt, 1) else {
        throw StoreError.corrupt("the audit chain head has a missing or mistyped column")
      }
      scan.head = .init(seq: Int64(seq), hash: hash)
      return false
    }
    try query(snapshot.db, "SELECT id, role FROM users ORDER BY id") { stmt in
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

  /// Each range's check, filled in by the threads.
  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var checks: [RangeCheck?]
    private var firstNotClean = Int.max

    init(count: Int) { checks = Array(repeating: nil, count: count) }

    func isNeeded(_ i: Int) -> Bool { lock.withLock { i < firstNotClean } }

    func store(_ check: RangeCheck, at i: Int) {
      lock.withLock {
        checks[i] = check
        if !check.isClean { firstNotClean = min(firstNotClean, i) }
      }
    }

    var all: [RangeCheck?] { lock.withLock { checks } }
  }

  /// Ranges of `entriesPerRange` (fewer if `seq` has gaps).
  static func defaultRanges(_ bounds: (first: Int64, last: Int64)) -> Int {
    let (span, overflow) = bounds.last.subtractingReportingOverflow(bounds.first)
    guard !overflow else { return 1 }
    return Int(min(span / entriesPerRange + 1, 100_000))
  }

  /// `first...last` in `count` ranges of about equal length; one range when
  /// the span does not fit in 64 bits (only a tampered `seq` gives that).
  static func split(_ bounds: (first: Int64, last: Int64), into count: Int) -> [ClosedRange<Int64>] {
    let (first, last) = bounds
    guard first <= last else { return [] }
    let (span, overflow) = last.subtractingReportingOverflow(first)
    guard !overflow, count > 1, span < Int64.max else { return [first...last] }
    let parts = min(Int64(count), span + 1)
    let size = (span + 1) / parts
    // Range i starts at first + i * size <= last: no sum goes past `last`.
    return (0..<parts).map { i in
      let lower = first + i * size
      return lower...(i == parts - 1 ? last : lower + size - 1)
    }
  }

  /// A connection of its own in a read transaction, closed when released.
  final class Connection {
    let db: OpaquePointer

    init(path: String) throws {
      var handle: OpaquePointer?
      let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
      guard opened == SQLITE_OK, let db = handle else {
        sqlite_nio_sqlite3_close(handle)
        throw Failed(description: "cannot open \(path) (SQLite error \(opened))")
      }
      self.db = db
      sqlite_nio_sqlite3_busy_timeout(db, 60_000)
      do {
        try exec(db, "PRAGMA query_only = 1")
        // Every page is read once: a small cache is reused while it is
        // still in the CPU's cache, instead of 2 MiB of fresh memory (page
        // faults, zeroed pages) for every range. 128 KiB: system time
        // 0.23-0.31 s -> 0.11-0.16 s for a million entries.
        try exec(db, "PRAGMA cache_size = -128")
        try exec(db, "BEGIN")
      } catch {
        sqlite_nio_sqlite3_close(db)
        throw error
      }
    }

    deinit {
      _ = try? exec(db, "ROLLBACK")
      sqlite_nio_sqlite3_close(db)
    }
  }

  /// One range of the trail checked in order, as a single pass would check
  /// it if the entries before it were good.
  struct RangeCheck {
    var verifier: AuditChain.Verifier
    var finding: AuditChain.Finding?
    /// The entry that does not link to the one before it.
    var broken: (seq: Int64, previousHash: String)?
    /// The role each user was last given in this range.
    var roles: [String: String] = [:]
    /// A row that could not be read, or SQLite's error.
    var error: (any Error)?

    var isClean: Bool { finding == nil && broken == nil && error == nil }

    static func run(path: String, key: AuditKey?, range: ClosedRange<Int64>, isFirst: Bool) -> RangeCheck {
      var check = RangeCheck(verifier: .init(key: key))
      do {
        let connection = try Connection(path: path)
        if !isFirst {
          // The entry before the range: its first entry must link to it.
          let sql = "SELECT seq, hash FROM audit_entries WHERE seq < \(range.lowerBound) ORDER BY seq DESC LIMIT 1"
          try query(connection.db, sql) { stmt in
            let hash = text(stmt, 1) ?? UnsafeRawBufferPointer(start: nil, count: 0)
            check.verifier = .init(key: key, afterSeq: sqlite_nio_sqlite3_column_int64(stmt, 0), hash: hash)
            return false
          }
        }
        try check.scan(connection.db, range: range, key: key)
      } catch {
        check.error = error
      }
      return check
    }

    mutating func scan(_ db: OpaquePointer, range: ClosedRange<Int64>, key: AuditKey?) throws {
      // Locals in the loop: no exclusivity check per access, as on properties.
      var verifier = self.verifier
      let checker = AuditChain.EntryChecker(key: key)
      var roles = self.roles
      var broken: (seq: Int64, previousHash: String)?
      var finding: AuditChain.Finding?
      let scratch = Scratch(capacity: 4096)
      defer {
        self.verifier = verifier
        self.roles = roles
        self.broken = broken
        self.finding = finding
      }
      let sql =
        "SELECT \(AuditLog.columns) FROM audit_entries WHERE seq BETWEEN \(range.lowerBound) AND \(range.upperBound) ORDER BY seq"
      try query(db, sql) { stmt in
        let outcome: AuditChain.Verifier.Outcome
        if let e = raw(stmt) {
          let hashed = scratch.reserve(
            AuditChain.EntryChecker.hashedByteBound(e) + AuditChain.EntryChecker.paddingRoom)
          let count = AuditChain.EntryChecker.writeHashedBytes(e, to: hashed)
          let matches = checker.matches(hashed: hashed, count: count, hash: e.hash, mac: e.mac)
          outcome = verifier.check(
            seq: e.seq, previousHash: e.previousHash, hash: e.hash, contentMatches: matches.content,
            macMatches: matches.mac)
          if outcome == .brokenLink { broken = (e.seq, String(decoding: e.previousHash, as: UTF8.self)) }
          if e.action.count == 11 || e.action.count == 16,
            let role = AuditLog.role(
              action: String(decoding: e.action, as: UTF8.self), fields: String(decoding: e.fields, as: UTF8.self))
          {
            roles[String(decoding: e.subject, as: UTF8.self)] = role
          }
        } else {
          // The first format, or a column of an unexpected type (only a
          // tampered row has one): read as the paged path reads it.
          let row = try AuditLog.Row(columns: (0..<10).map { value(stmt, Int32($0)) })
          if let role = AuditLog.role(action: row.action, fields: row.fields) { roles[row.subject] = role }
          outcome = verifier.check(row.bytes, previousHash: row.previousHash, hash: row.hash, mac: row.mac)
          if outcome == .brokenLink { broken = (row.seq, row.previousHash) }
        }
        switch outcome {
        case .ok: return true
        case .finding(let f): finding = f
        case .brokenLink: break
        }
        return false
      }
    }

    /// The current row's columns where SQLite keeps them (valid until the
    /// next step); nil unless it is in format 2 with the column types
    /// Beredskap writes.
    func raw(_ stmt: OpaquePointer) -> AuditChain.RawEntry? {
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
      return AuditChain.RawEntry(
        seq: sqlite_nio_sqlite3_column_int64(stmt, 0), atMillis: atMillis, version: version, actor: actor,
        action: action, subject: subject, fields: fields, previousHash: previous, hash: hash, mac: mac)
    }
  }

  /// One entry's hashed bytes at a time, in a buffer reused (and so kept
  /// in the CPU's cache) from entry to entry.
  final class Scratch {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int

    init(capacity: Int) {
      self.capacity = capacity
      base = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Room for `count` bytes; the previous contents are not kept.
    func reserve(_ count: Int) -> UnsafeMutableRawPointer {
      if count > capacity {
        base.deallocate()
        capacity = max(capacity * 2, count)
        base = .allocate(byteCount: capacity, alignment: 16)
      }
      return base
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
