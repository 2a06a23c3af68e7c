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
    var expiresAt: String
    var lastUsedAt: String?
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
    /// The policy requires two-factor and this person has none: no new tokens.
    var tokensBlocked: Bool
    var tokenName: String
    var tokenLifetime: String
  }

  static func body(
    _ req: Request, setupKey: String? = nil, recovery: [String]? = nil, newToken: String? = nil, tokenName: String = ""
  ) async throws -> Body {
    let user = try req.requireUser()
    let record = try await req.users.find(id: user.id)
    let tokens = try await TokenRepository(db: req.db).list(userID: user.id, now: req.now).map {
      TokenItem(
        id: $0.id?.uuidString ?? "", name: $0.name, createdAt: Timestamp.oslo($0.createdAt, language: req.language),
        expiresAt: Timestamp.oslo(TokenRepository.expiry(of: $0), language: req.language),
        lastUsedAt: $0.lastUsedAt.map { Timestamp.oslo($0, language: req.language) })
    }
    let twoFactorOn = record?.totpEnabled ?? false
    let required = try await SettingsRepository(db: req.db).bool(SettingsRepository.requireTwoFactor)
    return Body(
      email: user.email, twoFactorOn: twoFactorOn, twoFactorRequired: required && !twoFactorOn,
      setupKey: setupKey,
      setupURI: setupKey.flatMap { Base32.decode($0) }.map {
        TOTP(secret: $0).provisioningURI(account: user.email)
      }, recoveryCodes: recovery, tokens: tokens, newToken: newToken, tokensBlocked: required && !twoFactorOn,
      tokenName: tokenName,
      tokenLifetime: req.t("account.token_lifetime").replacingOccurrences(
        of: "{days}", with: String(req.application.services.config.tokenLifetimeDays)))
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try await req.page("account", title: req.t("account.title"), try await body(req))
  }

  /// Asks for the password again before a change that matters (new password,
  /// two-factor, API token), counted by the same throttle as sign-in.
  static func confirmPassword(_ req: Request, _ password: String?, field: String, errors: inout FieldErrors)
    async throws -> Bool
  {
    let user = try req.requireUser()
    guard let record = try await req.users.find(id: user.id), let hash = record.passwordHash else {
      errors.add(field, "error.password.wrong")
      return false
    }
    let throttle = LoginThrottle(db: req.db)
    let reservation = try await throttle.reservePassword(email: record.email, client: req.clientKey, now: req.now)
    guard reservation.granted else {
      errors.add(field, "error.password.throttled")
      return false
    }
    guard try await req.password.async.verify(password ?? "", created: hash) else {
      errors.add(field, "error.password.wrong")
      return false
    }
    try await throttle.passwordSucceeded(email: record.email, client: req.clientKey)
    return true
  }

  /// After a change that ended every session: a fresh one for this browser.
  static func renewSession(_ req: Request, userID: UUID) async throws -> String {
    let (token, session) = try await SessionRepository(db: req.db).start(
      userID: userID, pendingSecondFactor: false, now: req.now)
    req.browserSession = session
    return token
  }

  static func withSession(_ r: Response, _ req: Request, _ token: String) -> Response {
    r.cookies[BrowserSessionMiddleware.cookie] = BrowserSessionMiddleware.sessionCookie(
      token, secure: req.application.services.config.secureCookies)
    return r
  }

  struct PasswordInput: Content {
    var current_password: String?
    var password: String?
    var password_confirm: String?
  }

  @Sendable static func changePassword(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let input = try req.content.decode(PasswordInput.self)
    var errors = FieldErrors()
    _ = try await confirmPassword(req, input.current_password, field: "current_password", errors: &errors)
    let password = input.password ?? ""
    if password.count < AccountRules.minimumPassword { errors.add("password", "error.password.short") }
    if password != (input.password_confirm ?? "") { errors.add("password_confirm", "error.password.mismatch") }
    guard errors.isEmpty else {
      return try await req.page(
        "account", title: req.t("account.title"), try await body(req), errors: errors, status: .unprocessableEntity)
    }
    let hash = try await req.password.async.hash(password)
    // The new password ends every session and API token, in the same transaction.
    try await req.users.update(
      user.id, action: .userPasswordChange, actor: user.actor, now: req.now, fields: ["password": "<changed>"],
      endingCredentials: true
    ) {
      $0.passwordHash = hash
    }
    let token = try await renewSession(req, userID: user.id)
    return withSession(req.redirect(to: "/account"), req, token).flashing(req, req.t("account.password_changed"))
  }

  /// Shows a new secret; it is saved, but two-factor is on only after a correct code and the password.
  @Sendable static func startTwoFactor(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let key = Base32.encode(TOTP.randomSecret())
    try await req.users.update(user.id, action: .userTOTPStart, actor: user.actor, now: req.now, fields: [:]) {
      if !$0.totpEnabled { $0.totpSecret = key }
    }
    return try await req.page("account", title: req.t("account.title"), try await body(req, setupKey: key))
  }

  struct CodeInput: Content {
    var code: String?
    var totp_password: String?
  }

  @Sendable static func enableTwoFactor(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let input = try req.content.decode(CodeInput.self)
    guard let record = try await req.users.find(id: user.id), !record.totpEnabled, let key = record.totpSecret,
      let secret = Base32.decode(key)
    else { return req.redirect(to: "/account") }
    var errors = FieldErrors()
    let step = TOTP(secret: secret).matchingStep(input.code ?? "", at: req.now)
    if step == nil { errors.add("code", "login.code_wrong") }
    if errors.isEmpty {
      _ = try await confirmPassword(req, input.totp_password, field: "totp_password", errors: &errors)
    }
    guard errors.isEmpty, let step else {
      return try await req.page(
        "account", title: req.t("account.title"), try await body(req, setupKey: key), errors: errors,
        status: .unprocessableEntity)
    }
    let codes = (0..<10).map { _ in Secrets.recoveryCode() }
    let hashes = codes.map(Secrets.sha256Hex).joined(separator: ",")
    // Turning two-factor on ends sessions and tokens made with the password alone.
    try await req.users.update(
      user.id, action: .userTOTPEnable, actor: user.actor, now: req.now, fields: ["totp": "on"],
      endingCredentials: true
    ) {
      $0.totpEnabled = true
      $0.recoveryCodes = hashes
      $0.totpLastStep = step
    }
    let token = try await renewSession(req, userID: user.id)
    req.currentUser?.totpEnabled = true
    let page = try await req.page(
      "account", title: req.t("account.title"), try await body(req, recovery: codes),
      flash: req.t("account.two_factor_on"))
    return withSession(page, req, token)
  }

  struct TokenInput: Content {
    var name: String?
    var token_password: String?
  }

  @Sendable static func createToken(req: Request) async throws -> Response {
    let user = try req.requireUser()
    let input = try req.content.decode(TokenInput.self)
    let name = String((input.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
    var errors = FieldErrors()
    if try await requiresTwoFactor(req, user) {
      errors.add("token_name", "account.token_needs_two_factor")
    } else {
      _ = try await confirmPassword(req, input.token_password, field: "token_password", errors: &errors)
    }
    guard errors.isEmpty else {
      return try await req.page(
        "account", title: req.t("account.title"), try await body(req, tokenName: name), errors: errors,
        status: .unprocessableEntity)
    }
    let token = try await TokenRepository(db: req.db).create(
      userID: user.id, name: name.isEmpty ? "API" : name,
      lifetimeDays: req.application.services.config.tokenLifetimeDays, actor: user.actor, now: req.now)
    return try await req.page("account", title: req.t("account.title"), try await body(req, newToken: token))
  }

  /// The organisation requires two-factor and this person has not turned it on.
  static func requiresTwoFactor(_ req: Request, _ user: CurrentUser) async throws -> Bool {
    guard !user.totpEnabled else { return false }
    return try await SettingsRepository(db: req.db).bool(SettingsRepository.requireTwoFactor)
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
