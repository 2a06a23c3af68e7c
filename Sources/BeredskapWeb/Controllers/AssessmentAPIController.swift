import BeredskapCore
import BeredskapStore
import Vapor

/// Assessments and clocks of an incident over the API.
enum AssessmentAPIController {
  static func register(viewer: any RoutesBuilder, responder: any RoutesBuilder) {
    responder.post("incidents", ":number", "assessments", use: create)
    viewer.get("incidents", ":number", "assessments", use: list)
    viewer.get("incidents", ":number", "clocks", use: clocks)
    responder.post("incidents", ":number", "clocks", ":kind", "done", use: done)
    viewer.get("reminders", use: reminders)
    viewer.get("incidents", ":number", "notifications", use: notifications)
  }

  /// The phases of the notification to the authority (Art. 33(4)).
  @Sendable static func notifications(req: Request) async throws -> Response {
    let n = try await number(req)
    let phases: [JSONValue] = try await AssessmentRepository(db: req.db).phases(n).map {
      .object([
        "phase": .number(Double($0.phase)), "sent_at": .string(Timestamp.utc($0.sentAt)), "sent_by": .string($0.sentBy),
        "reference": $0.reference.map { .string($0) } ?? .null, "content": .string($0.content),
        "complete": .bool($0.complete),
      ])
    }
    return try IncidentAPIController.respond(.object(["phases": .array(phases)]))
  }

  /// The newest reminders raised by the scheduler (any instance).
  @Sendable static func reminders(req: Request) async throws -> Response {
    let items: [JSONValue] = try await ReminderRepository(db: req.db).recent(limit: 50).map {
      .object([
        "incident": .string($0.incident.number.description), "kind": .string($0.duty.kind),
        "title": .string($0.duty.title), "due": .string(Timestamp.utc($0.duty.dueAt)),
        "offset_hours": .number($0.offsetHours), "raised_at": .string(Timestamp.utc($0.raisedAt)),
      ])
    }
    return try IncidentAPIController.respond(.object(["reminders": .array(items)]))
  }

  static func number(_ req: Request) async throws -> IncidentNumber {
    try await IncidentAPIController.load(req).number
  }

  /// `POST …/assessments` with `beredskap.breach-facts/1`: 201 with `beredskap.assessment/1`.
  @Sendable static func create(req: Request) async throws -> Response {
    let n = try await number(req)
    let object = try IncidentAPIController.body(req)
    let facts: BreachFacts
    do {
      facts = try BreachFacts.parse(object: object, receivedAt: req.now)
      try facts.check(against: req.plan)
    } catch {
      throw APIProblem.validation(error.problems.map { ($0.field, $0.message) })
    }
    let language = Language(code: req.query[String.self, at: "lang"])
    let stored = AssessmentEngine.assess(facts, plan: req.plan, language: .nb)
    _ = try await AssessmentRepository(db: req.db).record(
      n, factsJSON: object, assessment: stored, actor: try req.requireUser().actor, now: req.now)
    let answer = language == .nb ? stored : AssessmentEngine.assess(facts, plan: req.plan, language: language)
    return Response(
      status: .created, headers: ["Content-Type": "application/json"], body: .init(data: answer.json(pretty: false)))
  }

  @Sendable static func list(req: Request) async throws -> Response {
    let n = try await number(req)
    let history = try await AssessmentRepository(db: req.db).history(n)
    let items: [JSONValue] = history.map {
      .object([
        "at": .string(Timestamp.utc($0.at)), "actor": .string($0.actor),
        "facts": (try? JSONValue.parse(Data($0.facts.utf8))) ?? .null,
        "assessment": (try? JSONValue.parse(Data($0.result.utf8))) ?? .null,
      ])
    }
    return try IncidentAPIController.respond(.object(["assessments": .array(items)]))
  }

  static func json(_ c: AssessmentRepository.Clock, now: Date) -> JSONValue {
    .object([
      "kind": .string(c.kind), "title": .string(c.title), "article": .string(c.article),
      "due": .string(Timestamp.utc(c.due)), "required": .bool(c.required),
      "state": .string(DutyRules.State(c, now: now).rawValue),
      "seconds_left": c.doneAt == nil && c.required ? .number(c.due.timeIntervalSince(now).rounded()) : .null,
      "done_at": c.doneAt.map { .string(Timestamp.utc($0)) } ?? .null, "done_by": c.doneBy.map { .string($0) } ?? .null,
      "reference": c.reference.map { .string($0) } ?? .null, "delay_reason": c.delayReason.map { .string($0) } ?? .null,
    ])
  }

  @Sendable static func clocks(req: Request) async throws -> Response {
    let n = try await number(req)
    let clocks = try await AssessmentRepository(db: req.db).clocks(n)
    return try IncidentAPIController.respond(.object(["clocks": .array(clocks.map { json($0, now: req.now) })]))
  }

  @Sendable static func done(req: Request) async throws -> Response {
    let n = try await number(req)
    let kind = req.parameters.get("kind") ?? ""
    let o = try IncidentAPIController.body(req)
    var problems: [(field: String, message: String)] = []
    for key in o.keys.sorted() where !["done_at", "reference", "delay_reason", "complete", "content"].contains(key) {
      problems.append((key, "is not a field (done_at, reference, delay_reason, complete, content)"))
    }
    var complete = true
    switch o["complete"] {
    case .bool(let b)?: complete = b
    case nil: break
    case let v?: problems.append(("complete", "must be true or false, got \(v.quoted)"))
    }
    var at = req.now
    if let v = o["done_at"] {
      if case .string(let s) = v, let d = Timestamp.parse(s) {
        at = d
      } else {
        problems.append(("done_at", "must be an RFC 3339 time"))
      }
    }
    func text(_ key: String) -> String? {
      switch o[key] {
      case .string(let s)?: return s
      case nil, .null?: return nil
      case let v?:
        problems.append((key, "must be a text, got \(v.quoted)"))
        return nil
      }
    }
    let reference = text("reference")
    let reason = text("delay_reason")
    let content = text("content")
    if !complete, !Deadline.Kind(kind).isAuthorityNotification {
      problems.append(("complete", "only a notification to the authority can be sent in phases"))
    }
    guard problems.isEmpty else { throw APIProblem.validation(problems) }
    do {
      try await AssessmentRepository(db: req.db).complete(
        n, kind: kind, at: at, reference: reference, delayReason: reason, actor: try req.requireUser().actor,
        now: req.now, plan: req.plan, notificationComplete: complete, content: content)
    } catch let e as AssessmentRepository.CompletionError {
      switch e {
      case .unknownDuty:
        throw APIProblem(status: .notFound, title: "Not found", detail: "The incident has no clock \(kind).")
      case .alreadyDone:
        throw APIProblem(status: .conflict, title: "Conflict", detail: "That clock is already stopped.")
      case .reasonRequired:
        throw APIProblem.validation([
          ("delay_reason", "is required: the notification is later than 72 hours (GDPR Art. 33(1))")
        ])
      case .inFuture: throw APIProblem.validation([("done_at", "cannot be in the future")])
      case .beforeDiscovery:
        throw APIProblem.validation([("done_at", "cannot be before the incident was discovered")])
      }
    }
    let clocks = try await AssessmentRepository(db: req.db).clocks(n)
    return try IncidentAPIController.respond(.object(["clocks": .array(clocks.map { json($0, now: req.now) })]))
  }
}

extension DutyRules.State {
  init(_ c: AssessmentRepository.Clock, now: Date) {
    self.init(due: c.due, required: c.required, doneAt: c.doneAt, now: now)
  }
}
