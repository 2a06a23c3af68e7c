import BeredskapCore
import BeredskapStore
import Fluent
import Vapor

/// The one-time link that lets the first admin choose a password. Its hash
/// is stored, so any instance honours it; it dies when used or when an admin exists.
enum SetupController {
  static let settingKey = "setup_token_hash"

  static func register(pages: any RoutesBuilder, forms: any RoutesBuilder) {
    pages.get("setup", ":token", use: show)
    forms.post("setup", ":token", use: submit)
  }

  /// Issues a fresh link at start-up while no admin exists.
  static func issueLinkIfNeeded(_ app: Application) async throws -> String? {
    guard try await !UserRepository(db: app.db).adminExists() else { return nil }
    let token = Secrets.randomToken()
    let record = try await SettingRecord.find(settingKey, on: app.db) ?? SettingRecord(key: settingKey, value: "")
    record.value = Secrets.sha256Hex(token)
    try await record.save(on: app.db)
    return "\(app.services.config.baseURL)/setup/\(token)"
  }

  static func valid(_ req: Request) async throws -> Bool {
    guard let token = req.parameters.get("token"), try await !req.users.adminExists(),
      let record = try await SettingRecord.find(settingKey, on: req.db), !record.value.isEmpty
    else { return false }
    return Secrets.equal(record.value, Secrets.sha256Hex(token))
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
    if !AccountRules.isEmail(email) { errors.add("email", "error.email.invalid") }
    let password = input.password ?? ""
    if password.count < AccountRules.minimumPassword { errors.add("password", "error.password.short") }
    if password != (input.password_confirm ?? "") { errors.add("password_confirm", "error.password.mismatch") }
    guard errors.isEmpty else {
      return try await req.page(
        "setup", title: req.t("setup.title"), Form(valid: true, name: name, email: email, action: req.url.path),
        errors: errors, status: .unprocessableEntity)
    }
    let hash = try await req.password.async.hash(password)
    let user = try await req.users.create(
      email: email, name: name, role: .admin, passwordHash: hash, actor: .system, now: req.now)
    try await SettingRecord.query(on: req.db).filter(\.$id == settingKey).delete()
    return try await AuthController.signIn(req, user: user, to: "/")
  }
}

enum AccountRules {
  static let minimumPassword = 12

  static func isEmail(_ s: String) -> Bool {
    let parts = s.split(separator: "@")
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(" ") && s.count <= 254
  }
}
