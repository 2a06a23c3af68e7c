import BeredskapCore
import BeredskapStore
import Vapor

/// `/backups` (every signed-in person) and `POST /api/v1/backups/{job}/runs`
/// (responders and admins: the token a cron job or CI uses).
enum BackupsController {
  static func register(viewer: any RoutesBuilder, apiResponder: any RoutesBuilder) {
    viewer.get("backups", use: page)
    apiResponder.post("backups", ":job", "runs", use: reportRun)
  }

  struct JobView: Encodable {
    var id: String
    var what: String
    var location: String
    var schedule: String
    var retention: String
    var encrypted: String
    var restoreRoles: String
    var owner: String
    var lastGood: String
    var state: String
    var stateText: String
    var needsAction: Bool
  }

  struct RunView: Encodable {
    var job: String
    var finished: String
    var ok: Bool
    var status: String
    var size: String
    var reportedBy: String
  }

  struct Body: Encodable {
    var jobs: [JobView]
    var runs: [RunView]
  }

  struct Alert: Encodable {
    var job: String
    var text: String
  }

  static func schedule(_ job: BackupJob, _ t: (String) -> String) -> String {
    guard let minute = job.atMinute else {
      return t("backups.every_hours").replacingOccurrences(of: "{hours}", with: Deadline.hoursText(job.everyHours))
    }
    let at = String(format: "%02d:%02d", minute / 60, minute % 60)
    let days = Int((job.everyHours / 24).rounded())
    return (days == 1 ? t("backups.daily_at") : t("backups.every_days_at"))
      .replacingOccurrences(of: "{days}", with: String(days)).replacingOccurrences(of: "{at}", with: at)
  }

  static func stateText(_ s: BackupStatus, _ req: Request) -> String {
    req.t("backups.state.\(s.state.rawValue)").replacingOccurrences(
      of: "{due}", with: s.due.map { Timestamp.oslo($0, language: req.language) } ?? "–")
  }

