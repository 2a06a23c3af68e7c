import BeredskapCore
import BeredskapStore
import Vapor

/// Admin pages: users, settings, the audit trail.
enum AdminController {
  static func register(admin: any RoutesBuilder, adminForms: any RoutesBuilder) {
    admin.get("admin", "users", use: users)
    adminForms.post("admin", "users", use: addUser)
    adminForms.post("admin", "users", ":id", "role", use: changeRole)
    adminForms.post("admin", "users", ":id", "disable", use: toggleDisabled)
    admin.get("admin", "settings", use: settings)
    adminForms.post("admin", "settings", use: saveSettings)
    AuditPageController.register(admin: admin, adminForms: adminForms)
    admin.get("admin", "tokens", use: tokens)
    adminForms.post("admin", "tokens", ":id", "revoke", use: revokeToken)
  }

  struct UserItem: Encodable {
    var id: String
    var name: String
    var email: String
    var role: String
    var roleName: String
    var twoFactor: Bool
    var disabled: Bool
    var isSelf: Bool
  }

  struct UsersBody: Encodable {
    var users: [UserItem]
    var roles: [Choice]
    var name: String
    var email: String
  }

  static func usersBody(_ req: Request, name: String = "", email: String = "", role: String = "responder") async throws
    -> UsersBody
  {
    let me = try req.requireUser()
    let items = try await req.users.all().map {
      UserItem(
        id: $0.id!.uuidString, name: $0.name, email: $0.email, role: $0.role, roleName: req.t("role.\($0.role)"),
        twoFactor: $0.totpEnabled, disabled: $0.disabled, isSelf: $0.id == me.id)
    }
    let roles = Role.allCases.reversed().map {
      Choice(
        value: $0.rawValue, label: req.t("role.\($0.rawValue)"), hint: req.t("role.\($0.rawValue)_hint"),
        selected: $0.rawValue == role)
    }
    return UsersBody(users: items, roles: roles, name: name, email: email)
  }

  @Sendable static func users(req: Request) async throws -> Response {
    try await req.page("users", title: req.t("users.title"), try await usersBody(req))
  }

  struct UserInput: Content {
    var name: String?
    var email: String?
    var role: String?
    var password: String?
  }

  @Sendable static func addUser(req: Request) async throws -> Response {
    let input = try req.content.decode(UserInput.self)
    let name = (input.name ?? "").trimmingCharacters(in: .whitespaces)
    let email = UserRepository.normalise(email: input.email ?? "")
    var errors = FieldErrors()
    if name.isEmpty { errors.add("name", "error.name.required") }
    if !AccountRules.isEmail(email) {
      errors.add("email", "error.email.invalid")
    } else if try await req.users.find(email: email) != nil {
      errors.add("email", "error.email.taken")
    }
    let role = Role(rawValue: input.role ?? "")
    if role == nil { errors.add("role", "error.role.invalid") }
    if (input.password ?? "").count < AccountRules.minimumPassword { errors.add("password", "error.password.short") }
    guard errors.isEmpty, let role else {
      return try await req.page(
        "users", title: req.t("users.title"),
        try await usersBody(req, name: name, email: email, role: input.role ?? ""),
        errors: errors, status: .unprocessableEntity)
    }
    let hash = try await req.password.async.hash(input.password ?? "")
    _ = try await req.users.create(
      email: email, name: name, role: role, passwordHash: hash, actor: try req.requireUser().actor, now: req.now)
    return req.redirect(to: "/admin/users", flash: req.t("users.added"))
  }

  struct RoleInput: Content { var role: String? }

  @Sendable static func changeRole(req: Request) async throws -> Response {
    let me = try req.requireUser()
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), id != me.id,
      let role = Role(rawValue: try req.content.decode(RoleInput.self).role ?? "")
    else { throw Abort(.badRequest) }
    try await req.users.update(
      id, action: .userRoleChange, actor: me.actor, now: req.now, fields: ["role": role.rawValue]
    ) {
      $0.role = role.rawValue
    }
    return req.redirect(to: "/admin/users", flash: req.t("settings.saved"))
  }

  @Sendable static func toggleDisabled(req: Request) async throws -> Response {
    let me = try req.requireUser()
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), id != me.id,
      let user = try await req.users.find(id: id)
    else { throw Abort(.badRequest) }
    let disable = !user.disabled
    // Disabling ends the person's sessions and API tokens in the same transaction.
    try await req.users.update(
      id, action: disable ? .userDisable : .userEnable, actor: me.actor, now: req.now, fields: [:],
      endingCredentials: disable
    ) { $0.disabled = disable }
    return req.redirect(to: "/admin/users", flash: req.t("settings.saved"))
  }

  struct SettingsBody: Encodable { var requireTwoFactor: Bool }

  @Sendable static func settings(req: Request) async throws -> Response {
    let on = try await SettingsRepository(db: req.db).bool(SettingsRepository.requireTwoFactor)
    return try await req.page("settings", title: req.t("settings.title"), SettingsBody(requireTwoFactor: on))
  }

  struct SettingsInput: Content { var require_two_factor: String? }

  @Sendable static func saveSettings(req: Request) async throws -> Response {
    let on = try req.content.decode(SettingsInput.self).require_two_factor == "on"
    try await SettingsRepository(db: req.db).set(
      SettingsRepository.requireTwoFactor, on, actor: try req.requireUser().actor, now: req.now)
    return req.redirect(to: "/admin/settings", flash: req.t("settings.saved"))
  }

  struct TokenItem: Encodable {
    var id: String
    var owner: String
    var name: String
    var createdAt: String
    var expiresAt: String
    var lastUsedAt: String
  }

  struct TokensBody: Encodable { var tokens: [TokenItem] }

  /// Every live API token with its owner, for an admin to revoke.
  @Sendable static func tokens(req: Request) async throws -> Response {
    let items = try await TokenRepository(db: req.db).listAll(now: req.now).map {
      TokenItem(
        id: $0.id?.uuidString ?? "", owner: $0.user.name, name: $0.name,
        createdAt: Timestamp.oslo($0.createdAt, language: req.language),
        expiresAt: Timestamp.oslo(TokenRepository.expiry(of: $0), language: req.language),
        lastUsedAt: $0.lastUsedAt.map { Timestamp.oslo($0, language: req.language) } ?? "–")
    }
    return try await req.page("tokens", title: req.t("tokens.title"), TokensBody(tokens: items))
  }

  @Sendable static func revokeToken(req: Request) async throws -> Response {
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
    try await TokenRepository(db: req.db).revoke(id, userID: nil, actor: try req.requireUser().actor, now: req.now)
    return req.redirect(to: "/admin/tokens", flash: req.t("tokens.revoked"))
  }
}
