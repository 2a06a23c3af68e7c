import BeredskapCore
import BeredskapStore
import Vapor

/// The post-mortem of an incident (due 7 days after a severity-1/2 incident
/// is resolved or a breach notified), its action items, and the version for
/// customers; and the list of every action item.
enum PostMortemController {
  static func register(viewer: any RoutesBuilder, responderForms: any RoutesBuilder) {
    viewer.get("incidents", ":number", "post-mortem", use: show)
    viewer.get("incidents", ":number", "post-mortem", "markdown", use: markdown)
    viewer.get("incidents", ":number", "post-mortem", "customer", use: customer)
    responderForms.post("incidents", ":number", "post-mortem", use: save)
    responderForms.post("incidents", ":number", "post-mortem", "actions", use: addAction)
    viewer.get("actions", use: actions)
    responderForms.post("actions", ":id", "done", use: actionDone)
  }

  /// The post-mortem's line on the incident page.
  struct Summary: Encodable {
    var owed: Bool
    var state: String
    var text: String
    var started: Bool
  }

  static func summary(_ req: Request, _ incident: Incident) async throws -> Summary {
    let s = try await PostMortemRepository(db: req.db).state(incident.number)
    let language = req.language
    if let done = s.postMortem?.completedAt {
      return Summary(
        owed: true, state: "done",
        text: req.t("pm.completed_at").replacingOccurrences(of: "{at}", with: Timestamp.oslo(done, language: language)),
        started: true)
    }
    guard let due = s.due else {
      return Summary(owed: false, state: "none", text: req.t("pm.not_owed"), started: s.postMortem != nil)
    }
    let state = due < req.now ? "overdue" : "running"
    return Summary(
      owed: true, state: state,
      text: req.t(state == "overdue" ? "pm.overdue" : "pm.due").replacingOccurrences(
        of: "{due}", with: Timestamp.oslo(due, language: language)), started: s.postMortem != nil)
  }

  struct FieldView: Encodable {
    var name: String
    var label: String
    var hint: String
    var text: String
    var missing: Bool
    var error: String?
  }

  struct ActionView: Encodable {
    var id: String
    var text: String
    var owner: String
    var due: String
    var state: String
    var stateText: String
    var source: String
    var link: String
  }

  struct Body: Encodable {
    var number: String
    var title: String
    var summary: Summary
    var about: [FieldView]
    var rootCause: [FieldView]
    var lessons: [FieldView]
    var customer: [FieldView]
    var complete: Bool
    var missing: [String]
    var actions: [ActionView]
    var actionText: String
    var actionOwner: String
    var actionDue: String
    var owners: [String]
    var showSource = false
  }

  static func actionView(_ req: Request, _ a: ActionItem, exerciseTitles: [String: String] = [:]) -> ActionView {
    let language = req.language
    let state = a.doneAt != nil ? "done" : a.overdue(now: req.now) ? "overdue" : "open"
    let stateText: String
    if let done = a.doneAt {
      stateText = req.t("action.done_at").replacingOccurrences(
        of: "{at}", with: Timestamp.oslo(done, language: language)
      )
      .replacingOccurrences(of: "{by}", with: a.doneBy ?? "")
    } else {
      stateText = req.t(state == "overdue" ? "action.overdue" : "action.open")
    }
    let source: String
    let link: String
    switch a.source {
    case .postMortem:
      source = req.t("action.from_pm").replacingOccurrences(of: "{number}", with: a.sourceRef)
      link = "/incidents/\(a.sourceRef)/post-mortem"
    case .exercise:
      source = exerciseTitles[a.sourceRef] ?? req.t("action.from_exercise")
      link = "/exercises#exercise-\(a.sourceRef)"
    }
    return ActionView(
      id: a.id.uuidString, text: a.text, owner: a.owner, due: DateField.show(a.due, language), state: state,
      stateText: stateText, source: source, link: link)
  }

  static func fieldView(
    _ req: Request, _ f: PostMortem.Field, _ pm: PostMortem?, typed: [PostMortem.Field: String], errors: FieldErrors
  ) -> FieldView {
    let text = typed[f] ?? pm?.texts[f] ?? ""
    return FieldView(
      name: f.rawValue, label: PostMortemDocument.label(f, req.language), hint: req.t("pm.hint.\(f.rawValue)"),
      text: text, missing: text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
      error: errors.first(f.rawValue).map { req.t($0) })
  }

