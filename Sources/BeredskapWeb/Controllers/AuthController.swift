import BeredskapCore
import BeredskapStore
import Fluent
import Vapor

/// Sign-in with password, throttled; then the second factor if the person
/// has one; sign-out.
enum AuthController {
  static func register(pages: any RoutesBuilder, forms: any RoutesBuilder) {
    pages.get("login", use: loginPage)
    forms.post("login", use: login)
    pages.get("login", "2fa", use: secondFactorPage)
    forms.post("login", "2fa", use: secondFactor)
    forms.post("logout", use: logout)
  }

  struct LoginForm: Encodable {
    var email = ""
    var next = ""
    var message: String?
  }

  static func safeNext(_ s: String?) -> String {
    guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.hasPrefix("/login") else { return "/" }
    return s
  }

  @Sendable static func loginPage(req: Request) async throws -> Response {
    if req.currentUser != nil { return req.redirect(to: "/") }
    let next = safeNext(try? req.query.get(String.self, at: "next"))
    return try await req.page("login", title: req.t("login.title"), LoginForm(next: next))
  }

  struct LoginInput: Content {
    var email: String?
    var password: String?
    var next: String?
  }

  @Sendable static func login(req: Request) async throws -> Response {
    let input = try req.content.decode(LoginInput.self)
    let email = UserRepository.normalise(email: input.email ?? "")
    let next = safeNext(input.next)
    let throttle = LoginThrottle(db: req.db)
    let wait = try await throttle.wait(email: email, client: req.clientKey, now: req.now)
    if wait > 0 {
      let message = req.t("login.throttled").replacingOccurrences(of: "{seconds}", with: String(wait))
      let r = try await req.page(
        "login", title: req.t("login.title"), LoginForm(email: email, next: next, message: message),
        status: .tooManyRequests)
      r.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
      return r
    }
    let user = try await req.users.find(email: email)
    var ok = false
    if let user, !user.disabled, let hash = user.passwordHash {
      ok = try await req.password.async.verify(input.password ?? "", created: hash)
    } else {
      // The same work either way, so timing does not reveal which addresses exist.
      _ = try? await req.password.async.verify(input.password ?? "", created: AuthController.dummyHash)
    }
    guard ok, let user else {
      try await throttle.failed(email: email, client: req.clientKey, now: req.now)
      try await AuditLog.record(
        on: req.db, actor: Actor(id: user.map { "user:\($0.id!)" } ?? "anonymous", name: ""),
        action: "login.failed", subject: user.map { "user:\($0.id!)" } ?? "user:unknown", now: req.now)
      return try await req.page(
        "login", title: req.t("login.title"), LoginForm(email: email, next: next, message: req.t("login.failed")),
        status: .unauthorized)
    }
    try await throttle.succeeded(email: email)
    if user.totpEnabled {
      return try await startSession(req, user: user, pending: true, to: "/login/2fa?next=" + next)
    }
    return try await signIn(req, user: user, to: next)
  }

  /// A real bcrypt hash of nothing anyone knows, computed once.
  static let dummyHash: String = (try? Bcrypt.hash(Secrets.randomToken())) ?? ""

  /// Replaces any session with a fresh one (no fixation) for this user.
  static func signIn(_ req: Request, user: UserRecord, to path: String) async throws -> Response {
    try await AuditLog.record(
      on: req.db, actor: Actor(id: "user:\(user.id!)", name: user.name), action: "login.succeeded",
      subject: "user:\(user.id!)", now: req.now)
    return try await startSession(req, user: user, pending: false, to: path)
  }

  static func startSession(_ req: Request, user: UserRecord, pending: Bool, to path: String) async throws -> Response {
    let sessions = SessionRepository(db: req.db)
    if let old = req.browserSession { try await sessions.end(old) }
    let (token, _) = try await sessions.start(userID: user.id, pendingSecondFactor: pending, now: req.now)
    let r = req.redirect(to: path)
    r.cookies[BrowserSessionMiddleware.cookie] = BrowserSessionMiddleware.sessionCookie(
      token, secure: req.application.services.config.secureCookies)
    return r
  }

  struct CodeForm: Encodable {
    var next: String
    var message: String?
  }

  @Sendable static func secondFactorPage(req: Request) async throws -> Response {
    guard let s = req.browserSession, s.pendingSecondFactor else { return req.redirect(to: "/login") }
    let next = safeNext(try? req.query.get(String.self, at: "next"))
    return try await req.page("login-2fa", title: req.t("login.second_factor_title"), CodeForm(next: next))
  }

  struct CodeInput: Content {
    var code: String?
    var next: String?
  }

  @Sendable static func secondFactor(req: Request) async throws -> Response {
    guard let s = req.browserSession, s.pendingSecondFactor, let userID = s.$user.id,
      let user = try await req.users.find(id: userID)
    else { return req.redirect(to: "/login") }
    let input = try req.content.decode(CodeInput.self)
    let next = safeNext(input.next)
    let throttle = LoginThrottle(db: req.db)
    let wait = try await throttle.wait(email: user.email, client: req.clientKey, now: req.now)
    let code = (input.code ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    if wait == 0, try await TwoFactor.accept(code: code, for: user, on: req) {
      try await throttle.succeeded(email: user.email)
      return try await signIn(req, user: user, to: next)
    }
    if wait == 0 { try await throttle.failed(email: user.email, client: req.clientKey, now: req.now) }
    let message =
      wait > 0
      ? req.t("login.throttled").replacingOccurrences(of: "{seconds}", with: String(wait)) : req.t("login.code_wrong")
    return try await req.page(
      "login-2fa", title: req.t("login.second_factor_title"), CodeForm(next: next, message: message),
      status: wait > 0 ? .tooManyRequests : .unauthorized)
  }

  @Sendable static func logout(req: Request) async throws -> Response {
    if let s = req.browserSession {
      if let u = req.currentUser {
        try await AuditLog.record(on: req.db, actor: u.actor, action: "logout", subject: "user:\(u.id)", now: req.now)
      }
      try await SessionRepository(db: req.db).end(s)
    }
    let r = req.redirect(to: "/login")
    r.cookies[BrowserSessionMiddleware.cookie] = .expired
    return r
  }
}

/// TOTP codes and one-time recovery codes.
enum TwoFactor {
  static func accept(code: String, for user: UserRecord, on req: Request) async throws -> Bool {
    guard user.totpEnabled, let secret = user.totpSecret.flatMap(Base32.decode) else { return false }
    if code.count == 6, code.allSatisfy(\.isNumber) {
      return TOTP(secret: secret).validate(code, at: req.now)
    }
    let hash = Secrets.sha256Hex(code)
    var codes = user.recoveryCodes.split(separator: ",").map(String.init)
    guard let i = codes.firstIndex(where: { Secrets.equal($0, hash) }) else { return false }
    codes.remove(at: i)
    let remaining = codes.joined(separator: ",")
    try await req.users.update(
      user.id!, action: "user.recovery_code_used", actor: Actor(id: "user:\(user.id!)", name: user.name), now: req.now,
      fields: ["recovery_codes_left": String(codes.count)]
    ) { $0.recoveryCodes = remaining }
    return true
  }
}
