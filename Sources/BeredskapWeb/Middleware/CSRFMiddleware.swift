import BeredskapCore
import Vapor

/// Every form post must carry the session's token in `_csrf`. SameSite=Strict
/// cookies already stop most forgery; this covers old browsers and subdomains.
struct CSRFMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard request.method == .POST else { return try await next.respond(to: request) }
    let sent = (try? request.content.get(String.self, at: "_csrf")) ?? ""
    guard let session = request.browserSession, !sent.isEmpty, Secrets.equal(sent, session.csrfToken) else {
      throw WebError.csrf
    }
    return try await next.respond(to: request)
  }
}

enum WebError: Error {
  case csrf
}
