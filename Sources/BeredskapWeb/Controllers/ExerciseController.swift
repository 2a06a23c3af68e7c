import BeredskapCore
import BeredskapStore
import Vapor

/// Restore tests, failover tests and table-top exercises on record, which are
/// due, and the test report for a customer's auditor.
enum ExerciseController {
  static func register(viewer: any RoutesBuilder, responderForms: any RoutesBuilder) {
    viewer.get("exercises", use: list)
    viewer.get("exercises", "report", use: report)
    responderForms.post("exercises", use: record)
  }

  struct ScheduleView: Encodable {
    var kind: String
    var every: String
    var last: String
    var due: String
    var overdue: Bool
  }

  struct ExerciseView: Encodable {
    var id: String
    var kind: String
    var date: String
    var scenario: String
    var participants: String
    var outcome: String
    var outcomeCode: String
    var restore: String?
    var dataLoss: String?
    var findings: String
    var recordedBy: String
    var actions: [PostMortemController.ActionView]
  }

  struct FormValues: Encodable {
    var kind: String = Exercise.Kind.restoreTest.rawValue
    var held_at: String = ""
    var scenario: String = ""
    var participants: String = ""
    var restore_minutes: String = ""
    var data_loss_minutes: String = ""
    var outcome: String = Exercise.Outcome.passed.rawValue
    var findings: String = ""
    var action_text: String = ""
    var action_owner: String = ""
    var action_due: String = ""
  }

  struct Body: Encodable {
    var schedule: [ScheduleView]
    var exercises: [ExerciseView]
    var kinds: [Choice]
    var outcomes: [Choice]
    var form: FormValues
    var from: String
    var to: String
  }

  static func scheduleViews(_ req: Request) async throws -> [ScheduleView] {
    try await ExerciseRepository(db: req.db).schedule(plan: req.plan, now: req.now).map { s in
      ScheduleView(
        kind: ExerciseReport.kindName(s.kind, req.language),
        every: req.t("exercise.every").replacingOccurrences(of: "{months}", with: String(s.months)),
        last: s.last.map { DateField.show($0, req.language) } ?? req.t("exercise.never"),
        due: s.due.map { DateField.show($0, req.language) } ?? req.t("exercise.due_now"), overdue: s.overdue)
    }
  }

  static func body(_ req: Request, form: FormValues = FormValues()) async throws -> Body {
    let repo = ExerciseRepository(db: req.db)
    let exercises = try await repo.list()
    var actions: [UUID: [ActionItem]] = [:]
    for e in exercises.prefix(200) { actions[e.id] = try await repo.actions(e.id) }
    let views = Self.views(req, Array(exercises.prefix(200)), actions: actions)
    let year = Timestamp.osloCalendar.date(byAdding: .year, value: -1, to: req.now) ?? req.now
    return Body(
      schedule: try await scheduleViews(req), exercises: views,
      kinds: Exercise.Kind.allCases.map {
        Choice(
          value: $0.rawValue, label: ExerciseReport.kindName($0, req.language), hint: "",
          selected: form.kind == $0.rawValue)
      },
      outcomes: Exercise.Outcome.allCases.map {
        Choice(
          value: $0.rawValue, label: ExerciseReport.outcomeName($0, req.language), hint: "",
          selected: form.outcome == $0.rawValue)
      }, form: form, from: DateField.input(year), to: DateField.input(req.now))
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try await req.page("exercises", title: req.t("exercise.title"), try await body(req))
  }

  struct Input: Content {
    var kind: String?
    var held_at: String?
    var scenario: String?
    var participants: String?
    var restore_minutes: String?
    var data_loss_minutes: String?
    var outcome: String?
    var findings: String?
    var action_text: String?
    var action_owner: String?
    var action_due: String?
  }

  /// Minutes typed in a form: empty is none; otherwise a whole number within bounds.
  static func minutes(_ text: String?, field: String, _ errors: inout FieldErrors) -> Int? {
    let t = (text ?? "").trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty else { return nil }
    guard let m = Int(t), (0...Exercise.maxMinutes).contains(m) else {
      errors.add(field, "error.exercise.minutes")
      return nil
    }
    return m
  }

