import BeredskapCore
import BeredskapStore
import Vapor

/// A person's own account: password, two-factor, API tokens.
enum AccountController {
  static func register(viewer: any RoutesBuilder, viewerForms: any RoutesBuilder) {
    viewer.get("account", use: show)
    viewerForms.post("account", "password", use: changePassword)
    viewerForms.post("account", "2fa", "start", use: startTwoFactor)
    viewerForms.post("account", "2fa", "enable", use: enableTwoFactor)
    viewerForms.post("account", "tokens", use: createToken)
    viewerForms.post("account", "tokens", ":id", "revoke", use: revokeToken)
  }

  struct TokenItem: Encodable {
    var id: String
    var name: String
    var createdAt: String
  }

  struct Body: Encodable {
    var email: String
    var twoFactorOn: Bool
    var twoFactorRequired: Bool
    var setupKey: String?
    var setupURI: String?
    var recoveryCodes: [String]?
    var tokens: [TokenItem]
    var newToken: String?
  }

  static func body(_ req: Request, setupKey: String? = nil, recovery: [String]? = nil, newToken: String? = nil)
    async throws -> Body
  {
    let user = try req.requireUser()
    let record = try await req.users.find(id: user.id)
    let tokens = try await TokenRepository(db: req.db).list(userID: user.id).map {
      TokenItem(id: $0.id!.uuidString, name: $0.name, createdAt: Timestamp.oslo($0.createdAt, language: req.language))
    }
    let required = try await SettingsRepository(db: req.db).bool(SettingsRepository.requireTwoFactor)
    return Body(
      email: user.email, twoFactorOn: record?.totpEnabled ?? false,
      twoFactorRequired: required && !(record?.totpEnabled ?? false),
      setupKey: setupKey,
      setupURI: setupKey.flatMap { Base32.decode($0) }.map {
        TOTP(secret: $0).provisioningURI(account: user.email)
      }, recoveryCodes: recovery, tokens: tokens, newToken: newToken)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await req.page("account", title: req.t("account.title"), try await body(req))
  }

  struct PasswordInput: Content {
    var current_password: String?
    var password: String?
    var password_confirm: String?
  }

  @Sendable static func changePassword(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let input = try req.content.decode(PasswordInput.self)
    guard let record = try await req.users.find(id: user.id) else { throw Abort(.unauthorized) }
    var errors = FieldErrors()
    let currentOK = try await req.password.async.verify(
      input.current_password ?? "", created: record.passwordHash ?? "")
    if !currentOK { errors.add("current_password", "error.password.wrong") }
    let password = input.password ?? ""
    if password.count < AccountRules.minimumPassword { errors.add("password", "error.password.short") }
    if password != (input.password_confirm ?? "") { errors.add("password_confirm", "error.password.mismatch") }
    guard errors.isEmpty else {
      return try await req.page(
        "account", title: req.t("account.title"), try await body(req), errors: errors, status: .unprocessableEntity)
    }
    let hash = try await req.password.async.hash(password)
    try await req.users.update(
      user.id, action: "user.password_change", actor: user.actor, now: req.now, fields: ["password": "<changed>"]
    ) {
      $0.passwordHash = hash
    }
    try await SessionRepository(db: req.db).endAll(userID: user.id)
    return try await AuthController.startSession(req, user: record, pending: false, to: "/account").flashing(
      req, req.t("account.password_changed"))
  }

  /// Shows a new secret; it is saved, but two-factor is on only after a correct code.
  @Sendable static func startTwoFactor(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let key = Base32.encode(TOTP.randomSecret())
    try await req.users.update(user.id, action: "user.totp_start", actor: user.actor, now: req.now, fields: [:]) {
      if !$0.totpEnabled { $0.totpSecret = key }
    }
    return try await req.page("account", title: req.t("account.title"), try await body(req, setupKey: key))
  }

  struct CodeInput: Content {
    var code: String?
    var key: String?
  }

  @Sendable static func enableTwoFactor(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let input = try req.content.decode(CodeInput.self)
    guard let record = try await req.users.find(id: user.id), let key = record.totpSecret,
      let secret = Base32.decode(key)
    else { return req.redirect(to: "/account") }
    guard TOTP(secret: secret).validate(input.code ?? "", at: req.now) else {
      var errors = FieldErrors()
      errors.add("code", "login.code_wrong")
      return try await req.page(
        "account", title: req.t("account.title"), try await body(req, setupKey: key), errors: errors,
        status: .unprocessableEntity)
    }
    let codes = (0..<10).map { _ in Secrets.recoveryCode() }
    let hashes = codes.map(Secrets.sha256Hex).joined(separator: ",")
    try await req.users.update(
      user.id, action: "user.totp_enable", actor: user.actor, now: req.now, fields: ["totp": "on"]
    ) {
      $0.totpEnabled = true
      $0.recoveryCodes = hashes
    }
    return try await req.page(
      "account", title: req.t("account.title"), try await body(req, recovery: codes),
      flash: req.t("account.two_factor_on"))
  }

  struct TokenInput: Content { var name: String? }

  @Sendable static func createToken(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let name = (try req.content.decode(TokenInput.self).name ?? "").trimmingCharacters(in: .whitespaces)
    let token = try await TokenRepository(db: req.db).create(
      userID: user.id, name: name.isEmpty ? "API" : String(name.prefix(100)), actor: user.actor, now: req.now)
    return try await req.page("account", title: req.t("account.title"), try await body(req, newToken: token))
  }

  @Sendable static func revokeToken(req: Request) async throws -> Response {
    let user = try req.requireUser()
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
    try await TokenRepository(db: req.db).revoke(id, userID: user.id, actor: user.actor, now: req.now)
    return req.redirect(to: "/account")
  }
}

extension Response {
  /// Carries a message to the next page: text only, never personal data.
  func flashing(_ req: Request, _ message: String) -> Response {
    cookies[Request.flashCookie] = HTTPCookies.Value(
      string: message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "", maxAge: 60, path: "/",
      isSecure: req.application.services.config.secureCookies, isHTTPOnly: true, sameSite: .strict)
    return self
  }
}
