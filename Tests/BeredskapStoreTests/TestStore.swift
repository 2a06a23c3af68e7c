import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import SQLKit
import Testing

/// A fresh, migrated database for one test: a temporary SQLite file, or,
/// when `DATABASE_URL` names PostgreSQL, a schema of its own on that server.
func withStore<T>(_ body: (StoreRuntime) async throws -> T) async throws -> T {
  let env = ProcessInfo.processInfo.environment
  let runtime: StoreRuntime
  var cleanup: (() async throws -> Void)?
  if let url = env["DATABASE_URL"], url.hasPrefix("postgres") {
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    let admin = try StoreRuntime(location: .postgres(url: url), maxConnectionsPerEventLoop: 1)
    try await (admin.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
    runtime = try StoreRuntime(
      location: .postgres(url: url), maxConnectionsPerEventLoop: 8, searchPath: [schema], dataKey: testDataKey)
    cleanup = {
      try await (admin.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
      await admin.shutdown()
    }
  } else {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beredskap-test-\(UUID().uuidString)")
    runtime = try StoreRuntime(
      location: .sqlite(path: dir.appendingPathComponent("test.sqlite").path), dataKey: testDataKey)
    cleanup = { try? FileManager.default.removeItem(at: dir) }
  }
  do {
    try await runtime.migrate()
    let result = try await body(runtime)
    await runtime.shutdown()
    try await cleanup?()
    return result
  } catch {
    await runtime.shutdown()
    try? await cleanup?()
    throw error
  }
}

/// Every test in the process shares one data key (it is installed process-wide).
let testDataKey = try! DataKey.parse(String(repeating: "42", count: 32))

let testActor = Actor(id: "user:test", name: "Test Testesen")

func draft(_ title: String = "Serveren svarer ikke", severity: Int = 2) -> IncidentDraft.Valid {
  var d = IncidentDraft()
  d.title = title
  d.severity = String(severity)
  d.discoveredAt = "2026-11-20T10:00:00+01:00"
  d.discoveredBy = "monitoring"
  return try! d.validate(now: Timestamp.parse("2026-11-23T10:00:00Z")!).get()
}

var isPostgres: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") == true }

/// `AuditLog.verify` every way: a SQLite file read directly in one range and
/// in several side by side (a tampered entry then falls in each range or on
/// a range's edge), and page by page through the driver (PostgreSQL takes
/// that way every time). They must agree.
func verifyBothWays(_ store: StoreRuntime, keyless: Bool = false) async throws -> AuditLog.Verification {
  let direct = try await AuditLog.verify(on: store.db, keyless: keyless)
  let paged = try await AuditLog.verify(on: store.db, pageSize: 2, keyless: keyless, direct: false)
  #expect(direct.count == paged.count && direct.finding == paged.finding)
  for ranges in [1, 2, 3, 5] {
    let split = try await AuditLog.verify(on: store.db, keyless: keyless, ranges: ranges)
    #expect(split.count == paged.count && split.finding == paged.finding, "\(ranges) ranges")
  }
  return direct
}
