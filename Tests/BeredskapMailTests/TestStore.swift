import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import Logging
import SQLKit

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
      location: .postgres(url: url), maxConnectionsPerEventLoop: 8, searchPath: [schema], logger: quiet,
      dataKey: testDataKey)
    cleanup = {
      try await (admin.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
      await admin.shutdown()
    }
  } else {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beredskap-test-\(UUID().uuidString)")
    runtime = try StoreRuntime(
      location: .sqlite(path: dir.appendingPathComponent("test.sqlite").path), logger: quiet, dataKey: testDataKey)
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
let quiet: Logger = {
  var logger = Logger(label: "test")
  logger.logLevel = .warning
  return logger
}()

let testDataKey = try! DataKey.parse(String(repeating: "42", count: 32))

var isPostgres: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") == true }
