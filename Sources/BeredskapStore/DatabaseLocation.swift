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
      guard let parts = URLComponents(string: url), parts.host?.isEmpty == false else {
        throw Invalid(description: "database URL: not a valid postgres:// URL (postgres://user:pass@host:port/db)")
      }
      let modes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full", "true", "false"]
      for item in parts.queryItems ?? [] where ["sslmode", "tlsmode", "ssl", "tls"].contains(item.name.lowercased()) {
        guard let mode = item.value, modes.contains(mode) else {
          // The value is quoted only when it is short and plain; the URL itself never is.
          let shown =
            (item.value ?? "").count <= 12 && (item.value ?? "").allSatisfy(\.isLetter) ? item.value ?? "" : "…"
          throw Invalid(
            description:
              "database URL: \(item.name) must be disable, prefer, require, verify-ca or verify-full (got \"\(shown)\")"
          )
        }
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
      return "PostgreSQL \(Self.redact(url))"
    }
  }

  /// A database URL without its password (and without anything after a
  /// malformed user-info part, where a password could hide).
  public static func redact(_ url: String) -> String {
    guard var c = URLComponents(string: url), c.host != nil else {
      guard let scheme = url.range(of: "://") else { return "<database URL>" }
      return String(url[..<scheme.upperBound]) + "…"
    }
    if c.password != nil { c.password = "***" }
    c.queryItems = c.queryItems?.map {
      ["password", "pass", "sslpassword"].contains($0.name.lowercased())
        ? URLQueryItem(name: $0.name, value: "***") : $0
    }
    return c.string ?? "<database URL>"
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
      try FilePermissions.secureSQLite(path: path)
      // A long write (an import of a million people, a batch of letters) holds SQLite's one
      // writer: others wait up to 30 s for a connection rather than fail after Fluent's 10.
      return .sqlite(
        .file(path), maxConnectionsPerEventLoop: 1, connectionPoolTimeout: .seconds(30), sqlLogLevel: nil)
    case .postgres(let url):
      // The driver's errors quote the whole URL, password included: never pass them on.
      guard var configuration = try? SQLPostgresConfiguration(url: url) else {
        throw Invalid(description: "database URL: not a valid postgres:// URL (\(Self.redact(url)))")
      }
      // Loopback and private networks usually run without TLS; `?sslmode=require` asks for it.
      if !url.contains("sslmode=") { configuration.coreConfiguration.tls = .disable }
      if let searchPath { configuration.searchPath = searchPath }
      return .postgres(
        configuration: configuration, maxConnectionsPerEventLoop: maxConnectionsPerEventLoop,
        connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace)
    }
  }
}
