import BeredskapCore
import BeredskapStore
import Vapor

/// The continuity objectives measured (issue 9 point 2): `/continuity` for
/// people, `GET /api/v1/continuity?from=&to=` for machines, the same figures.
enum ContinuityController {
  static func register(viewer: any RoutesBuilder, api: any RoutesBuilder) {
    viewer.get("continuity", use: page)
    api.get("continuity", use: apiFigures)
  }

  struct Query: Content {
    var from: String?
    var to: String?
  }

  /// The window from the query, or the problem naming the field.
  static func window(_ req: Request) throws -> Result<ContinuityWindow, ContinuityWindow.Problem> {
    let q = try req.query.decode(Query.self)
    return ContinuityWindow.parse(from: q.from, to: q.to, now: req.now)
  }

  static func figures(_ req: Request, _ w: ContinuityWindow) async throws -> ContinuityFigures {
    let (sources, runs) = try await StageRepository(db: req.db).continuitySources(from: w.from, to: w.to)
    return ContinuityFigures(
      sources: sources, runs: runs, objectives: req.plan.objectives, from: w.from, to: w.to, now: req.now)
  }

  // MARK: API

  static func hours(_ s: TimeInterval?) -> JSONValue { s.map { .number(($0 / 36).rounded() / 100) } ?? .null }
  static func bool(_ b: Bool?) -> JSONValue { b.map { .bool($0) } ?? .null }
  static func monthCode(_ m: ContinuityFigures.Month) -> String {
    "\(m.year)-\(m.month < 10 ? "0" : "")\(m.month)"
  }

  static func json(_ f: ContinuityFigures) -> JSONValue {
    let o = f.objectives
    let c = f.counts
    return .object([
      "from": .string(Timestamp.utc(f.from)), "to": .string(Timestamp.utc(f.to)),
      "objectives": .object([
        "rto_hours": .number(o.rtoHours), "rpo_hours": .number(o.rpoHours), "mttr_hours": .number(o.mttrHours),
        "mtbf_days": .number(o.mtbfDays),
      ]),
      "mttr_hours": hours(f.mttrSeconds), "mttr_met": bool(f.mttrMet),
      "mtbf_days": f.mtbfSeconds.map { .number(($0 / 864).rounded() / 100) } ?? .null, "mtbf_met": bool(f.mtbfMet),
      "counts": .object([
        "incidents": .number(Double(c.incidents)), "service_affecting": .number(Double(c.serviceAffecting)),
        "restored": .number(Double(c.restored)), "not_restored": .number(Double(c.notRestored)),
        "rto_met": .number(Double(c.rtoMet)), "rto_missed": .number(Double(c.rtoMissed)),
        "restored_from_backup": .number(Double(c.restoredFromBackup)), "rpo_met": .number(Double(c.rpoMet)),
        "rpo_missed": .number(Double(c.rpoMissed)),
      ]),
      "incidents": .array(
        f.incidents.map { i in
          .object([
            "number": .string(i.number), "severity": .number(Double(i.severity)),
            "start": .string(Timestamp.utc(i.start)),
            "restored_at": i.restoredAt.map { .string(Timestamp.utc($0)) } ?? .null,
            "service_affecting": .bool(i.serviceAffecting), "restore_hours": hours(i.restoreSeconds),
            "open_hours": hours(i.openSeconds), "rto_met": bool(i.rtoMet),
            "restored_from_job": i.restoredFromJob.map { .string($0) } ?? .null,
            "last_good_backup_at": i.lastGoodBackupAt.map { .string(Timestamp.utc($0)) } ?? .null,
            "data_lost_hours": hours(i.dataLostSeconds), "rpo_met": bool(i.rpoMet),
          ])
        }),
      "months": .array(
        f.months.map { m in
          .object([
            "month": .string(monthCode(m)), "incidents": .number(Double(m.incidents)),
            "service_affecting": .number(Double(m.serviceAffecting)), "restored": .number(Double(m.restored)),
            "mean_restore_hours": hours(m.meanRestoreSeconds), "longest_restore_hours": hours(m.longestRestoreSeconds),
          ])
        }),
    ])
  }

