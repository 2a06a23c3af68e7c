import Fluent
import SQLKit
import Vapor

/// `GET /health`: 200 with `db: true`, or 503 with `db: false` when the
/// database cannot be reached. Answers fast even then.
enum HealthController {
  static func register(_ app: Application) {
    app.get("health", use: health)
  }

  struct Health: Content {
    var status: String
    var db: Bool
  }

  @Sendable static func health(req: Request) async throws -> Response {
    let ok: Bool
    do {
      ok = try await withTimeout(seconds: 3) {
        try await (req.db as! any SQLDatabase).raw("SELECT 1 AS one").run()
      }
    } catch {
      ok = false
    }
    let body = Health(status: ok ? "ok" : "unavailable", db: ok)
    let response = try await body.encodeResponse(status: ok ? .ok : .serviceUnavailable, for: req)
    return response
  }

  static func withTimeout(seconds: Double, _ work: @escaping @Sendable () async throws -> Void) async throws -> Bool {
    try await withThrowingTaskGroup(of: Bool.self) { group in
      group.addTask {
        try await work()
        return true
      }
      group.addTask {
        try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        return false
      }
      let first = try await group.next() ?? false
      group.cancelAll()
      return first
    }
  }
}

enum LanguageController {
  /// `GET /lang/en?back=/incidents`: remembers the choice in a cookie.
  @Sendable static func change(req: Request) async throws -> Response {
    let code = req.parameters.get("code") == "en" ? "en" : "nb"
    let back = RedirectTarget.sameSite(try? req.query.get(String.self, at: "back"))
    let response = req.redirect(to: back)
    response.cookies[BrowserSessionMiddleware.languageCookie] = HTTPCookies.Value(
      string: code, maxAge: 365 * 24 * 3600, path: "/", isSecure: req.application.services.config.secureCookies,
      isHTTPOnly: true, sameSite: .lax)
    return response
  }
}
