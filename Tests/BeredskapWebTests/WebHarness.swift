import BeredskapCore
import BeredskapStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// A configured app on a fresh database (SQLite file, or a PostgreSQL schema
/// when `DATABASE_URL` is set), with one user per role, each with a session
/// and an API token.
struct WebHarness {
  struct Person {
    var id: UUID
    var email: String
    var password: String
    var cookie: String
    var csrf: String
    var token: String
  }

  let app: Application
  var people: [Role: Person] = [:]
  let now: Date

  func headers(_ role: Role?, api: Bool = false) -> HTTPHeaders {
    var h = HTTPHeaders()
    guard let role, let p = people[role] else { return h }
    if api {
      h.bearerAuthorization = .init(token: p.token)
    } else {
      h.replaceOrAdd(name: .cookie, value: "\(BrowserSessionMiddleware.cookie)=\(p.cookie)")
    }
    return h
  }

  /// A form body with the person's CSRF token.
  func form(_ role: Role?, _ fields: [String: String], csrf: Bool = true) -> (HTTPHeaders, ByteBuffer) {
    var h = headers(role)
    h.contentType = .urlEncodedForm
    var all = fields
    if csrf, let role, let p = people[role] { all["_csrf"] = p.csrf }
    let body = all.map {
      "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }.joined(separator: "&")
    return (h, ByteBuffer(string: body))
  }

  func json(_ role: Role?, _ text: String) -> (HTTPHeaders, ByteBuffer) {
    var h = headers(role, api: true)
    h.contentType = .json
    return (h, ByteBuffer(string: text))
  }

  var db: any Database { app.db }
}

/// Every test in the process shares one data key (it is installed process-wide).
let webTestDataKey = try! DataKey.parse(String(repeating: "42", count: 32))

let fixedNow = Timestamp.parse("2026-11-23T10:00:00Z")!

func withWeb<T>(
  now: Date = fixedNow, plan: Plan = .builtIn, clock: TestClock? = nil, _ body: (WebHarness) async throws -> T
) async throws -> T {
  let env = ProcessInfo.processInfo.environment
  var schema: String?
  let location: DatabaseLocation
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beredskap-web-\(UUID().uuidString)")
  if let url = env["DATABASE_URL"], url.hasPrefix("postgres") {
    location = .postgres(url: url)
    schema = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
  } else {
    location = .sqlite(path: dir.appendingPathComponent("web.sqlite").path)
  }
  return try await withApp(
    configure: { app in
      // A thread pool of the app's own, as `runServer` gives it: on the shared
      // default (one thread per core) two parallel tests' SQLite writers, each
      // spinning on its busy handler, can take every thread and stall all tests.
      app.threadPool = NIOThreadPool(numberOfThreads: 4)
      if let schema, case .postgres(let url) = location {
        let admin = try StoreRuntime(location: location, maxConnectionsPerEventLoop: 1)
        try await (admin.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
        await admin.shutdown()
        app.storage[SchemaKey.self] = (url, schema)
      }
      var config = ServerConfig(database: location)
      config.port = 0
      config.dataKey = webTestDataKey
      try await configureForTests(app, config: config, schema: schema, plan: plan, now: { clock?.now ?? now })
    },
    { app in
      var h = WebHarness(app: app, now: now)
      for role in Role.allCases {
        let email = "\(role.rawValue)@example.invalid"
        let password = "passord-for-\(role.rawValue)"
        let user = try await UserRepository(db: app.db).create(
          email: email, name: "Test \(role.rawValue.capitalized)", role: role,
          passwordHash: try Bcrypt.hash(password, cost: 4), actor: .system, now: now)
        let (cookie, session) = try await SessionRepository(db: app.db).start(
          userID: user.id, pendingSecondFactor: false, now: now)
        let token = try await TokenRepository(db: app.db).create(
          userID: user.id!, name: "test", actor: .system, now: now)
        h.people[role] = .init(
          id: user.id!, email: email, password: password, cookie: cookie, csrf: session.csrfToken, token: token)
      }
      defer { try? FileManager.default.removeItem(at: dir) }
      let result = try await body(h)
      if let (url, schema) = app.storage[SchemaKey.self] {
        let admin = try StoreRuntime(location: .postgres(url: url), maxConnectionsPerEventLoop: 1)
        try? await (admin.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
        await admin.shutdown()
      }
      return result
    })
}

struct SchemaKey: StorageKey { typealias Value = (String, String) }

/// `configure`, but on a PostgreSQL schema of the test's own, and with a longer
/// wait for a database connection: the concurrency tests queue dozens of
/// requests on a loaded two-core machine.
func configureForTests(
  _ app: Application, config: ServerConfig, schema: String?, plan: Plan, now: @escaping @Sendable () -> Date
) async throws {
  if let schema, case .postgres(let url) = config.database {
    var postgres = try SQLPostgresConfiguration(url: url)
    postgres.coreConfiguration.tls = .disable
    postgres.searchPath = [schema]
    app.databases.use(
      .postgres(configuration: postgres, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(60)),
      as: .init(string: "main"), isDefault: true)
  } else if case .sqlite(let path) = config.database {
    try FileManager.default.createDirectory(
      at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    app.databases.use(
      .sqlite(.file(path), maxConnectionsPerEventLoop: 1, connectionPoolTimeout: .seconds(60)),
      as: .init(string: "main"), isDefault: true)
  }
  try await configure(app, config: config, plan: plan, now: now, keepDatabase: true)
}

/// Counts rows, to prove that rejected input wrote nothing.
func rows(_ db: any Database, _ table: String) async throws -> Int {
  let row = try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
  return try row!.decode(column: "n", as: Int.self)
}
