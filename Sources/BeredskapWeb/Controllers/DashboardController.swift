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

  struct ReminderItem: Encodable {
    var number: String
    var text: String
    var at: String
    var missed: Bool
  }

  struct Body: Encodable {
    var reminders: [ReminderItem]
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
    // At 02:00 nobody reads 200 rows: the 50 most urgent, and a link to the rest.
    let rows = ordered.prefix(50).map { i in
      Row(
        incident: IncidentView(i, plan: req.plan, language: req.language, now: req.now),
        clock: next[i.id].map { ClockView($0, language: req.language, now: req.now) })
    }
    let count = page.nextCursor == nil ? rows.count : try await req.incidents.count(openOnly: true)
    // Reminders of the last 24 hours whose clock still runs.
    let since = req.now.addingTimeInterval(-24 * 3600)
    let reminders = try await ReminderRepository(db: req.db).recent(limit: 20).filter {
      $0.raisedAt > since && $0.duty.doneAt == nil && $0.duty.required
    }.map { r in
      let key = r.offsetHours == 0 ? "reminder.missed" : "reminder.before"
      return ReminderItem(
        number: r.incident.number.description,
        text: req.t(key).replacingOccurrences(of: "{title}", with: r.duty.title).replacingOccurrences(
          of: "{hours}", with: BreachContextHours.text(r.offsetHours)
        ).replacingOccurrences(of: "{due}", with: Timestamp.oslo(r.duty.dueAt, language: req.language)),
        at: Timestamp.oslo(r.raisedAt, language: req.language), missed: r.offsetHours == 0)
    }
    return try await req.page(
      "dashboard", title: req.t("dashboard.title"),
      Body(reminders: reminders, rows: rows, count: count, more: count > rows.count))
  }
}
