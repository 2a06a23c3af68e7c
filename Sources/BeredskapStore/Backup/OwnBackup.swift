import BeredskapCore
import FluentKit
import Foundation
import Logging
import SQLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Beredskap's own backups: `beredskap backup create` and `backup restore`.
/// Files are encrypted under the data key (`BackupFile`); without the same key
/// they cannot be read. Sessions and one-time codes are not backed up (Plan A).
public enum OwnBackup {
  /// Tables whose rows are never in a backup: browser sessions and sign-in attempts.
  public static let excludedTables = ["sessions", "login_attempts"]
  /// Settings rows that are one-time codes (the first admin's setup link).
  public static let excludedSettings = ["setup_token_hash"]
  public static let fileSuffix = ".bkp"
  public static let defaultKeepDays = 7

  /// A failure with its exit code: 2 for bad usage or input, 1 for a check that failed.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    public var code: Int32 = 2
  }

  public struct Created: Sendable {
    public var path: String
    public var size: Int64
    public var sha256: String
    public var removed: [String]
  }

  public struct Restored: Sendable {
    public var kind: BackupFile.StoreKind
    public var audit: AuditLog.Verification
  }

  /// `beredskap-20261125T030000Z.bkp`.
  public static func fileName(at date: Date) -> String {
    let stamp = Timestamp.utc(date).filter { $0 != "-" && $0 != ":" }
    return "beredskap-\(stamp.prefix(15))Z" + fileSuffix
  }

  static func dateOf(fileName name: String) -> Date? {
    guard name.hasPrefix("beredskap-"), name.hasSuffix("Z" + fileSuffix) else { return nil }
    let s = Array(name.dropFirst("beredskap-".count).dropLast(fileSuffix.count + 1))
    guard s.count == 15, s[8] == "T" else { return nil }
    let text =
      "\(String(s[0..<4]))-\(String(s[4..<6]))-\(String(s[6..<8]))T\(String(s[9..<11])):\(String(s[11..<13])):\(String(s[13..<15]))Z"
    return Timestamp.parse(text)
  }

  // MARK: Create

  /// Writes an encrypted, consistent copy of the database to `folder` while
  /// the server may run, records it as a run of the `beredskap` job, and
  /// removes this command's files older than `keepDays`.
  public static func create(
    store: StoreRuntime, key: DataKey, folder: URL, keepDays: Int, now: Date, environment: [String: String]
  ) async throws -> Created {
    try FilePermissions.secureFolder(folder)
    let name = fileName(at: now)
    let final = folder.appendingPathComponent(name)
    let partial = folder.appendingPathComponent(".\(name).\(UUID().uuidString.prefix(8)).partial")
    let output = try createPrivateFile(partial.path)
    var result: (sha256: String, size: Int64)
    do {
      defer { try? output.close() }
      switch store.location {
      case .sqlite:
        result = try await sqliteCopy(store: store, folder: folder, key: key, output: output)
      case .postgres(let url):
        result = try await pgDump(url: url, store: store, key: key, output: output, environment: environment)
      }
      try output.synchronize()
    } catch {
      try? FileManager.default.removeItem(at: partial)
      throw error
    }
    guard rename(partial.path, final.path) == 0 else {
      try? FileManager.default.removeItem(at: partial)
      throw Failure(description: "\(final.path): cannot move the finished backup into place")
    }
    let removed = prune(folder: folder, keepDays: keepDays, now: now, keep: name)
    let run = BackupRun(
      jobID: BackupJob.ownID, status: .ok, finishedAt: now, sizeBytes: result.size, sha256: result.sha256,
      reportedBy: "beredskap backup create")
    try await BackupRunRepository(db: store.db).report(run, actor: .cli, now: now)
    return Created(path: final.path, size: result.size, sha256: result.sha256, removed: removed)
  }

  /// Deletes `beredskap-….bkp` files in `folder` older than `keepDays`, never `keep`.
  static func prune(folder: URL, keepDays: Int, now: Date, keep: String) -> [String] {
    let limit = now.addingTimeInterval(-Double(keepDays) * 86400)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var removed: [String] = []
    for name in names.sorted() where name != keep {
      guard let date = dateOf(fileName: name), date < limit else { continue }
      let path = folder.appendingPathComponent(name).path
      if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
    }
    return removed
  }

  /// A new file only this user can read, failing if it exists.
  static func createPrivateFile(_ path: String) throws -> FileHandle {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw Failure(description: "\(path): cannot create the file") }
    return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
  }

  /// `VACUUM INTO` a private temporary file beside the backups (a consistent
  /// snapshot even while the server writes), drops sessions and one-time codes
  /// from the copy, vacuums it again so their pages are gone, and encrypts it.
  static func sqliteCopy(store: StoreRuntime, folder: URL, key: DataKey, output: FileHandle) async throws -> (
    sha256: String, size: Int64
  ) {
    let plain = folder.appendingPathComponent(".copy-\(UUID().uuidString).sqlite")
    try createPrivateFile(plain.path).close()
    defer {
      for suffix in ["", "-wal", "-shm", "-journal"] {
        try? FileManager.default.removeItem(atPath: plain.path + suffix)
      }
    }
    guard let sql = store.db as? any SQLDatabase else { throw Failure(description: "not an SQL database") }
    try await sql.raw("VACUUM INTO \(bind: plain.path)").run()
    let copy = try StoreRuntime(location: .sqlite(path: plain.path), maxConnectionsPerEventLoop: 1, logger: quiet)
    do {
      guard let c = copy.db as? any SQLDatabase else { throw Failure(description: "not an SQL database") }
      try await c.raw("PRAGMA secure_delete = ON").run()
      for table in excludedTables { try await c.raw("DELETE FROM \(ident: table)").run() }
      for setting in excludedSettings { try await c.raw("DELETE FROM settings WHERE key = \(bind: setting)").run() }
      try await c.raw("VACUUM").run()
      await copy.shutdown()
    } catch {
      await copy.shutdown()
      throw error
    }
    guard let input = FileHandle(forReadingAtPath: plain.path) else {
      throw Failure(description: "cannot read the temporary copy")
    }
    defer { try? input.close() }
    return try BackupFile.encrypt(
      kind: .sqlite, key: key, next: { Array(try input.read(upToCount: 1 << 20) ?? Data()) },
      write: { try output.write(contentsOf: $0) })
  }

  static var quiet: Logger {
    var l = Logger(label: "beredskap.backup")
    l.logLevel = .critical
    return l
  }

  // MARK: PostgreSQL tools

  /// Connection settings for pg_dump and psql, with the password in the
  /// environment (never on a command line other users can see).
  struct PGConnection {
    var arguments: [String]
    var environment: [String: String]

    init(url: String, environment base: [String: String]) throws {
      guard let c = URLComponents(string: url), let host = c.host else {
        throw Failure(description: "database URL: not a valid postgres:// URL")
      }
      var args = ["--host", host, "--port", String(c.port ?? 5432)]
      if let user = c.user, !user.isEmpty { args += ["--username", user.removingPercentEncoding ?? user] }
      let db = String(c.path.drop { $0 == "/" })
      guard !db.isEmpty else { throw Failure(description: "database URL: the database name is missing") }
      args += ["--dbname", db.removingPercentEncoding ?? db]
      var env = base
      if let password = c.password { env["PGPASSWORD"] = password.removingPercentEncoding ?? password }
      if let mode = c.queryItems?.first(where: { $0.name == "sslmode" })?.value { env["PGSSLMODE"] = mode }
      arguments = args
      environment = env
    }
  }

  /// The tool's full path from `PATH`, or a clear failure.
  static func tool(_ name: String, environment: [String: String]) throws -> String {
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw Failure(
      description:
        "\(name) was not found on PATH: install the PostgreSQL client tools of the server's version (apt install postgresql-client)"
    )
  }

  /// The major version a tool reports (`pg_dump (PostgreSQL) 15.18` → 15).
  static func toolMajor(_ path: String) throws -> Int {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = ["--version"]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let m = text.firstMatch(of: /\) (\d+)/), let major = Int(m.1) else {
      throw Failure(description: "\(path): cannot tell its version")
    }
    return major
  }

  static func serverMajor(_ db: any Database) async throws -> Int {
    guard let sql = db as? any SQLDatabase,
      let row = try await sql.raw("SELECT current_setting('server_version_num') AS v").first(),
      let num = Int(try row.decode(column: "v", as: String.self))
    else { throw Failure(description: "cannot read the PostgreSQL server's version") }
    return num / 10000
  }

  static func checkToolVersion(_ path: String, name: String, db: any Database) async throws {
    let (tool, server) = (try toolMajor(path), try await serverMajor(db))
    guard tool >= server else {
      throw Failure(
        description:
          "\(name) is version \(tool) but the server runs PostgreSQL \(server): install the client tools of version \(server) or newer"
      )
    }
  }

  static func pgDump(
    url: String, store: StoreRuntime, key: DataKey, output: FileHandle, environment: [String: String]
  ) async throws -> (sha256: String, size: Int64) {
    let path = try tool("pg_dump", environment: environment)
    try await checkToolVersion(path, name: "pg_dump", db: store.db)
    let conn = try PGConnection(url: url, environment: environment)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments =
      conn.arguments + ["--format=plain", "--no-owner", "--no-privileges", "--no-password"]
      + excludedTables.map { "--exclude-table-data=\($0)" }
    p.environment = conn.environment
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let reader = out.fileHandleForReading
    let result: (sha256: String, size: Int64)
    do {
      result = try BackupFile.encrypt(
        kind: .postgres, key: key, next: { Array(try reader.read(upToCount: 1 << 20) ?? Data()) },
        write: { try output.write(contentsOf: $0) })
    } catch {
      p.terminate()
      p.waitUntilExit()
      throw error
    }
    _ = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw Failure(
        description:
          "pg_dump failed (exit \(p.terminationStatus)): check the address, the user's rights and that the server runs")
    }
    return result
  }

  // MARK: Restore

  /// Reads a backup through `BackupFile.decrypt` with a file handle.
  static func decrypt(_ file: String, key: DataKey, write: (([UInt8]) throws -> Void)?) throws -> BackupFile.Header {
    guard let input = FileHandle(forReadingAtPath: file) else {
      throw Failure(description: "\(file): cannot read the file")
    }
    defer { try? input.close() }
    do {
      return try BackupFile.decrypt(
        key: key, read: { Array(try input.read(upToCount: $0) ?? Data()) }, write: write)
    } catch let invalid as BackupFile.Invalid {
      throw Failure(description: "\(file) \(invalid.description); nothing was restored", code: 1)
    }
  }

  /// Checks every chunk of `file`, then restores it into the empty database
  /// at `location`, checks the audit trail and records the restore (a run of
  /// the `beredskap` job and an audit entry) on the restored database.
  public static func restore(
    file: String, location: DatabaseLocation, key: DataKey, now: Date, environment: [String: String]
  ) async throws -> Restored {
    let header = try decrypt(file, key: key, write: nil)
    switch (header.kind, location) {
    case (.sqlite, .sqlite(let path)):
      try await restoreSQLite(file: file, path: path, key: key)
    case (.postgres, .postgres(let url)):
      try await restorePostgres(file: file, url: url, key: key, environment: environment)
    case (.sqlite, .postgres):
      throw Failure(description: "\(file) is a backup of a SQLite database; give a sqlite:// --database to restore it")
    case (.postgres, .sqlite):
      throw Failure(description: "\(file) is a backup of a PostgreSQL database; give a postgres:// --database")
    }
    let store = try StoreRuntime(location: location, maxConnectionsPerEventLoop: 2, logger: quiet, dataKey: key)
    do {
      try await store.migrate()
      for setting in excludedSettings {
        try await (store.db as! any SQLDatabase).raw("DELETE FROM settings WHERE key = \(bind: setting)").run()
      }
      let audit = try await AuditLog.verify(on: store.db)
      let run = BackupRun(
        jobID: BackupJob.ownID, status: .ok, finishedAt: now,
        sizeBytes: (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int64,
        sha256: try sha256(of: file), reportedBy: "beredskap backup restore")
      try await store.db.writeTransaction { tx in
        try await BackupRunRepository(db: tx).record(run, now: now)
        try await AuditLog.append(
          on: tx, actor: .cli, action: .backupRestore, subject: "backup:\(BackupJob.ownID)",
          fields: ["file_sha256": run.sha256 ?? "", "audit_entries": String(audit.count)], now: now)
      }
      await store.shutdown()
      return Restored(kind: header.kind, audit: audit)
    } catch {
      await store.shutdown()
      throw error
    }
  }

  static func sha256(of file: String) throws -> String {
    guard let input = FileHandle(forReadingAtPath: file) else { throw Failure(description: "\(file): cannot read") }
    defer { try? input.close() }
    return try BackupFile.sha256(next: { Array(try input.read(upToCount: 1 << 20) ?? Data()) })
  }

  static func restoreSQLite(file: String, path: String, key: DataKey) async throws {
    let manager = FileManager.default
    if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 {
      let probe = try StoreRuntime(location: .sqlite(path: path), maxConnectionsPerEventLoop: 1, logger: quiet)
      let tables = try? await (probe.db as! any SQLDatabase).raw(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'"
      ).first()?.decode(column: "n", as: Int.self)
      await probe.shutdown()
      if tables != 0 {
        throw Failure(
          description:
            "\(path) is not empty: a backup is restored only into an empty database, so nothing is overwritten. Move the file away (keep it until the restore is checked) or give another --database"
        )
      }
    }
    for suffix in ["-wal", "-shm", "-journal"] where manager.fileExists(atPath: path + suffix) {
      throw Failure(description: "\(path + suffix) exists: stop the server using this database first")
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try FilePermissions.secureFolder(folder)
    let partial = folder.appendingPathComponent(".restore-\(UUID().uuidString.prefix(8)).partial").path
    let output = try createPrivateFile(partial)
    do {
      defer { try? output.close() }
      _ = try decrypt(file, key: key, write: { try output.write(contentsOf: $0) })
      try output.synchronize()
    } catch {
      try? manager.removeItem(atPath: partial)
      throw error
    }
    guard rename(partial, path) == 0 else {
      try? manager.removeItem(atPath: partial)
      throw Failure(description: "\(path): cannot move the restored database into place")
    }
    chmod(path, 0o600)
  }

  static func restorePostgres(file: String, url: String, key: DataKey, environment: [String: String]) async throws {
    let probe = try StoreRuntime(location: .postgres(url: url), maxConnectionsPerEventLoop: 1, logger: quiet)
    do {
      let row = try await (probe.db as! any SQLDatabase).raw(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()"
      ).first()
      let tables = try row?.decode(column: "n", as: Int.self) ?? 0
      guard tables == 0 else {
        throw Failure(
          description:
            "the database is not empty (\(tables) tables): a backup is restored only into an empty database, so nothing is overwritten. Create a new database (createdb) and give it with --database"
        )
      }
      let path = try tool("psql", environment: environment)
      try await checkToolVersion(path, name: "psql", db: probe.db)
      await probe.shutdown()
    } catch {
      await probe.shutdown()
      throw error
    }
    let conn = try PGConnection(url: url, environment: environment)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try tool("psql", environment: environment))
    p.arguments =
      conn.arguments + ["--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1", "--no-password"]
    p.environment = conn.environment
    let input = Pipe()
    p.standardInput = input
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let writer = input.fileHandleForWriting
    // psql stopping early must fail the write, not kill this process.
    signal(SIGPIPE, SIG_IGN)
    do {
      _ = try decrypt(file, key: key, write: { try writer.write(contentsOf: $0) })
    } catch let failure as Failure {
      try? writer.close()
      p.waitUntilExit()
      throw failure
    } catch {
      // A write psql did not take: its exit status below says why.
    }
    try? writer.close()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw Failure(
        description:
          "psql failed (exit \(p.terminationStatus)); the restore ran in one transaction, so nothing was restored")
    }
  }
}
