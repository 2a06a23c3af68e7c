import Vapor

/// Headers that keep the pages from being framed, sniffed or scripted inline.
struct SecurityHeadersMiddleware: AsyncMiddleware {
  static let csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    var response = try await next.respond(to: request)
    if let name = Self.unsafeHeader(in: response.headers) {
      // A header value with a line break would let input write headers of its own.
      request.logger.error("refused a response header with a control character: \(name)")
      response = Response(status: .internalServerError, body: .init(string: request.t("error.server")))
    }
    let h = response.headers
    if !h.contains(name: "Content-Security-Policy") {
      response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.csp)
    }
    response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    response.headers.replaceOrAdd(name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()")
    // Pages are private unless the route chose otherwise (the public status page).
    if !request.url.path.hasPrefix("/assets/"), !h.contains(name: .cacheControl) {
      response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    }
    return response
  }

  /// The name of the first header whose value holds CR, LF or another control character.
  static func unsafeHeader(in headers: HTTPHeaders) -> String? {
    headers.first { _, value in
      value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7f }
    }?.name
  }
}
