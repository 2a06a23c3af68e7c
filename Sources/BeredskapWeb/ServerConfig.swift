import BeredskapCore
import BeredskapStore
import Foundation

/// Every setting of the server, read once at start, each with a default.
public struct ServerConfig: Sendable {
  public var host = "127.0.0.1"
  public var port = 8080
  public var database: DatabaseLocation
  /// The address people use, for links printed or mailed (setup link).
  public var publicURL: String?
  /// Production mode logs less and never shows error details.
  public var production = false
  /// Cookies get `Secure` when the public address is https.
  public var secureCookies: Bool { publicURL?.hasPrefix("https://") == true }
  public var planPath: String?
  /// Believe `X-Forwarded-For` (only behind a reverse proxy that sets it).
  public var trustProxy = false
  /// How often the reminder scheduler looks for due reminders; 0 turns it off.
  public var schedulerSeconds: Double = 30
  /// The data key; nil: `BEREDSKAP_DATA_KEY`, else the key file in the data folder.
  public var dataKey: DataKey?
  /// How many days a new API token lives (1–3650).
  public var tokenLifetimeDays = TokenRepository.defaultLifetimeDays

  public init(database: DatabaseLocation) { self.database = database }

  public var baseURL: String { publicURL ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)" }

  /// `BEREDSKAP_HOST`, `BEREDSKAP_PORT`, `BEREDSKAP_PUBLIC_URL`, `BEREDSKAP_ENV`, `BEREDSKAP_PLAN`,
  /// `BEREDSKAP_SCHEDULER_SECONDS`, `BEREDSKAP_TRUST_PROXY`, `BEREDSKAP_TOKEN_DAYS`.
  public static func from(environment env: [String: String], database: DatabaseLocation) -> ServerConfig {
    var c = ServerConfig(database: database)
    if let h = env["BEREDSKAP_HOST"], !h.isEmpty { c.host = h }
    if let p = env["BEREDSKAP_PORT"].flatMap(Int.init) { c.port = p }
    c.publicURL = env["BEREDSKAP_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
    c.production = env["BEREDSKAP_ENV"] == "production"
    c.planPath = env["BEREDSKAP_PLAN"].flatMap { $0.isEmpty ? nil : $0 }
    c.trustProxy = env["BEREDSKAP_TRUST_PROXY"] == "1"
    if let s = env["BEREDSKAP_SCHEDULER_SECONDS"].flatMap(Double.init), s >= 0 { c.schedulerSeconds = s }
    c.tokenLifetimeDays = tokenLifetimeDays(environment: env)
    return c
  }

  /// `BEREDSKAP_TOKEN_DAYS`, also read by `beredskap token create`; out of range or not a number: the default.
  public static func tokenLifetimeDays(environment env: [String: String]) -> Int {
    guard let days = env["BEREDSKAP_TOKEN_DAYS"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
      (1...3650).contains(days)
    else { return TokenRepository.defaultLifetimeDays }
    return days
  }
}
