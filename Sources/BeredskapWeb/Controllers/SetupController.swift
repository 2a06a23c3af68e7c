import BeredskapCore
import BeredskapStore
import Fluent
import Vapor

/// The one-time link that lets the first admin choose a password. Its hash
/// is stored, so any instance honours it; it dies when used, after 24 hours,
/// or when an admin exists. Every start without an admin prints a new one.
enum SetupController {
  static func register(pages: any RoutesBuilder, forms: any RoutesBuilder) {
    pages.get("setup", ":token", use: show)
    forms.post("setup", ":token", use: submit)
  }

  /// Issues a fresh link at start-up while no admin exists.
  static func issueLinkIfNeeded(_ app: Application) async throws -> String? {
    guard try await !UserRepository(db: app.db).adminExists() else { return nil }
    let token = Secrets.randomToken()
    try await SetupLinkRepository(db: app.db).issue(token: token, now: app.services.now())
    return "\(app.services.config.baseURL)/setup/\(token)"
  }

  static func valid(_ req: Request) async throws -> Bool {
    guard let token = req.parameters.get("token") else { return false }
    return try await SetupLinkRepository(db: req.db).isValid(token: token, now: req.now)
  }

  struct Form: Encodable {
    var valid: Bool
    var name = ""
    var email = ""
    var action = ""
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let ok = try await valid(req)
    return try await req.page(
      "setup", title: req.t("setup.title"), Form(valid: ok, action: req.url.path), status: ok ? .ok : .notFound)
  }

  struct Input: Content {
    var name: String?
    var email: String?
    var password: String?
    var password_confirm: String?
  }

  @Sendable static func submit(req: Request) async throws -> Response {
    guard try await valid(req) else {
      return try await req.page("setup", title: req.t("setup.title"), Form(valid: false), status: .notFound)
    }
    let input = try req.content.decode(Input.self)
    var errors = FieldErrors()
    let name = (input.name ?? "").trimmingCharacters(in: .whitespaces)
    let email = UserRepository.normalise(email: input.email ?? "")
    if name.isEmpty { errors.add("name", "error.name.required") }
    if !AccountRules.isEmail(email) {
      errors.add("email", "error.email.invalid")
    } else if try await req.users.find(email: email) != nil {
      errors.add("email", "error.email.taken")
    }
    let password = input.password ?? ""
    if password.count < AccountRules.minimumPassword { errors.add("password", "error.password.short") }
    if password != (input.password_confirm ?? "") { errors.add("password_confirm", "error.password.mismatch") }
    guard errors.isEmpty else {
      return try await req.page(
        "setup", title: req.t("setup.title"), Form(valid: true, name: name, email: email, action: req.url.path),
        errors: errors, status: .unprocessableEntity)
    }
    let hash = try await req.password.async.hash(password)
    // Spending the link and creating the admin are one transaction: of many
    // parallel submissions exactly one gets through.
    guard
      let token = req.parameters.get("token"),
      let user = try await SetupLinkRepository(db: req.db).redeem(
        token: token, email: email, name: name, passwordHash: hash, now: req.now),
      let userID = user.id
    else {
      return try await req.page("setup", title: req.t("setup.title"), Form(valid: false), status: .notFound)
    }
    try await AuditLog.record(
      on: req.db, actor: Actor(id: "user:\(userID)", name: user.name), action: .loginSucceeded,
      subject: "user:\(userID)", now: req.now)
    return try await AuthController.startSession(req, user: user, pending: false, to: "/")
  }
}

enum AccountRules {
  static let minimumPassword = 12

  static func isEmail(_ s: String) -> Bool {
    let parts = s.split(separator: "@")
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(" ") && s.count <= 254
  }
}