  static func problem(_ p: ContinuityWindow.Problem) -> APIProblem {
    switch p {
    case .notADate(let field):
      return .validation([(field, "must be a date (YYYY-MM-DD, Oslo) or an RFC 3339 time with an offset")])
    case .fromNotBeforeTo: return .validation([("from", "must be before to")])
    case .tooLong:
      return .validation([("to", "the window may be at most \(Int(ContinuityWindow.maxDays)) days")])
    }
  }

  @Sendable static func apiFigures(req: Request) async throws -> Response {
    switch try window(req) {
    case .failure(let p): throw problem(p)
    case .success(let w): return try IncidentAPIController.respond(json(try await figures(req, w)))
    }
  }

  // MARK: Page

  struct Figure: Encodable {
    var title: String
    var value: String
    var target: String
    var verdict: String
    var state: String
  }

  struct Row: Encodable {
    var month: String
    var incidents: Int
    var serviceAffecting: Int
    var meanRestore: String
    var longestRestore: String
  }

  struct IncidentRow: Encodable {
    var number: String
    var severity: Int
    var start: String
    var restore: String
    var rto: String
    var dataLost: String
  }

  struct Body: Encodable {
    var from: String
    var to: String
    var period: String
    var figures: [Figure]
    var counts: String
    var rows: [Row]
    var incidents: [IncidentRow]
    var restoreChart: ContinuityChart
    var countChart: ContinuityChart
    var definitions: String
  }

  static func monthName(_ m: ContinuityFigures.Month, _ language: Language) -> String {
    let nb = ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."]
    let en = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let names = language == .nb ? nb : en
    let name = (1...12).contains(m.month) ? names[m.month - 1] : "?"
    return "\(name) \(m.year % 100 < 10 ? "0" : "")\(m.year % 100)"
  }

  static func hoursText(_ seconds: TimeInterval, _ language: Language) -> String {
    IncidentView.duration(seconds, language)
  }

