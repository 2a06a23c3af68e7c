import Vapor

/// Serves the static assets, and only them: a path that is not under
/// `/assets/` never reaches the file system, so a long or
/// strange path is a plain 404 instead of a file-system error (a 500).
struct StaticFilesMiddleware: AsyncMiddleware {
  let files: FileMiddleware

  init(publicDirectory: String) {
    files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
  }

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let path = request.url.path
    let isAsset = path.hasPrefix("/assets/")
    guard isAsset, path.utf8.count <= 200, request.method == .GET || request.method == .HEAD else {
      return try await next.respond(to: request)
    }
    do {
      return try await files.respond(to: request, chainingTo: next)
    } catch {
      throw Abort(.notFound)
    }
  }
}
