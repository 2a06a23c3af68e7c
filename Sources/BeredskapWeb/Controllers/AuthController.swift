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
    /// No admin exists yet: the page says where the setup link is…
    var noAdmin = false
    /// …and shows the form only if someone could use it.
    var showForm = true
  }

  /// Where to go after signing in: a same-site path, never the sign-in page itself.
  static func safeNext(_ s: String?) -> String {
    let path = RedirectTarget.sameSite(s)
    return path.hasPrefix("/login") ? "/" : path
  }

  @Sendable static func loginPage(req: Request) async throws -> Response {
    if req.currentUser != nil { return req.redirect(to: "/") }
    let next = safeNext(try? req.query.get(String.self, at: "next"))
    let noAdmin = try await !req.users.adminExists()
    var showForm = true
    if noAdmin { showForm = try await req.users.anyoneCanSignIn() }
    return try await req.page(
      "login", title: req.t("login.title"), LoginForm(next: next, noAdmin: noAdmin, showForm: showForm))
  }

  struct LoginInput: Content {
    var email: String?
    var password: String?
    var next: String?
  }

  static func throttled(_ req: Request, _ template: String, _ body: some Encodable, wait: Int) async throws -> Response
  {
    let r = try await req.page(template, title: req.t("login.title"), body, status: .tooManyRequests)
    r.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
    return r
  }

  static func waitMessage(_ req: Request, _ wait: Int) -> String {
    req.t("login.throttled").replacingOccurrences(of: "{seconds}", with: String(wait))
  }

  @Sendable static func login(req: Request) async throws -> Response {
    let input = try req.content.decode(LoginInput.self)
    let email = UserRepository.normalise(email: input.email ?? "")
    let next = safeNext(input.next)
    let throttle = LoginThrottle(db: req.db)
    // The try is counted before the password is checked, so parallel guesses
    // get no more checks than the limit.
    let reservation = try await throttle.reservePassword(email: email, client: req.clientKey, now: req.now)
    guard reservation.granted else {
      return try await throttled(
        req, "login", LoginForm(email: email, next: next, message: waitMessage(req, reservation.wait)),
        wait: reservation.wait)
    }
    let user = try await req.users.find(email: email)
    var ok = false
    if let user, !user.disabled, let hash = user.passwordHash {
      ok = try await req.password.async.verify(input.password ?? "", created: hash)
    } else {
      // The same work either way, so timing does not reveal which addresses exist.
      _ = try? await req.password.async.verify(input.password ?? "", created: AuthController.dummyHash)
    }
    guard ok, let user, let userID = user.id else {
      try await AuditLog.record(
        on: req.db, actor: Actor(id: user?.id.map { "user:\($0)" } ?? "anonymous", name: ""),
        action: .loginFailed, subject: user?.id.map { "user:\($0)" } ?? "user:unknown", now: req.now)
      return try await req.page(
        "login", title: req.t("login.title"), LoginForm(email: email, next: next, message: req.t("login.failed")),
        status: .unauthorized)
    }
    try await throttle.passwordSucceeded(email: email, client: req.clientKey)
    if user.totpEnabled {
      let query = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
      return try await startSession(req, user: user, pending: true, to: "/login/2fa?next=" + query)
    }
    try await AuditLog.record(
      on: req.db, actor: Actor(id: "user:\(userID)", name: user.name), action: .loginSucceeded,
      subject: "user:\(userID)", now: req.now)
    return try await startSession(req, user: user, pending: false, to: next)
  }

  /// A real bcrypt hash of nothing anyone knows, computed once.
  static let dummyHash: String = (try? Bcrypt.hash(Secrets.randomToken())) ?? ""

  static func startSession(_ req: Request, user: UserRecord, pending: Bool, to path: String) async throws -> Response {
    let sessions = SessionRepository(db: req.db)
    if let old = req.browserSession { try await sessions.end(old) }
    let (token, _) = try await sessions.start(userID: user.id, pendingSecondFactor: pending, now: req.now)
    let r = req.redirect(to: RedirectTarget.sameSite(path))
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
    // Codes have a limit of their own that the password step does not clear.
    let throttle = LoginThrottle(db: req.db)
    let reservation = try await throttle.reserveSecondFactor(userID: userID, now: req.now)
    guard reservation.granted else {
      return try await throttled(
        req, "login-2fa", CodeForm(next: next, message: waitMessage(req, reservation.wait)), wait: reservation.wait)
    }
    let code = (input.code ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    if try await TwoFactor.signIn(code: code, for: user, on: req) {
      try await throttle.secondFactorSucceeded(userID: userID)
      return try await startSession(req, user: user, pending: false, to: next)
    }
    return try await req.page(
      "login-2fa", title: req.t("login.second_factor_title"), CodeForm(next: next, message: req.t("login.code_wrong")),
      status: .unauthorized)
  }

  @Sendable static func logout(req: Request) async throws -> Response {
    if let s = req.browserSession {
      if let u = req.currentUser {
        try await AuditLog.record(on: req.db, actor: u.actor, action: .logout, subject: "user:\(u.id)", now: req.now)
      }
      try await SessionRepository(db: req.db).end(s)
    }
    let r = req.redirect(to: "/login")
    r.cookies[BrowserSessionMiddleware.cookie] = .expired
    return r
  }
}

/// TOTP codes and one-time recovery codes. Each TOTP time step and each
/// recovery code gives one sign-in, decided by the database.
enum TwoFactor {
  static func signIn(code: String, for user: UserRecord, on req: Request) async throws -> Bool {
    guard user.totpEnabled, let id = user.id, let secret = user.totpSecret.flatMap(Base32.decode) else {
      return false
    }
    let actor = Actor(id: "user:\(id)", name: user.name)
    if code.count == 6, code.allSatisfy(\.isNumber) {
      guard let step = TOTP(secret: secret).matchingStep(code, at: req.now) else { return false }
      return try await req.users.useTOTPStep(id, step: step, actor: actor, now: req.now)
    }
    guard code.count <= 64 else { return false }
    return try await req.users.useRecoveryCode(id, hash: Secrets.sha256Hex(code), actor: actor, now: req.now)
  }
}