  static func body(_ req: Request, _ w: ContinuityWindow, _ f: ContinuityFigures) -> Body {
    let l = req.language
    let o = f.objectives
    func verdict(_ met: Bool?) -> (String, String) {
      switch met {
      case .some(true): (req.t("cont.met"), "met")
      case .some(false): (req.t("cont.missed"), "missed")
      case .none: (req.t("cont.no_data"), "none")
      }
    }
    let rtoVerdict: (String, String) =
      f.counts.rtoMet + f.counts.rtoMissed == 0
      ? verdict(nil) : verdict(f.counts.rtoMissed == 0)
    let rpoVerdict: (String, String) =
      f.counts.restoredFromBackup == 0 ? verdict(nil) : verdict(f.counts.rpoMissed == 0)
    let figures = [
      Figure(
        title: req.t("cont.rto"),
        value: req.t("cont.rto_value").replacingOccurrences(of: "{met}", with: String(f.counts.rtoMet))
          .replacingOccurrences(of: "{all}", with: String(f.counts.rtoMet + f.counts.rtoMissed)),
        target: req.t("cont.target") + " " + hoursText(o.rtoHours * 3600, l), verdict: rtoVerdict.0,
        state: rtoVerdict.1),
      Figure(
        title: req.t("cont.rpo"),
        value: req.t("cont.rpo_value").replacingOccurrences(of: "{met}", with: String(f.counts.rpoMet))
          .replacingOccurrences(of: "{all}", with: String(f.counts.restoredFromBackup)),
        target: req.t("cont.target") + " " + hoursText(o.rpoHours * 3600, l), verdict: rpoVerdict.0,
        state: rpoVerdict.1),
      Figure(
        title: req.t("cont.mttr"), value: f.mttrSeconds.map { hoursText($0, l) } ?? "–",
        target: req.t("cont.target") + " " + hoursText(o.mttrHours * 3600, l), verdict: verdict(f.mttrMet).0,
        state: verdict(f.mttrMet).1),
      Figure(
        title: req.t("cont.mtbf"), value: f.mtbfSeconds.map { hoursText($0, l) } ?? "–",
        target: req.t("cont.target_at_least") + " " + hoursText(o.mtbfDays * 86400, l),
        verdict: verdict(f.mtbfMet).0, state: verdict(f.mtbfMet).1),
    ]
    let labels = f.months.map { monthName($0, l) }
    let hourFormat: (Double) -> String = { Deadline.hoursText(($0 * 10).rounded() / 10) + (l == .nb ? " t" : " h") }
    let restoreChart = ContinuityChart(
      labels: labels, values: f.months.map { $0.meanRestoreSeconds.map { $0 / 3600 } }, format: hourFormat,
      target: o.rtoHours, targetText: "RTO " + Deadline.hoursText(o.rtoHours) + (l == .nb ? " t" : " h"))
    let countChart = ContinuityChart(
      labels: labels, values: f.months.map { Double($0.incidents) }, format: { Deadline.hoursText($0) })
    let rows = f.months.map { m in
      Row(
        month: monthName(m, l), incidents: m.incidents, serviceAffecting: m.serviceAffecting,
        meanRestore: m.meanRestoreSeconds.map { hoursText($0, l) } ?? "–",
        longestRestore: m.longestRestoreSeconds.map { hoursText($0, l) } ?? "–")
    }
    let incidents = f.incidents.map { i in
      IncidentRow(
        number: i.number, severity: i.severity, start: Timestamp.oslo(i.start, language: l),
        restore: i.restoreSeconds.map { hoursText($0, l) }
          ?? req.t("cont.open_for").replacingOccurrences(of: "{time}", with: hoursText(i.openSeconds ?? 0, l)),
        rto: verdict(i.rtoMet).0,
        dataLost: i.restoredFromJob == nil
          ? "–"
          : (i.dataLostSeconds.map { hoursText($0, l) } ?? req.t("cont.no_good_backup")) + " (" + verdict(i.rpoMet).0
            + ")")
    }
    let counts = req.t("cont.counts").replacingOccurrences(of: "{incidents}", with: String(f.counts.incidents))
      .replacingOccurrences(of: "{service}", with: String(f.counts.serviceAffecting))
      .replacingOccurrences(of: "{open}", with: String(f.counts.notRestored))
    let end = w.to.addingTimeInterval(-1)
    return Body(
      from: dateInput(w.from), to: dateInput(end),
      period: Timestamp.oslo(w.from, language: l) + " – " + Timestamp.oslo(w.to, language: l), figures: figures,
      counts: counts, rows: rows, incidents: incidents, restoreChart: restoreChart, countChart: countChart,
      definitions: req.t("cont.definitions"))
  }

  /// `2026-03-31`: an Oslo calendar date for a date field.
  static func dateInput(_ d: Date) -> String { String(Timestamp.localInput(d).prefix(10)) }

  @Sendable static func page(req: Request) async throws -> Response {
    switch try window(req) {
    case .success(let w):
      let f = try await figures(req, w)
      return try await req.page("continuity", title: req.t("cont.title"), body(req, w, f))
    case .failure(let p):
      var errors = FieldErrors()
      switch p {
      case .notADate(let field): errors.add(field, "error.cont.\(field)_date")
      case .fromNotBeforeTo: errors.add("from", "error.cont.order")
      case .tooLong: errors.add("to", "error.cont.too_long")
      }
      let w = try ContinuityWindow.parse(from: nil, to: nil, now: req.now).get()
      let f = try await figures(req, w)
      var b = body(req, w, f)
      // The typed values stay in the fields, so the person can correct them.
      let q = try req.query.decode(Query.self)
      b.from = String((q.from ?? "").prefix(40))
      b.to = String((q.to ?? "").prefix(40))
      return try await req.page(
        "continuity", title: req.t("cont.title"), b, errors: errors, status: .unprocessableEntity)
    }
  }
}