  /// Bytes as people read them: «1,4 GB» in bokmål, «1.4 GB» in English.
  static func size(_ bytes: Int64?, language: Language) -> String {
    guard let bytes else { return "–" }
    let units = ["B", "kB", "MB", "GB", "TB", "PB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    var text = unit == 0 || value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    if language == .nb { text = text.replacingOccurrences(of: ".", with: ",") }
    return "\(text) \(units[unit])"
  }

  /// The jobs that need someone to act, for the dashboard.
  static func alerts(_ req: Request) async throws -> [Alert] {
    let statuses = try await BackupRunRepository(db: req.db).statuses(plan: req.plan, now: req.now)
    return statuses.filter(\.needsAction).map { s in
      let at = s.lastGood.map { Timestamp.oslo($0.finishedAt, language: req.language) } ?? "–"
      return Alert(
        job: s.job.id,
        text: req.t("backups.alert.\(s.state.rawValue)").replacingOccurrences(of: "{job}", with: s.job.what)
          .replacingOccurrences(of: "{at}", with: at))
    }
  }

  @Sendable static func page(req: Request) async throws -> Response {
    let repo = BackupRunRepository(db: req.db)
    let statuses = try await repo.statuses(plan: req.plan, now: req.now)
    let roles = Dictionary(req.plan.roles.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    let t = { (key: String) in req.t(key) }
    let jobs = statuses.map { s in
      JobView(
        id: s.job.id, what: s.job.what, location: s.job.location, schedule: schedule(s.job, t),
        retention: t("backups.days").replacingOccurrences(of: "{days}", with: String(s.job.retentionDays)),
        encrypted: t(s.job.encrypted ? "backups.yes" : "backups.no"),
        restoreRoles: s.job.restoreRoles.isEmpty
          ? t("backups.none") : s.job.restoreRoles.map { roles[$0] ?? $0 }.joined(separator: ", "),
        owner: s.job.owner.map { roles[$0] ?? $0 } ?? t("backups.none"),
        lastGood: s.lastGood.map {
          Timestamp.oslo($0.finishedAt, language: req.language) + " (" + size($0.sizeBytes, language: req.language)
            + ")"
        } ?? t("backups.none"),
        state: s.state.rawValue, stateText: stateText(s, req), needsAction: s.needsAction)
    }
    let names = Dictionary(req.plan.backupJobs.map { ($0.id, $0.what) }, uniquingKeysWith: { a, _ in a })
    let runs = try await repo.runs(to: req.now, limit: 30).map { r in
      RunView(
        job: names[r.jobID] ?? r.jobID, finished: Timestamp.oslo(r.finishedAt, language: req.language),
        ok: r.status == .ok, status: t("backups.run.\(r.status.rawValue)"),
        size: size(r.sizeBytes, language: req.language),
        reportedBy: r.reportedBy)
    }
    return try await req.page("backups", title: req.t("backups.title"), Body(jobs: jobs, runs: runs))
  }

  static let runFields = ["status", "size_bytes", "sha256", "finished_at"]

  @Sendable static func reportRun(req: Request) async throws -> Response {
    let job = req.parameters.get("job") ?? ""
    guard req.plan.backupJobs.contains(where: { $0.id == job }) else {
      let known = req.plan.backupJobs.map(\.id).joined(separator: ", ")
      throw APIProblem(
        status: .notFound, title: "No such backup job",
        detail: "job: not a backup job in the plan (known: \(known))",
        errors: [("job", "is not a backup job in the plan (known: \(known))")])
    }
    let o = try IncidentAPIController.body(req)
    var problems: [(field: String, message: String)] = []
    for key in o.keys.sorted() where !runFields.contains(key) {
      problems.append((key, "is not a field of a backup run (expected status, size_bytes, sha256, finished_at)"))
    }
    var report = BackupReport(job: job, status: "")
    switch o["status"] {
    case .string(let s)?: report.status = s
    case nil: problems.append(("status", "is required (ok or failed)"))
    case let v?: problems.append(("status", "must be ok or failed, got \(v.quoted)"))
    }
    switch o["size_bytes"] {
    case nil, .null?: break
    case .number(let n)? where n.rounded() == n && n >= 0 && n <= Double(BackupReport.maxSize):
      report.sizeBytes = Int64(exactly: n)
    case let v?:
      problems.append(
        ("size_bytes", "must be a whole number of bytes from 0 to \(BackupReport.maxSize), got \(v.quoted)"))
    }
    switch o["sha256"] {
    case nil, .null?: break
    case .string(let s)?: report.sha256 = s
    case let v?: problems.append(("sha256", "must be 64 hexadecimal digits, got \(v.quoted)"))
    }
    switch o["finished_at"] {
    case nil, .null?: break
    case .string(let s)?: report.finishedAt = s
    case let v?: problems.append(("finished_at", "must be a time such as 2026-11-24T03:05:00+01:00, got \(v.quoted)"))
    }
    let user = try req.requireUser()
    var run: BackupRun?
    switch report.validate(plan: req.plan, reportedBy: user.name, now: req.now) {
    case .success(let r): run = r
    case .failure(let p):
      for item in p.items where !problems.contains(where: { $0.field == item.field }) {
        problems.append((item.field, item.message))
      }
    }
    guard problems.isEmpty, let run else { throw APIProblem.validation(problems) }
    try await BackupRunRepository(db: req.db).report(run, actor: user.actor, now: req.now)
    return try IncidentAPIController.respond(json(run), status: .created)
  }

  static func json(_ r: BackupRun) -> JSONValue {
    .object([
      "id": .string(r.id.uuidString.lowercased()), "job": .string(r.jobID), "status": .string(r.status.rawValue),
      "finished_at": .string(Timestamp.utc(r.finishedAt)),
      "size_bytes": r.sizeBytes.map { .number(Double($0)) } ?? .null, "sha256": r.sha256.map { .string($0) } ?? .null,
      "reported_by": .string(r.reportedBy),
    ])
  }
}
