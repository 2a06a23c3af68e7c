import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// What a browser without a session sends back after opening a form page:
/// the signed form cookie and the page's CSRF token.
struct AnonymousForm {
  var headers: HTTPHeaders
  var csrf: String

  /// A url-encoded body with the CSRF token.
  func body(_ fields: [(String, String)]) -> ByteBuffer {
    let all = [("_csrf", csrf)] + fields
    return ByteBuffer(
      string: all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        .joined(separator: "&"))
  }

  /// The same form, sent as if through a proxy that appended these `X-Forwarded-For` lines.
  func forwarded(_ lines: [String]) -> AnonymousForm {
    var copy = self
    for line in lines { copy.headers.add(name: "X-Forwarded-For", value: line) }
    return copy
  }
}

func anonymousForm(_ h: WebHarness, _ path: String = "/login") async throws -> AnonymousForm {
  let page = try await h.app.testing().sendRequest(.GET, path)
  let cookie = try #require(page.headers.setCookie?[FormCookie.name]?.string)
  let csrf = String(try #require(page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1)
  var headers = HTTPHeaders()
  headers.replaceOrAdd(name: .cookie, value: "\(FormCookie.name)=\(cookie)")
  headers.contentType = .urlEncodedForm
  return AnonymousForm(headers: headers, csrf: csrf)
}

/// Signs in with a password through the real form; `form` lets a test reuse one page (or set proxy headers).
func postLogin(_ h: WebHarness, _ email: String, _ password: String, next: String? = nil, form: AnonymousForm? = nil)
  async throws -> TestingHTTPResponse
{
  let f: AnonymousForm
  if let form { f = form } else { f = try await anonymousForm(h) }
  var fields = [("email", email), ("password", password)]
  if let next { fields.append(("next", next)) }
  return try await h.app.testing().sendRequest(.POST, "/login", headers: f.headers, body: f.body(fields))
}

/// The headers of a browser holding this session cookie.
func sessionHeaders(_ cookie: String, form: Bool = false) -> HTTPHeaders {
  var headers = HTTPHeaders()
  headers.replaceOrAdd(name: .cookie, value: "\(BrowserSessionMiddleware.cookie)=\(cookie)")
  if form { headers.contentType = .urlEncodedForm }
  return headers
}
