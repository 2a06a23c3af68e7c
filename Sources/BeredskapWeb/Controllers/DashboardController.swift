import BeredskapCore
import BeredskapStore
import Vapor

/// The overview: open incidents, most severe first, with age and owner.
enum DashboardController {
  static func register(viewer: any RoutesBuilder) {
    viewer.get(use: dashboard)
  }

  struct Row: Encodable {
    var incident: IncidentView
    var clock: ClockView?
  }

  struct Body: Encodable {
    var rows: [Row]
    var count: Int
    var more: Bool
  }

  @Sendable static func dashboard(req: Request) async throws -> Response {
    let limit = 200
    let page = try await req.incidents.list(after: nil, limit: limit, openOnly: true)
    let running = try await AssessmentRepository(db: req.db).running(incidentIDs: page.incidents.map(\.id))
    var next: [UUID: AssessmentRepository.Clock] = [:]
    for clock in running where next[clock.incidentID] == nil { next[clock.incidentID] = clock }
    // The most urgent first: the soonest (or overdue) clock, then severity, then newest.
    let ordered = page.incidents.sorted { a, b in
      let da = next[a.id]?.due ?? .distantFuture
      let db = next[b.id]?.due ?? .distantFuture
      return (da, a.severity, b.number.year, b.number.sequence) < (db, b.severity, a.number.year, a.number.sequence)
    }
    let rows = ordered.map { i in
      Row(
        incident: IncidentView(i, plan: req.plan, language: req.language, now: req.now),
        clock: next[i.id].map { ClockView($0, language: req.language, now: req.now) })
    }
    let count = page.nextCursor == nil ? rows.count : try await req.incidents.count(openOnly: true)
    return try await req.page(
      "dashboard", title: req.t("dashboard.title"), Body(rows: rows, count: count, more: page.nextCursor != nil))
  }
}
