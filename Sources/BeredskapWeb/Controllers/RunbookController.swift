import BeredskapCore
import BeredskapStore
import Vapor

/// Runbooks on the incident page: attach one from the plan, tick its steps
/// off (who and when go on the timeline), see elapsed time against the estimate.
enum RunbookController {
  static func register(responderForms: any RoutesBuilder) {
    responderForms.post("incidents", ":number", "runbooks", use: attach)
    responderForms.post("incidents", ":number", "runbooks", ":runbook", "steps", ":step", use: tick)
  }

  struct LineView: Encodable {
    var step: Int
    var text: String
    var role: String?
    var estimate: String?
    var dueBy: String?
    var done: String?
    var isDone: Bool
    var late: Bool
  }

  struct ChecklistView: Encodable {
    var id: String
    var title: String
    var when: String
    var progress: String
    var elapsed: String
    var late: Bool
    var complete: Bool
    var lines: [LineView]
  }

  struct Section: Encodable {
    var available: [Choice]
    var checklists: [ChecklistView]
  }

  static func minutesText(_ minutes: Int, _ language: Language) -> String {
    PostMortemDocument.duration(minutes: minutes, language)
  }

  static func section(_ req: Request, _ incident: Incident) async throws -> Section {
    let attached = try await RunbookRepository(db: req.db).checklists(incident.number)
    let language = req.language
    let roles = Dictionary(req.plan.roles.map { ($0.id, $0.title) }) { a, _ in a }
    let views = attached.map { a -> ChecklistView in
      let c = a.checklist
      let lines = c.lines(now: req.now).map { l in
        LineView(
          step: l.index + 1, text: l.step.text, role: l.step.role.map { roles[$0] ?? $0 },
          estimate: l.step.minutes.map { minutesText($0, language) },
          dueBy: l.dueBy.map { Timestamp.oslo($0, language: language) },
          done: l.done.map {
            req.t("runbook.done_at").replacingOccurrences(of: "{at}", with: Timestamp.oslo($0.at, language: language))
              .replacingOccurrences(of: "{by}", with: $0.by)
          }, isDone: l.done != nil, late: l.late)
      }
      let elapsed = c.elapsedMinutes(now: req.now)
      let estimate = c.runbook.estimateMinutes
      return ChecklistView(
        id: a.runbookID, title: c.runbook.title, when: c.runbook.when,
        progress: req.t("runbook.progress").replacingOccurrences(of: "{done}", with: String(c.doneCount))
          .replacingOccurrences(of: "{total}", with: String(c.runbook.steps.count)),
        elapsed: req.t(estimate > 0 ? "runbook.elapsed_of" : "runbook.elapsed")
          .replacingOccurrences(of: "{elapsed}", with: minutesText(elapsed, language))
          .replacingOccurrences(of: "{estimate}", with: minutesText(estimate, language)),
        late: estimate > 0 && elapsed > estimate, complete: c.isComplete, lines: lines)
    }
    let taken = Set(attached.map(\.runbookID))
    let available = req.plan.runbooks.filter { !taken.contains($0.id) }.map {
      Choice(
        value: $0.id, label: $0.title,
        hint: $0.estimateMinutes > 0
          ? req.t("runbook.estimate").replacingOccurrences(
            of: "{estimate}", with: minutesText($0.estimateMinutes, language))
          : "", selected: false)
    }
    return Section(available: available, checklists: views)
  }

  struct AttachInput: Content {
    var runbook: String?
  }

  @Sendable static func attach(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let input = try req.content.decode(AttachInput.self)
    guard let runbook = req.plan.runbook(input.runbook ?? "") else {
      var errors = FieldErrors()
      errors.add("runbook", "error.runbook.choose")
      return try await req.page(
        "incident", title: incident.number.description, try await IncidentPagesController.showBody(req, incident),
        errors: errors, status: .unprocessableEntity)
    }
    do {
      try await RunbookRepository(db: req.db).attach(
        incident.number, runbook: runbook, actor: try req.requireUser().actor, now: req.now)
    } catch RunbookRepository.RunbookError.alreadyAttached {
      return req.redirect(to: "/incidents/\(incident.number)#runbooks", flash: req.t("runbook.already"))
    }
    return req.redirect(to: "/incidents/\(incident.number)#runbook-\(runbook.id)", flash: req.t("runbook.attached"))
  }

  struct TickInput: Content {
    var done: String?
  }

  @Sendable static func tick(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let runbookID = req.parameters.get("runbook") ?? ""
    // Steps are shown from 1; bounded before use.
    guard let shown = req.parameters.get("step").flatMap({ Int($0) }), (1...1000).contains(shown) else {
      throw Abort(.notFound)
    }
    let input = try req.content.decode(TickInput.self)
    do {
      try await RunbookRepository(db: req.db).tick(
        incident.number, runbookID: runbookID, step: shown - 1, done: input.done != "false",
        actor: try req.requireUser().actor, now: req.now)
    } catch RunbookRepository.RunbookError.unknownStep {
      throw Abort(.notFound)
    }
    return req.redirect(to: "/incidents/\(incident.number)#runbook-\(runbookID)", flash: req.t("runbook.saved"))
  }
}
