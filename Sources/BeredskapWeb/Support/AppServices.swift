import BeredskapCore
import BeredskapStore
import Fluent
import Vapor

/// What the routes share: the plan, the clock and the configuration.
struct AppServices: Sendable {
  var config: ServerConfig
  var plan: Plan
  var now: @Sendable () -> Date
  /// Signs the anonymous form cookie (kept in the database so every instance shares it).
  var formKey = ""
}

struct AppServicesKey: StorageKey { typealias Value = AppServices }

extension Application {
  var services: AppServices {
    get { storage[AppServicesKey.self]! }
    set { storage[AppServicesKey.self] = newValue }
  }
}

/// The signed-in person, as the routes see them.
struct CurrentUser: Sendable {
  var id: UUID
  var email: String
  var name: String
  var role: Role
  var totpEnabled: Bool
  var viaToken: UUID?

  init(_ r: UserRecord, viaToken: UUID? = nil) {
    id = r.id!
    email = r.email
    name = r.name
    role = Role(rawValue: r.role) ?? .viewer
    totpEnabled = r.totpEnabled
    self.viaToken = viaToken
  }

  var actor: Actor {
    Actor(id: viaToken.map { "token:\($0)" } ?? "user:\(id)", name: name)
  }
}

struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }
struct SessionKey: StorageKey { typealias Value = BrowserSessionRecord }
struct LanguageKey: StorageKey { typealias Value = Language }
struct FormTokenKey: StorageKey { typealias Value = String }

extension Request {
  var now: Date { application.services.now() }
  var plan: Plan { application.services.plan }
  var currentUser: CurrentUser? {
    get { storage[CurrentUserKey.self] }
    set { storage[CurrentUserKey.self] = newValue }
  }
  var browserSession: BrowserSessionRecord? {
    get { storage[SessionKey.self] }
    set { storage[SessionKey.self] = newValue }
  }
  /// The CSRF token of a visitor without a session, from a valid signed form cookie.
  var formToken: String? {
    get { storage[FormTokenKey.self] }
    set { storage[FormTokenKey.self] = newValue }
  }
  var language: Language {
    get { storage[LanguageKey.self] ?? .nb }
    set { storage[LanguageKey.self] = newValue }
  }
  var incidents: IncidentRepository { IncidentRepository(db: db) }
  var users: UserRepository { UserRepository(db: db) }

  func requireUser() throws -> CurrentUser {
    guard let u = currentUser else { throw Abort(.unauthorized) }
    return u
  }

  func t(_ key: String) -> String { Strings.text(key, language) }

  /// The client address for throttling. `X-Forwarded-For` is believed only
  /// behind a proxy the operator names (`BEREDSKAP_TRUST_PROXY=1`); otherwise
  /// anyone could send a new address with every guess. Behind the proxy only
  /// the right-most entry is the proxy's own: everything left of it, and any
  /// earlier header line, came from the client.
  var clientKey: String {
    if application.services.config.trustProxy,
      let line = headers["X-Forwarded-For"].last,
      let last = line.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
    {
      return last
    }
    return remoteAddress?.ipAddress ?? "unknown"
  }
}
