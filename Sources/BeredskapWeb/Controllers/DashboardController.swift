import BeredskapCore
import BeredskapStore
import Vapor

/// The overview: open incidents, most severe first, with age and owner.
enum DashboardController {
  static func register(viewer: any RoutesBuilder) {
    viewer.get(use: dashboard)
  }

  struct Body: Encodable {
    var incidents: [IncidentView]
    var count: Int
    var more: Bool
  }

  @Sendable static func dashboard(req: Request) async throws -> Response {
    let limit = 200
    let page = try await req.incidents.list(after: nil, limit: limit, openOnly: true)
    let views = page.incidents.map { IncidentView($0, plan: req.plan, language: req.language, now: req.now) }
      .sorted { ($0.severity, $1.number) < ($1.severity, $0.number) }
    let count = page.nextCursor == nil ? views.count : try await req.incidents.count(openOnly: true)
    return try await req.page(
      "dashboard", title: req.t("dashboard.title"), Body(incidents: views, count: count, more: page.nextCursor != nil))
  }
}
