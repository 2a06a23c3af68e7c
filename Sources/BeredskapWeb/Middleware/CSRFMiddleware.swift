import BeredskapCore
import Vapor

/// Every form post must carry the session's token in `_csrf` (before sign-in:
/// the signed form cookie's). SameSite=Strict cookies already stop most
/// forgery; this covers old browsers and subdomains.
struct CSRFMiddleware: AsyncMiddleware {
  /// A larger body than the default, for a route that takes file uploads.
  var maxBody: ByteCount? = nil

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard request.method == .POST else { return try await next.respond(to: request) }
    // A body that has not all arrived yet must be collected first, or a long
    // form (a summary, a note) would lose its token and be refused.
    if request.body.data == nil {
      _ = try await request.body.collect(max: maxBody?.value ?? request.application.routes.defaultMaxBodySize.value)
        .get()
    }
    let sent = (try? request.content.get(String.self, at: "_csrf")) ?? ""
    guard let expected = request.browserSession?.csrfToken ?? request.formToken, !sent.isEmpty,
      Secrets.equal(sent, expected)
    else {
      throw WebError.csrf
    }
    return try await next.respond(to: request)
  }
}

enum WebError: Error {
  case csrf
}
