import Logging
import Vapor

/// Wraps the console logger so that no log line, at any level, carries
/// stored values: the database libraries log every query with its bound
/// values at debug and trace (e-mail addresses, names, secrets), so their
/// debug and trace lines are dropped, and metadata keys that could hold a
/// secret are masked.
struct RedactingLogHandler: LogHandler {
  var inner: any LogHandler

  /// Modules whose debug and trace lines quote bound values.
  static let databaseModules: Set<String> = [
    "FluentKit", "FluentSQL", "SQLKit", "SQLiteKit", "SQLiteNIO", "PostgresKit", "PostgresNIO", "FluentSQLiteDriver",
    "FluentPostgresDriver",
  ]
  static let droppedMessages: Set<String> = ["Running query"]
  static let ownModules: Set<String> = ["BeredskapCore", "BeredskapStore", "BeredskapWeb", "beredskap"]
  static let maskedKeys: Set<String> = ["input", "filters", "binds", "password", "secret", "email", "database_url"]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { inner[metadataKey: key] }
    set { inner[metadataKey: key] = newValue }
  }
  var metadata: Logger.Metadata {
    get { inner.metadata }
    set { inner.metadata = newValue }
  }
  var metadataProvider: Logger.MetadataProvider? {
    get { inner.metadataProvider }
    set { inner.metadataProvider = newValue }
  }
  var logLevel: Logger.Level {
    get { inner.logLevel }
    set { inner.logLevel = newValue }
  }

  func log(event: LogEvent) {
    if event.level <= .debug, Self.databaseModules.contains(event.source) { return }
    // Trace lines of the HTTP libraries quote headers and bodies (passwords,
    // tokens, cookies): only Beredskap's own trace lines are kept.
    if event.level == .trace, !Self.ownModules.contains(event.source) { return }
    guard !Self.droppedMessages.contains(event.message.description) else { return }
    var event = event
    if let m = event.metadata {
      event.metadata = m.reduce(into: [:]) { out, pair in
        out[pair.key] = Self.maskedKeys.contains(pair.key) ? "***" : pair.value
      }
    }
    inner.log(event: event)
  }

  static func bootstrap(_ env: inout Environment) throws {
    try LoggingSystem.bootstrap(from: &env) { level in
      let console = Terminal()
      return { label in
        RedactingLogHandler(inner: ConsoleLogger(label: label, console: console, level: level))
      }
    }
  }
}
