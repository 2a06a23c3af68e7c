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

  struct Warning: Encodable {
    var text: String
    var link: String
  }

  /// What the continuity plan says is overdue: tests, action items, post-mortems.
  static func warnings(_ req: Request) async throws -> [Warning] {
    var out: [Warning] = []
    for s in try await ExerciseRepository(db: req.db).schedule(plan: req.plan, now: req.now) where s.overdue {
      let kind = ExerciseReport.kindName(s.kind, req.language)
      let text =
        s.due.map {
          req.t("dash.warn_exercise").replacingOccurrences(of: "{kind}", with: kind).replacingOccurrences(
            of: "{due}", with: DateField.show($0, req.language))
        } ?? req.t("dash.warn_exercise_never").replacingOccurrences(of: "{kind}", with: kind)
      out.append(Warning(text: text, link: "/exercises"))
    }
    let overdue = try await ActionItemRepository(db: req.db).all(includeDone: false).filter { $0.overdue(now: req.now) }
    if !overdue.isEmpty {
      out.append(
        Warning(
          text: req.t("dash.warn_actions").replacingOccurrences(of: "{count}", with: String(overdue.count)),
          link: "/actions"))
    }
    for s in try await PostMortemRepository(db: req.db).owed() where s.overdue(now: req.now) {
      guard let due = s.due else { continue }
      out.append(
        Warning(
          text: req.t("dash.warn_pm").replacingOccurrences(of: "{number}", with: s.incident.number.description)
            .replacingOccurrences(of: "{due}", with: Timestamp.oslo(due, language: req.language)),
          link: "/incidents/\(s.incident.number)/post-mortem"))
    }
    return out
  }

  struct ReminderItem: Encodable {
    var number: String
    var text: String
    var at: String
    var missed: Bool
  }

  struct Body: Encodable {
    var reminders: [ReminderItem]
    /// Overdue tests, action items and post-mortems: the continuity plan's follow-up.
    var warnings: [Warning] = []
    var rows: [Row]
    var count: Int
    var more: Bool
    /// Backup jobs that are overdue or have never run (issue 9 point 4).
    var backupAlerts: [BackupsController.Alert] = []
  }

  /// The duties the law sets, in the order a responder should see them on a
  /// tie; the plan's own steps come after (rank 9).
  static func legalRank(_ kind: String) -> Int { Deadline.Kind(kind).legalRank ?? 9 }

  /// Legal duties before the plan's steps, then the soonest, then the legal order.
  static func urgency(_ kind: String, _ due: Date) -> (Int, Date, Int) {
    (legalRank(kind) == 9 ? 1 : 0, due, legalRank(kind))
  }

  @Sendable static func dashboard(req: Request) async throws -> Response {
    let limit = 200
    let page = try await req.incidents.list(after: nil, limit: limit, openOnly: true)
    let running = try await AssessmentRepository(db: req.db).running(incidentIDs: page.incidents.map(\.id))
    // The next clock of each incident: a legal duty first (the authority, the
    // controller, the people), so an overdue internal step never hides it.
    var next: [UUID: AssessmentRepository.Clock] = [:]
    for clock in running.sorted(by: { urgency($0.kind, $0.due) < urgency($1.kind, $1.due) })
    where next[clock.incidentID] == nil {
      next[clock.incidentID] = clock
    }
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
    // The five most pressing, so the table with every clock stays in view.
    let reminders = try await ReminderRepository(db: req.db).recent(limit: 50).filter {
      $0.raisedAt > since && $0.duty.doneAt == nil && $0.duty.required
    }.sorted {
      let (a, b) = (urgency($0.duty.kind, $0.duty.dueAt), urgency($1.duty.kind, $1.duty.dueAt))
      return a != b ? a < b : $0.offsetHours < $1.offsetHours
    }.prefix(5).map { r in
      let key = r.offsetHours == 0 ? "reminder.missed" : r.offsetHours == 1 ? "reminder.before_one" : "reminder.before"
      return ReminderItem(
        number: r.incident.number.description,
        text: req.t(key).replacingOccurrences(of: "{title}", with: r.duty.title).replacingOccurrences(
          of: "{hours}", with: Deadline.hoursText(r.offsetHours)
        ).replacingOccurrences(of: "{due}", with: Timestamp.oslo(r.duty.dueAt, language: req.language)),
        at: Timestamp.oslo(r.raisedAt, language: req.language), missed: r.offsetHours == 0)
    }
    return try await req.page(
      "dashboard", title: req.t("dashboard.title"),
      Body(
        reminders: reminders, warnings: try await warnings(req), rows: rows, count: count,
        more: count > rows.count, backupAlerts: try await BackupsController.alerts(req)))
  }
}
