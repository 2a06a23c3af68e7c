import BeredskapCore
import BeredskapStore
import Vapor

/// Account operations the CLI needs, here because bcrypt comes with Vapor.
/// The CLI calls these without importing Vapor (its option names clash).
public enum Accounts {
  public enum Failure: Error, CustomStringConvertible {
    case invalid(String)
    case notFound(String)
    public var description: String {
      switch self {
      case .invalid(let s), .notFound(let s): s
      }
    }
  }

  public static func addUser(
    store: StoreRuntime, email: String, name: String, role: String, password: String, now: Date
  ) async throws {
    let email = UserRepository.normalise(email: email)
    guard AccountRules.isEmail(email) else { throw Failure.invalid("--email: not an e-mail address") }
    guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw Failure.invalid("--name: may not be empty") }
    guard let role = Role(rawValue: role) else { throw Failure.invalid("--role: must be admin, responder or viewer") }
    guard password.count >= AccountRules.minimumPassword else {
      throw Failure.invalid("password: must have at least \(AccountRules.minimumPassword) characters")
    }
    let repo = UserRepository(db: store.db)
    if try await repo.find(email: email) != nil {
      throw Failure.invalid("--email: a user with that e-mail address already exists")
    }
    let hash = try Bcrypt.hash(password)
    _ = try await repo.create(email: email, name: name, role: role, passwordHash: hash, actor: .cli, now: now)
  }

  /// A new token for the user, living `lifetimeDays` (default: `BEREDSKAP_TOKEN_DAYS`, else 90).
  public static func createToken(
    store: StoreRuntime, email: String, name: String, lifetimeDays: Int? = nil, now: Date
  ) async throws -> String {
    guard let user = try await UserRepository(db: store.db).find(email: email), !user.disabled, let id = user.id else {
      throw Failure.notFound("--email: no active user with that e-mail address")
    }
    // The same rule as on «Min konto»: under «two-factor for everyone» a
    // token of a user without it would only be refused when used.
    if try await SettingsRepository(db: store.db).bool(SettingsRepository.requireTwoFactor), !user.totpEnabled {
      throw Failure.invalid(
        "--email: every user must have two-factor sign-in (an admin setting), and this user has not turned it on")
    }
    let days = lifetimeDays ?? ServerConfig.tokenLifetimeDays(environment: ProcessInfo.processInfo.environment)
    return try await TokenRepository(db: store.db).create(
      userID: id, name: name, lifetimeDays: days, actor: .cli, now: now)
  }
}