  static func body(
    _ req: Request, _ incident: Incident, typed: [PostMortem.Field: String] = [:], action: ActionInput? = nil,
    errors: FieldErrors = FieldErrors()
  ) async throws -> Body {
    let s = try await PostMortemRepository(db: req.db).state(incident.number)
    let pm = s.postMortem
    let views = { (fields: [PostMortem.Field]) in fields.map { fieldView(req, $0, pm, typed: typed, errors: errors) } }
    return Body(
      number: incident.number.description, title: incident.title, summary: try await summary(req, incident),
      about: views([.summary, .impact]),
      rootCause: views([.technicalCause, .humanError, .systemicWeakness, .solution]),
      lessons: views([.wentWell, .wentBadly]), customer: views([.customerSummary, .customerPrevention]),
      complete: pm?.completedAt != nil,
      missing: (pm ?? PostMortem()).missing.map { PostMortemDocument.label($0, req.language) },
      actions: s.actions.map { actionView(req, $0) }, actionText: action?.text ?? "",
      actionOwner: action?.owner ?? "", actionDue: action?.due ?? "",
      owners: req.plan.roles.flatMap { $0.people.map(\.name) })
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    return try await req.page(
      "post-mortem", title: req.t("pm.title") + " – " + incident.number.description, try await body(req, incident))
  }

  static func document(_ req: Request, _ incident: Incident) async throws -> PostMortemDocument {
    let s = try await PostMortemRepository(db: req.db).state(incident.number)
    let timeline = IncidentPagesController.timelineItems(req, try await req.incidents.timeline(incident.number)).map {
      item in
      let details = ([item.label] + item.changes).joined(separator: "; ")
      return PostMortemDocument.TimelineLine(
        at: item.date, text: details + (item.text.isEmpty ? "" : ": " + item.text) + " (\(item.actor))")
    }
    let contact = req.plan.organisation.contact.map { p in
      ([p.name] + [p.email, p.phone].compactMap { $0 }).joined(separator: ", ")
    }
    return PostMortemDocument(
      organisation: req.plan.organisation.name, number: incident.number, title: incident.title,
      severity: incident.severity, startedAt: incident.occurredAt ?? incident.discoveredAt, resolvedAt: s.resolvedAt,
      postMortem: s.postMortem ?? PostMortem(), timeline: timeline, actions: s.actions, contact: contact)
  }

  /// `?version=customer` gives the customers' version; the internal one by default.
  @Sendable static func markdown(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let doc = try await document(req, incident)
    let forCustomers = (try? req.query.get(String.self, at: "version")) == "customer"
    let text =
      forCustomers ? doc.customerMarkdown(language: req.language) : doc.markdown(language: req.language, now: req.now)
    let name = forCustomers ? "hendelsesrapport-\(incident.number).md" : "etterarbeid-\(incident.number).md"
    return ReportController.markdownResponse(text, filename: name)
  }

  struct CustomerBody: Encodable {
    var number: String
    var text: String
    var missing: Bool
  }

  /// The customers' version on a page of its own, to read before sending and to print.
  @Sendable static func customer(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let doc = try await document(req, incident)
    let missing = doc.postMortem[.customerSummary].isEmpty || doc.postMortem[.customerPrevention].isEmpty
    return try await req.page(
      "post-mortem-customer", title: req.t("pm.customer_title") + " – " + incident.number.description,
      CustomerBody(
        number: incident.number.description, text: doc.customerMarkdown(language: req.language), missing: missing))
  }

  @Sendable static func save(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let form = try req.content.decode([String: String].self)
    var texts: [PostMortem.Field: String] = [:]
    var errors = FieldErrors()
    for f in PostMortem.Field.allCases {
      guard let t = form[f.rawValue] else { continue }
      if t.count > PostMortem.maxLength { errors.add(f.rawValue, "error.pm.too_long") }
      texts[f] = t
    }
    let completing = form["action"] == "complete"
    let repo = PostMortemRepository(db: req.db)
    let actor = try req.requireUser().actor
    if errors.isEmpty {
      try await repo.save(incident.number, texts: texts, actor: actor, now: req.now)
      guard completing else {
        return req.redirect(to: "/incidents/\(incident.number)/post-mortem", flash: req.t("pm.saved"))
      }
      do {
        try await repo.complete(incident.number, actor: actor, now: req.now)
        return req.redirect(to: "/incidents/\(incident.number)/post-mortem", flash: req.t("pm.completed"))
      } catch PostMortemRepository.PostMortemError.missing(let fields) {
        for f in fields { errors.add(f.rawValue, "error.pm.missing") }
      } catch PostMortemRepository.PostMortemError.alreadyComplete {
        return req.redirect(to: "/incidents/\(incident.number)/post-mortem", flash: req.t("pm.saved"))
      }
    }
    return try await req.page(
      "post-mortem", title: req.t("pm.title") + " – " + incident.number.description,
      try await body(req, incident, typed: texts, errors: errors), errors: errors, status: .unprocessableEntity)
  }

