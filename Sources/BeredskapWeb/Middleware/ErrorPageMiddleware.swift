import BeredskapCore
import BeredskapStore
import Vapor

/// A problem in an API request, as RFC 9457 problem details naming the field.
struct APIProblem: Error {
  var status: HTTPStatus
  var title: String
  var detail: String?
  var errors: [(field: String, message: String)] = []

  static func validation(_ errors: [(field: String, message: String)]) -> APIProblem {
    APIProblem(
      status: .unprocessableEntity, title: "Invalid request",
      detail: errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "), errors: errors)
  }
}

/// Turns errors into problem+json under /api and into a plain page elsewhere.
/// Never shows internals or personal data; logs only the error's type.
struct ErrorPageMiddleware: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    do {
      return try await next.respond(to: request)
    } catch {
      return await render(error, for: request)
    }
  }

  func render(_ error: any Error, for request: Request) async -> Response {
    var status = HTTPStatus.internalServerError
    var problem: APIProblem?
    var headers = HTTPHeaders()
    switch error {
    case let p as APIProblem:
      status = p.status
      problem = p
    case WebError.csrf:
      status = .forbidden
    case StoreError.notFound:
      status = .notFound
    case StoreError.conflict(let message):
      status = .conflict
      problem = APIProblem(status: .conflict, title: "Conflict", detail: message)
    case let abort as any AbortError:
      status = abort.status
      headers = abort.headers
    default:
      request.logger.error("request failed: \(String(reflecting: type(of: error)))")
    }
    if status == .internalServerError, !(error is APIProblem) {
      request.logger.report(error: error)
    }
    if request.url.path.hasPrefix("/api/") {
      let p = problem ?? APIProblem(status: status, title: status.reasonPhrase, detail: Self.apiDetail(status))
      var body: [String: JSONValue] = [
        "type": .string("about:blank"), "title": .string(p.title), "status": .number(Double(p.status.code)),
      ]
      if let d = p.detail { body["detail"] = .string(d) }
      if !p.errors.isEmpty {
        body["errors"] = .array(p.errors.map { .object(["field": .string($0.field), "message": .string($0.message)]) })
      }
      let data = JSONValue.object(body).serialized()
      headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
      return Response(status: p.status, headers: headers, body: .init(data: data))
    }
    let key: String
    switch status {
    case .forbidden: key = error as? WebError == .csrf ? "error.csrf" : "error.forbidden"
    case .notFound: key = "error.not_found"
    case .unauthorized: return request.redirect(to: "/login")
    default: key = status.code >= 500 ? "error.server" : "error.title"
    }
    struct Body: Encodable { var message: String }
    if let page = try? await request.page(
      "error", title: request.t("error.title"), Body(message: request.t(key)), status: status, startSession: false)
    {
      return page
    }
    return Response(status: status, body: .init(string: request.t(key)))
  }

  static func apiDetail(_ status: HTTPStatus) -> String? {
    switch status {
    case .unauthorized: "Send an API token as Authorization: Bearer <token>."
    case .forbidden: "Your role does not allow this."
    case .notFound: "No such resource."
    default: nil
    }
  }
}
