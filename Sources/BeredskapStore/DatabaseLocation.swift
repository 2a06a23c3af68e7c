import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Where the data lives: `sqlite:///path/file.sqlite` (the default, under
/// `./beredskap-data/` or `$BEREDSKAP_DATA_DIR`) or `postgres://user:pass@host:port/db`.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
  case sqlite(path: String)
  case postgres(url: String)

  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  /// The flag wins over `DATABASE_URL`, which wins over the default file.
  public static func resolve(flag: String?, environment: [String: String]) throws -> DatabaseLocation {
    if let url = flag ?? environment["DATABASE_URL"], !url.isEmpty { return try parse(url) }
    let dir = environment["BEREDSKAP_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "beredskap-data"
    let absolute = URL(fileURLWithPath: dir, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    return .sqlite(path: absolute.appendingPathComponent("beredskap.sqlite").standardizedFileURL.path)
  }

  public static func parse(_ url: String) throws -> DatabaseLocation {
    if url.hasPrefix("sqlite://") {
      let path = String(url.dropFirst("sqlite://".count))
      guard !path.isEmpty else {
        throw Invalid(
          description: "database URL: sqlite needs a file path, e.g. sqlite:///var/lib/beredskap/data.sqlite")
      }
      return .sqlite(path: path)
    }
    if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
      guard URL(string: url)?.host != nil else {
        throw Invalid(description: "database URL: not a valid postgres:// URL")
      }
      return .postgres(url: url)
    }
    throw Invalid(description: "database URL must start with sqlite:// or postgres://")
  }

  /// For logs and messages: never the password.
  public var description: String {
    switch self {
    case .sqlite(let path): return "SQLite \(path)"
    case .postgres(let url):
      guard var c = URLComponents(string: url) else { return "PostgreSQL" }
      c.password = c.password == nil ? nil : "***"
      return "PostgreSQL \(c.string ?? "")"
    }
  }

  public var isSQLite: Bool {
    if case .sqlite = self { return true }
    return false
  }

  /// Creates the SQLite folder if needed and returns Fluent's configuration.
  public func configuration(maxConnectionsPerEventLoop: Int = 1, searchPath: [String]? = nil) throws
    -> DatabaseConfigurationFactory
  {
    switch self {
    case .sqlite(let path):
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      return .sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .trace)
    case .postgres(let url):
      var configuration = try SQLPostgresConfiguration(url: url)
      // Loopback and private networks usually run without TLS; `?sslmode=require` asks for it.
      if !url.contains("sslmode=") { configuration.coreConfiguration.tls = .disable }
      if let searchPath { configuration.searchPath = searchPath }
      return .postgres(
        configuration: configuration, maxConnectionsPerEventLoop: maxConnectionsPerEventLoop, sqlLogLevel: .trace)
    }
  }
}