  struct ActionInput: Content {
    var text: String?
    var owner: String?
    var due: String?
  }

  /// Checks an action item's fields; errors at the fields.
  static func checked(_ input: ActionInput, now: Date, _ errors: inout FieldErrors, prefix: String = "action_")
    -> (text: String, owner: String, due: Date)?
  {
    let text = (input.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    let owner = (input.owner ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty || text.count > 2000 { errors.add(prefix + "text", "error.action.text") }
    if owner.isEmpty || owner.count > 200 || owner.contains(where: \.isNewline) {
      errors.add(prefix + "owner", "error.action.owner")
    }
    let due = DateField.parse(input.due ?? "")
    if due == nil { errors.add(prefix + "due", "error.action.due") }
    guard let due, !text.isEmpty, !owner.isEmpty, text.count <= 2000, owner.count <= 200,
      !owner.contains(where: \.isNewline)
    else { return nil }
    return (text, owner, due)
  }

  @Sendable static func addAction(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let input = try req.content.decode(ActionInput.self)
    var errors = FieldErrors()
    if let a = checked(input, now: req.now, &errors) {
      _ = try await PostMortemRepository(db: req.db).addAction(
        incident.number, text: a.text, owner: a.owner, due: a.due, actor: try req.requireUser().actor, now: req.now)
      return req.redirect(to: "/incidents/\(incident.number)/post-mortem#actions", flash: req.t("action.added"))
    }
    return try await req.page(
      "post-mortem", title: req.t("pm.title") + " – " + incident.number.description,
      try await body(req, incident, action: input), errors: errors, status: .unprocessableEntity)
  }

  struct ActionsBody: Encodable {
    /// The open items (the shared table reads `actions`).
    var actions: [ActionView]
    var done: [ActionView]
    var overdue: Int
    var showSource = true
  }

  @Sendable static func actions(req: Request) async throws -> Response {
    let items = try await ActionItemRepository(db: req.db).all()
    let exercises = try await ExerciseRepository(db: req.db).list()
    var titles: [String: String] = [:]
    for e in exercises {
      titles[e.id.uuidString] =
        req.t("exercise.kind.\(e.kind.rawValue)") + " " + DateField.show(e.heldAt, req.language)
    }
    let views = items.map { actionView(req, $0, exerciseTitles: titles) }
    return try await req.page(
      "actions", title: req.t("action.title"),
      ActionsBody(
        actions: views.filter { $0.state != "done" }, done: views.filter { $0.state == "done" },
        overdue: items.filter { $0.overdue(now: req.now) }.count))
  }

  struct DoneInput: Content {
    var back: String?
  }

  @Sendable static func actionDone(req: Request) async throws -> Response {
    guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
    let input = try req.content.decode(DoneInput.self)
    do {
      _ = try await ActionItemRepository(db: req.db).markDone(id, actor: try req.requireUser().actor, now: req.now)
    } catch PostMortemRepository.PostMortemError.unknownAction {
      throw Abort(.notFound)
    }
    let back = RedirectTarget.sameSite(input.back, fallback: "/actions")
    return req.redirect(to: back, flash: req.t("action.marked_done"))
  }
}

/// A calendar date typed in a form (`2026-12-01`), meaning the end of that day in Oslo.
enum DateField {
  static func parse(_ text: String) -> Date? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard t.count == 10, let start = Timestamp.parseLocal(t + "T00:00", timeZone: Timestamp.oslo) else { return nil }
    // Years outside 2000–2100 are typos.
    let year = Timestamp.osloYear(start)
    guard (2000...2100).contains(year) else { return nil }
    return Timestamp.osloCalendar.date(byAdding: .day, value: 1, to: start)?.addingTimeInterval(-1)
  }

  /// `01.12.2026` / `1 Dec 2026`.
  static func show(_ date: Date, _ language: Language) -> String { Timestamp.osloDate(date, language: language) }

  static func input(_ date: Date) -> String { String(Timestamp.localInput(date).prefix(10)) }
}
