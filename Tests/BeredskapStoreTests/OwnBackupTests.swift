import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import SQLKit
import Testing

/// `backup create` → empty database → `backup restore` yields the same data,
/// a trail that verifies, and a file without readable personal data.
@Suite(.serialized) struct OwnBackupTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!

  /// Generated fake people: names, e-mail addresses and national ids that fail the checksum.
  static let people = (0..<40).map { i in
    (
      name: "Testperson\(i) Fiktivsen", email: "fiktiv\(i)@eksempel.test",
      id: "9\(i % 10)12\(String(format: "%06d", 700_000 + i))"
    )
  }

  func seed(_ store: StoreRuntime) async throws {
    let repo = IncidentRepository(db: store.db)
    var incidents: [Incident] = []
    for (i, p) in Self.people.prefix(10).enumerated() {
      var d = draft("Lekkasje hos \(p.name) <\(p.email)>", severity: 1 + i % 4)
      d.summary = "Fødselsnummer \(p.id) ble sendt til feil mottaker"
      incidents.append(try await repo.create(d, ownerID: nil, actor: testActor, now: now))
    }
    var csv = "navn;e-post;fødselsnummer;kategorier\n"
    for p in Self.people { csv += "\(p.name);\(p.email);\(p.id);contact\n" }
    var rows: [SubjectRow] = []
    let scanner = SubjectScanner()
    scanner.onRow = { rows.append($0) }
    try scanner.feed(Array(csv.utf8))
    let figures = try scanner.finish()
    _ = try await AffectedPeopleRepository(db: store.db).importRows(
      rows, incident: incidents[0].number, figures: figures, actor: testActor, now: now)
    _ = try await SessionRepository(db: store.db).start(userID: nil, pendingSecondFactor: false, now: now)
    try await BackupRunRepository(db: store.db).report(
      BackupRun(jobID: "beredskap", status: .failed, finishedAt: now.addingTimeInterval(-3600), reportedBy: "test"),
      actor: testActor, now: now)
  }

  /// Every table's rows as text, sorted, by table name.
  static func snapshot(_ store: StoreRuntime) async throws -> [String: [String]] {
    let sql = store.db as! any SQLDatabase
    var out: [String: [String]] = [:]
    if sql.dialect.name == "sqlite" {
      let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all().map { try $0.decode(column: "name", as: String.self) }
      for t in tables {
        let cols = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: t))").all().map {
          try $0.decode(column: "name", as: String.self)
        }
        let expr = cols.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
        out[t] = try await sql.raw("SELECT \(unsafeRaw: expr) AS r FROM \(ident: t)").all().map {
          try $0.decode(column: "r", as: String.self)
        }.sorted()
      }
    } else {
      let tables = try await sql.raw(
        "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()"
      ).all().map { try $0.decode(column: "name", as: String.self) }
      for t in tables {
        out[t] = try await sql.raw("SELECT x::text AS r FROM \(ident: t) x").all().map {
          try $0.decode(column: "r", as: String.self)
        }.sorted()
      }
    }
    return out
  }

  /// Two empty stores of the kind under test, as (source, target) locations.
  func withTwoDatabases(_ body: (DatabaseLocation, DatabaseLocation, URL) async throws -> Void) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beredskap-backup-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres") {
      let admin = try StoreRuntime(location: .postgres(url: url), maxConnectionsPerEventLoop: 1)
      let sql = admin.db as! any SQLDatabase
      let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
      let names = ["bk_src_\(suffix)", "bk_dst_\(suffix)"]
      for n in names { try await sql.raw("CREATE DATABASE \(ident: n)").run() }
      func at(_ name: String) -> DatabaseLocation {
        var c = URLComponents(string: url)!
        c.path = "/" + name
        return .postgres(url: c.string!)
      }
      do {
        try await body(at(names[0]), at(names[1]), dir)
      } catch {
        for n in names { try? await sql.raw("DROP DATABASE IF EXISTS \(ident: n) WITH (FORCE)").run() }
        await admin.shutdown()
        throw error
      }
      for n in names { try await sql.raw("DROP DATABASE IF EXISTS \(ident: n) WITH (FORCE)").run() }
      await admin.shutdown()
    } else {
      try await body(
        .sqlite(path: dir.appendingPathComponent("source/beredskap.sqlite").path),
        .sqlite(path: dir.appendingPathComponent("restored/beredskap.sqlite").path), dir)
    }
  }

  @Test func createThenRestoreIntoAnEmptyDatabaseGivesTheSameData() async throws {
    try await withTwoDatabases { source, target, dir in
      let store = try StoreRuntime(location: source, dataKey: testDataKey)
      let before: [String: [String]]
      let created: OwnBackup.Created
      do {
        try await store.migrate()
        try await seed(store)
        before = try await Self.snapshot(store)
        created = try await OwnBackup.create(
          store: store, key: testDataKey, folder: dir.appendingPathComponent("backups"), keepDays: 7, now: now,
          environment: ProcessInfo.processInfo.environment)
        // The source records its own backup as a good run of the `beredskap` job.
        let runs = try await BackupRunRepository(db: store.db).runs(job: "beredskap")
        #expect(runs.first?.status == .ok && runs.first?.sha256 == created.sha256)
        await store.shutdown()
      } catch {
        await store.shutdown()
        throw error
      }
      #expect(before["sessions"]?.count == 1)

      // The file: private, its checksum as recorded, no readable personal data.
      let attributes = try FileManager.default.attributesOfItem(atPath: created.path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
      let bytes = try Data(contentsOf: URL(fileURLWithPath: created.path))
      #expect(Int64(bytes.count) == created.size)
      var once = [Array(bytes)]
      #expect(BackupFile.sha256(next: { once.popLast() ?? [] }) == created.sha256)
      for p in Self.people {
        for secret in [p.name, p.email, p.id, "Testperson", "eksempel.test"] {
          #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is readable in the backup file")
        }
      }
      #expect(bytes.range(of: Data("Lekkasje".utf8)) == nil)
      #expect(bytes.range(of: Data("CREATE TABLE".utf8)) == nil && bytes.range(of: Data("SQLite format".utf8)) == nil)

      let restored = try await OwnBackup.restore(
        file: created.path, location: target, key: testDataKey, now: now.addingTimeInterval(60),
        environment: ProcessInfo.processInfo.environment)
      #expect(restored.audit.finding == nil)
      #expect(restored.audit.count == (before["audit_entries"]?.count ?? 0))

      let check = try StoreRuntime(location: target, dataKey: testDataKey)
      let after: [String: [String]]
      do {
        after = try await Self.snapshot(check)
        let verified = try await AuditLog.verify(on: check.db)
        #expect(verified.finding == nil && verified.count == restored.audit.count + 1)
        let runs = try await BackupRunRepository(db: check.db).runs(job: "beredskap")
        #expect(runs.first?.reportedBy == "beredskap backup restore")
        await check.shutdown()
      } catch {
        await check.shutdown()
        throw error
      }
      #expect(Set(after.keys) == Set(before.keys))
      for table in before.keys.sorted() {
        let (b, a) = (before[table] ?? [], after[table] ?? [])
        switch table {
        case "sessions", "login_attempts": #expect(a.isEmpty, "\(table) is not backed up")
        case "backup_runs", "audit_entries":
          // The restore records itself: one row more, every row of the source kept.
          #expect(a.count == b.count + 1 && Set(b).isSubset(of: Set(a)), "\(table)")
        case "audit_head": #expect(a.count == b.count, "\(table)")
        default: #expect(a == b, "\(table) differs after the round trip")
        }
      }
    }
  }

  @Test func restoreRefusesANonEmptyDatabaseAndAnAlteredFileWritesNothing() async throws {
    try await withTwoDatabases { source, target, dir in
      let store = try StoreRuntime(location: source, dataKey: testDataKey)
      let created: OwnBackup.Created
      do {
        try await store.migrate()
        created = try await OwnBackup.create(
          store: store, key: testDataKey, folder: dir.appendingPathComponent("backups"), keepDays: 7, now: now,
          environment: ProcessInfo.processInfo.environment)
        await store.shutdown()
      } catch {
        await store.shutdown()
        throw error
      }
      // One flipped byte near the end: the whole file is checked before anything is written.
      var bytes = try Data(contentsOf: URL(fileURLWithPath: created.path))
      bytes[bytes.count - 20] ^= 0x01
      let altered = dir.appendingPathComponent("altered.bkp").path
      try bytes.write(to: URL(fileURLWithPath: altered))
      await #expect {
        try await OwnBackup.restore(
          file: altered, location: target, key: testDataKey, now: now, environment: ProcessInfo.processInfo.environment)
      } throws: { ($0 as? OwnBackup.Failure)?.code == 1 }
      if case .sqlite(let path) = target { #expect(!FileManager.default.fileExists(atPath: path)) }
      // Into the source, which is not empty: refused with the reason.
      await #expect {
        try await OwnBackup.restore(
          file: created.path, location: source, key: testDataKey, now: now,
          environment: ProcessInfo.processInfo.environment)
      } throws: { ($0 as? OwnBackup.Failure)?.description.contains("not empty") == true }
    }
  }

  @Test func onlyBackupsOlderThanTheKeptDaysAreRemoved() async throws {
    try await withTwoDatabases { source, _, dir in
      let folder = dir.appendingPathComponent("backups")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let old = OwnBackup.fileName(at: now.addingTimeInterval(-8 * 86400))
      let recent = OwnBackup.fileName(at: now.addingTimeInterval(-6 * 86400))
      for name in [old, recent, "notes.txt"] {
        try Data("x".utf8).write(to: folder.appendingPathComponent(name))
      }
      let store = try StoreRuntime(location: source, dataKey: testDataKey)
      do {
        try await store.migrate()
        let created = try await OwnBackup.create(
          store: store, key: testDataKey, folder: folder, keepDays: 7, now: now,
          environment: ProcessInfo.processInfo.environment)
        #expect(created.removed == [folder.appendingPathComponent(old).path])
        await store.shutdown()
      } catch {
        await store.shutdown()
        throw error
      }
      let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      #expect(left == [OwnBackup.fileName(at: now), recent, "notes.txt"].sorted())
    }
  }
}
