import BeredskapCore
import BeredskapStore
import Leaf
import Vapor

/// What every page template receives besides its own content.
struct PageContext<Body: Encodable>: Encodable {
  struct Person: Encodable {
    var name: String
    var role: String
    var isAdmin: Bool
    var canWrite: Bool
  }
  struct ErrorItem: Encodable {
    var field: String
    var message: String
  }

  var t: [String: String]
  var lang: String
  var otherLang: String
  var path: String
  var title: String
  var csrf: String
  var user: Person?
  var flash: String?
  var errors: [ErrorItem]
  /// Field name → message, for the message at the field.
  var fieldErrors: [String: String]
  var body: Body
}

extension Request {
  /// Renders a page with its layout. A visitor without a session gets a signed
  /// form cookie (no database row) so the page's forms can carry a CSRF token.
  func page<Body: Encodable>(
    _ template: String, title: String, _ body: Body, errors: FieldErrors = FieldErrors(), status: HTTPStatus = .ok,
    flash: String? = nil, startSession: Bool = true
  ) async throws -> Response {
    // Error pages never hand out a form cookie: a stray request (a favicon, a typo)
    // must not replace the cookie that the open forms' CSRF tokens belong to.
    var newFormCookie: String?
    if browserSession == nil, formToken == nil, startSession {
      let (token, value) = FormCookie.issue(key: application.services.formKey, now: now)
      formToken = token
      newFormCookie = value
    }
    let items = errors.items.map {
      PageContext<Body>.ErrorItem(field: $0.field, message: t($0.key))
    }
    var fieldErrors: [String: String] = [:]
    for item in items where fieldErrors[item.field] == nil { fieldErrors[item.field] = item.message }
    let context = PageContext(
      t: Strings.all(language), lang: language.rawValue, otherLang: language == .nb ? "en" : "nb", path: url.path,
      title: title, csrf: browserSession?.csrfToken ?? formToken ?? "",
      user: currentUser.map {
        .init(
          name: $0.name, role: t("role.\($0.role.rawValue)"), isAdmin: $0.role == .admin,
          canWrite: $0.role >= .responder)
      },
      flash: flash ?? takeFlash(), errors: items, fieldErrors: fieldErrors, body: body)
    let view = try await self.view.render(template, context)
    let response = try await view.encodeResponse(status: status, for: self)
    if let newFormCookie {
      response.cookies[FormCookie.name] = FormCookie.cookie(
        newFormCookie, secure: application.services.config.secureCookies)
    }
    if cookies[Self.flashCookie] != nil { response.cookies[Self.flashCookie] = .expired }
    return response
  }

  static let flashCookie = "beredskap_flash"

  /// A message for the next page: text only, never personal data.
  func redirect(to path: String, flash: String) -> Response {
    redirect(to: path, redirectType: .normal).flashing(self, flash)
  }

  func takeFlash() -> String? {
    cookies[Self.flashCookie]?.string.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
  }
}
