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
    if !api, request.browserSession != nil, !user.totpEnabled, !request.url.path.hasPrefix("/account"),
      try await SettingsRepository(db: request.db).bool(SettingsRepository.requireTwoFactor)
    {
      return request.redirect(to: "/account?required=2fa")
    }
    return try await next.respond(to: request)
  }
}

/// `Authorization: Bearer <token>` for the API.
struct BearerAuthMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let bearer = request.headers.bearerAuthorization,
      let (user, token) = try await TokenRepository(db: request.db).user(for: bearer.token)
    {
      request.currentUser = CurrentUser(user, viaToken: token.id)
    }
    return try await next.respond(to: request)
  }
}
