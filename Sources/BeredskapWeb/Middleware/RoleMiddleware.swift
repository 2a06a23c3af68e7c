import BeredskapStore
import Vapor

/// The role rules of contracts.md: no user is 401 (or the sign-in page), a
/// role too low is 403.
struct RoleMiddleware: AsyncMiddleware {
  let minimum: Role
  let api: Bool

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard let user = request.currentUser else {
      if api { throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"]) }
      let back = request.url.path
      let query =
        back == "/" ? "" : "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
      return request.redirect(to: "/login" + query)
    }
    guard user.role >= minimum else { throw Abort(.forbidden) }
    if api, user.viaToken != nil, !user.totpEnabled,
      try await SettingsRepository(db: request.db).bool(SettingsRepository.requireTwoFactor)
    {
      // "Require two-factor" holds for tokens too: a password alone made them.
      throw APIProblem(
        status: .forbidden, title: "Two-factor required",
        detail: "Your organisation requires two-factor sign-in. Turn it on under «Min konto» before using the API.")
    }
    if !api, request.browserSession != nil, !user.totpEnabled, !request.url.path.hasPrefix("/account"),
      try await SettingsRepository(db: request.db).bool(SettingsRepository.requireTwoFactor)
    {
      return request.redirect(to: "/account?required=2fa")
    }
    return try await next.respond(to: request)
  }
}

/// `Authorization: Bearer <token>` for the API: a live token (not revoked,
/// not expired, its user not disabled); notes when it was last used.
struct BearerAuthMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let tokens = TokenRepository(db: request.db)
    if let bearer = request.headers.bearerAuthorization,
      let (user, token) = try await tokens.user(for: bearer.token, now: request.now)
    {
      try await tokens.touch(token, now: request.now)
      request.currentUser = CurrentUser(user, viaToken: token.id)
    }
    return try await next.respond(to: request)
  }
}
