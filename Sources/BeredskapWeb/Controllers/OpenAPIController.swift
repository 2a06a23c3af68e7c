import Vapor

/// `GET /api/openapi.yaml`: the description every /api route conforms to.
enum OpenAPIController {
  static func register(_ app: Application) {
    app.get("api", "openapi.yaml", use: spec)
  }

  @Sendable static func spec(req: Request) async throws -> Response {
    let path = try resourceDirectory() + "openapi.yaml"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return Response(
      status: .ok, headers: ["Content-Type": "application/yaml; charset=utf-8"], body: .init(string: text))
  }
}