  @Sendable static func record(req: Request) async throws -> Response {
    let input = try req.content.decode(Input.self)
    var errors = FieldErrors()
    let kind = Exercise.Kind(rawValue: input.kind ?? "")
    if kind == nil { errors.add("kind", "error.exercise.kind") }
    let outcome = Exercise.Outcome(rawValue: input.outcome ?? "")
    if outcome == nil { errors.add("outcome", "error.exercise.outcome") }
    let heldAt = IncidentDraft.time(
      input.held_at, field: "held_at", required: true, now: req.now, tz: Timestamp.oslo, &errors)
    let scenario = (input.scenario ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if scenario.isEmpty || scenario.count > 5000 { errors.add("scenario", "error.exercise.scenario") }
    let participants = (input.participants ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if participants.isEmpty || participants.count > 2000 { errors.add("participants", "error.exercise.participants") }
    let restore = minutes(input.restore_minutes, field: "restore_minutes", &errors)
    let loss = minutes(input.data_loss_minutes, field: "data_loss_minutes", &errors)
    let findings = (input.findings ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if findings.count > 20_000 { errors.add("findings", "error.pm.too_long") }
    var actions: [ExerciseRepository.NewAction] = []
    let anyAction = [input.action_text, input.action_owner, input.action_due].contains {
      !($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }
    if anyAction {
      let a = PostMortemController.checked(
        .init(text: input.action_text, owner: input.action_owner, due: input.action_due), now: req.now, &errors)
      if let a { actions.append(.init(text: a.text, owner: a.owner, due: a.due)) }
    }
    if outcome != nil, outcome != .passed, findings.isEmpty { errors.add("findings", "error.exercise.findings") }
    if errors.isEmpty, let kind, let outcome, let heldAt {
      let user = try req.requireUser()
      let e = Exercise(
        kind: kind, heldAt: heldAt, scenario: scenario, participants: participants, restoreMinutes: restore,
        dataLossMinutes: loss, outcome: outcome, findings: findings, recordedBy: user.name)
      try await ExerciseRepository(db: req.db).record(e, actions: actions, actor: user.actor, now: req.now)
      return req.redirect(to: "/exercises#exercise-\(e.id.uuidString)", flash: req.t("exercise.saved"))
    }
    let form = FormValues(
      kind: input.kind ?? "", held_at: input.held_at ?? "", scenario: input.scenario ?? "",
      participants: input.participants ?? "", restore_minutes: input.restore_minutes ?? "",
      data_loss_minutes: input.data_loss_minutes ?? "", outcome: input.outcome ?? "", findings: input.findings ?? "",
      action_text: input.action_text ?? "", action_owner: input.action_owner ?? "", action_due: input.action_due ?? "")
    return try await req.page(
      "exercises", title: req.t("exercise.title"), try await body(req, form: form), errors: errors,
      status: .unprocessableEntity)
  }

  struct ReportBody: Encodable {
    var organisation: String
    var period: String
    var generated: String
    var schedule: [ScheduleView]
    var exercises: [ExerciseView]
    var from: String
    var to: String
  }

  static func views(_ req: Request, _ exercises: [Exercise], actions: [UUID: [ActionItem]]) -> [ExerciseView] {
    exercises.map { e in
      ExerciseView(
        id: e.id.uuidString, kind: ExerciseReport.kindName(e.kind, req.language),
        date: DateField.show(e.heldAt, req.language), scenario: e.scenario, participants: e.participants,
        outcome: ExerciseReport.outcomeName(e.outcome, req.language), outcomeCode: e.outcome.rawValue,
        restore: e.restoreMinutes.map { RunbookController.minutesText($0, req.language) },
        dataLoss: e.dataLossMinutes.map { RunbookController.minutesText($0, req.language) }, findings: e.findings,
        recordedBy: e.recordedBy,
        actions: (actions[e.id] ?? []).map { PostMortemController.actionView(req, $0) })
    }
  }

  /// The test report for a period (`from`, `to` as dates; the last 12 months by
  /// default): a page to print, `format=md` for Markdown, `format=csv` for a spreadsheet.
  @Sendable static func report(req: Request) async throws -> Response {
    let fromText = (try? req.query.get(String.self, at: "from")) ?? ""
    let toText = (try? req.query.get(String.self, at: "to")) ?? ""
    let to = fromText.isEmpty && toText.isEmpty ? req.now : (DateField.parse(toText) ?? req.now)
    let yearBefore = Timestamp.osloCalendar.date(byAdding: .year, value: -1, to: to) ?? to
    var from = DateField.parse(fromText).map { $0.addingTimeInterval(-86_400 + 1) } ?? yearBefore
    if from > to { from = yearBefore }
    let repo = ExerciseRepository(db: req.db)
    let exercises = try await repo.list(from: from, to: to)
    var actions: [UUID: [ActionItem]] = [:]
    for e in exercises { actions[e.id] = try await repo.actions(e.id) }
    let doc = ExerciseReport(
      organisation: req.plan.organisation.name, from: from, to: to, exercises: exercises, actions: actions,
      schedule: try await repo.schedule(plan: req.plan, now: req.now), generatedAt: req.now)
    switch (try? req.query.get(String.self, at: "format")) ?? "" {
    case "md":
      return ReportController.markdownResponse(doc.markdown(language: req.language), filename: "testrapport.md")
    case "csv":
      var headers = HTTPHeaders()
      headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
      headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"testrapport.csv\"")
      return Response(status: .ok, headers: headers, body: .init(string: doc.csv()))
    default:
      return try await req.page(
        "exercises-report", title: req.t("exercise.report_title"),
        ReportBody(
          organisation: req.plan.organisation.name,
          period: DateField.show(from, req.language) + " – " + DateField.show(to, req.language),
          generated: Timestamp.oslo(req.now, language: req.language),
          schedule: try await scheduleViews(req),
          exercises: views(req, exercises.sorted { $0.heldAt < $1.heldAt }, actions: actions),
          from: DateField.parse(fromText) == nil ? DateField.input(from) : fromText, to: DateField.input(to)))
    }
  }
}
