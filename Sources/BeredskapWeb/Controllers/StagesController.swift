import BeredskapCore
import BeredskapStore
import Vapor

/// The response stages on the incident page (issue 9 point 1): each stage
/// with its target, the time elapsed and done or late, marked done with one
/// button; and the backup job the data was restored from, for the figures.
enum StagesController {
  static func register(responderForms: any RoutesBuilder) {
    responderForms.post("incidents", ":number", "stages", ":stage", "done", use: done)
    responderForms.post("incidents", ":number", "backup-restore", use: backupRestore)
  }

  struct StageView: Encodable {
    var id: String
    var title: String
    var due: String
    var elapsed: String
    var state: String
    var stateText: String
    var done: String?
    var canMark: Bool
    var auto: String?
  }

  struct View: Encodable {
    var severity: Int
    var start: String
    var stages: [StageView]
    var restored: String?
    var restoreTime: String?
    var restoredFromJob: String?
    var jobValue: String
  }

  static func view(_ req: Request, _ incident: Incident, jobValue: String = "") async throws -> View {
    let o = try await StageRepository(db: req.db).overview(incident.number, plan: req.plan, now: req.now)
    let language = req.language
    let stages = o.stages.map { p in
      let state = p.state.rawValue
      return StageView(
        id: p.stage.id, title: p.stage.title, due: Timestamp.oslo(p.due, language: language),
        elapsed: IncidentView.duration(p.elapsed, language), state: state, stateText: req.t("stage.state.\(state)"),
        done: p.done.map {
          req.t("stage.done_at").replacingOccurrences(of: "{at}", with: Timestamp.oslo($0.at, language: language))
            .replacingOccurrences(of: "{by}", with: $0.by)
        }, canMark: p.done == nil,
        auto: p.stage.doneWhen == .marked ? nil : req.t("stage.auto.\(p.stage.doneWhen.rawValue)"))
    }
    return View(
      severity: incident.severity, start: Timestamp.oslo(o.start, language: language), stages: stages,
      restored: o.restoredAt.map { Timestamp.oslo($0, language: language) },
      restoreTime: o.restoredAt.map { IncidentView.duration($0.timeIntervalSince(o.start), language) },
      restoredFromJob: o.restoredFromJob, jobValue: jobValue)
  }

  /// Marks the stage done now, by the signed-in responder.
  @Sendable static func done(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let stage = req.parameters.get("stage") ?? ""
    do {
      try await StageRepository(db: req.db).mark(
        incident.number, stage: stage, plan: req.plan, actor: try req.requireUser().actor, now: req.now)
    } catch StageRepository.MarkError.unknownStage {
      throw Abort(.notFound)
    } catch StageRepository.MarkError.alreadyDone {
      return req.redirect(to: "/incidents/\(incident.number)#stages", flash: req.t("stage.already_done"))
    }
    return req.redirect(to: "/incidents/\(incident.number)#stages", flash: req.t("stage.saved"))
  }

  struct RestoreInput: Content {
    var job: String?
  }

  /// Records the backup job the incident's data was restored from.
  @Sendable static func backupRestore(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let job = (try req.content.decode(RestoreInput.self).job ?? "").trimmingCharacters(in: .whitespaces)
    var errors = FieldErrors()
    do {
      try await StageRepository(db: req.db).recordBackupRestore(
        incident.number, job: job, actor: try req.requireUser().actor, now: req.now)
      return req.redirect(to: "/incidents/\(incident.number)#stages", flash: req.t("stage.restore_saved"))
    } catch StageRepository.MarkError.badJob {
      errors.add("job", "error.stage.job")
    } catch StageRepository.MarkError.alreadyDone {
      errors.add("job", "error.stage.job_already")
    }
    var body = try await IncidentPagesController.showBody(req, incident)
    body.stages = try await view(req, incident, jobValue: String(job.prefix(64)))
    return try await req.page(
      "incident", title: incident.number.description, body, errors: errors, status: .unprocessableEntity)
  }

  /// A stage or restore line on the timeline, in words; nil for other kinds.
  static func timelineItem(_ req: Request, _ e: IncidentRepository.TimelineEvent)
    -> IncidentPagesController.TimelineItem?
  {
    let at = Timestamp.oslo(e.at, language: req.language)
    if e.kind == TimelineKind.stage.rawValue {
      var label = req.t("timeline.stage")
      if e.changes["source"] == ["status"] { label = req.t("timeline.stage_by_status") }
      if e.changes["late"] == ["true"] { label += " (" + req.t("stage.late") + ")" }
      return .init(at: at, actor: e.actor, kind: e.kind, label: label, text: e.text, changes: [])
    }
    if e.kind == TimelineKind.backupRestore.rawValue {
      return .init(
        at: at, actor: e.actor, kind: e.kind, label: req.t("timeline.backup_restore"), text: e.text, changes: [])
    }
    return nil
  }
}
