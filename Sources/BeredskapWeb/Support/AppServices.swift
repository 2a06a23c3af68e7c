import BeredskapCore
import BeredskapStore
import Fluent
import Vapor

/// What the routes share: the plan, the clock and the configuration.
struct AppServices: Sendable {
  var config: ServerConfig
  var plan: Plan
  var now: @Sendable () -> Date
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
  /// anyone could send a new address with every guess.
  var clientKey: String {
    if application.services.config.trustProxy,
      let last = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last
    {
      return last.trimmingCharacters(in: .whitespaces)  // the hop our own proxy added
    }
    return remoteAddress?.ipAddress ?? "unknown"
  }
}
