import BeredskapCore
import BeredskapStore
import Vapor

/// Reads the session cookie (or, before sign-in, the signed form cookie) and
/// the language choice for every page request.
struct BrowserSessionMiddleware: AsyncMiddleware {
  static let cookie = "beredskap_session"
  static let languageCookie = "beredskap_lang"

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let token = request.cookies[Self.cookie]?.string,
      let session = try await SessionRepository(db: request.db).find(token: token, now: request.now)
    {
      request.browserSession = session
      if !session.pendingSecondFactor, let userID = session.$user.id,
        let user = try await request.users.find(id: userID), !user.disabled
      {
        request.currentUser = CurrentUser(user)
        request.language = Language(code: user.language)
      }
    }
    if request.browserSession == nil, let form = request.cookies[FormCookie.name]?.string {
      request.formToken = FormCookie.verify(form, key: request.application.services.formKey, now: request.now)
    }
    if let lang = request.cookies[Self.languageCookie]?.string { request.language = Language(code: lang) }
    return try await next.respond(to: request)
  }

  /// The cookie that carries a session: HttpOnly, SameSite=Strict, Secure over TLS.
  static func sessionCookie(_ token: String, secure: Bool) -> HTTPCookies.Value {
    HTTPCookies.Value(
      string: token, expires: nil, maxAge: Int(SessionRepository.lifetime), domain: nil, path: "/",
      isSecure: secure, isHTTPOnly: true, sameSite: .strict)
  }
}
