import BeredskapCore
import BeredskapStore
import Vapor

/// Publishing to the public status page: an update about an incident (API and
/// the form on the incident page) and planned maintenance (API and a page).
enum StatusUpdateController {
  static func register(
    responder: any RoutesBuilder, responderForms: any RoutesBuilder, apiResponder: any RoutesBuilder
  ) {
    apiResponder.post("incidents", ":number", "status-updates", use: apiPublish)
    apiResponder.post("maintenance", use: apiMaintenance)
    responderForms.post("incidents", ":number", "status-updates", use: formPublish)
    responder.get("maintenance", use: maintenancePage)
    responderForms.post("maintenance", use: formMaintenance)
  }

  // MARK: API

  static func json(_ u: StatusUpdate) -> JSONValue {
    .object([
      "id": .string(u.id.uuidString.lowercased()), "title": .string(u.title), "message": .string(u.message),
      "status": .string(u.status.rawValue), "components": .array(u.components.map { .string($0) }),
      "published_at": .string(Timestamp.utc(u.at)),
    ])
  }

  /// The body's fields; a field of the wrong type or an unknown one is named.
  static func draft(_ o: [String: JSONValue], allowed: [String], problems: inout [(field: String, message: String)])
    -> StatusUpdateDraft
  {
    for key in o.keys.sorted() where !allowed.contains(key) {
      problems.append((key, "is not a field here (expected one of: \(allowed.joined(separator: ", ")))"))
    }
    func text(_ key: String, required: Bool) -> String? {
      switch o[key] {
      case .string(let s)?: return s
      case nil where required:
        problems.append((key, "is required"))
        return nil
      case nil: return nil
      case let v?:
        problems.append((key, "must be a text, got \(v.quoted)"))
        return nil
      }
    }
    var components: [String] = []
    switch o["components"] {
    case nil: break
    case .array(let items)? where items.allSatisfy({ if case .string = $0 { true } else { false } }):
      components = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    case let v?: problems.append(("components", "must be a list of texts, got \(v.quoted)"))
    }
    return StatusUpdateDraft(
      title: text("title", required: true) ?? "", message: text("message", required: true) ?? "",
      components: components, status: text("status", required: false))
  }

  static func problems(_ errors: FieldErrors, plan: Plan) -> [(field: String, message: String)] {
    errors.items.map { item in
      var message = Strings.text(item.key, .en)
      if item.key == "error.status.component_unknown" {
        message += " (the plan's components: \(plan.components.joined(separator: ", ")))"
      }
      return (item.field, message)
    }
  }

  /// The shape problems and what the draft's own check finds, each field named once.
  static func merged(_ problems: [(field: String, message: String)], _ d: StatusUpdateDraft, plan: Plan)
    -> [(field: String, message: String)]
  {
    guard case .failure(let e) = d.validated(plan: plan, previous: nil) else { return problems }
    return problems + Self.problems(e, plan: plan).filter { p in !problems.contains { $0.field == p.field } }
  }

  @Sendable static func apiPublish(req: Request) async throws -> Response {
    let incident = try await IncidentAPIController.load(req)
    let o = try IncidentAPIController.body(req)
    var problems: [(field: String, message: String)] = []
    let d = draft(o, allowed: ["title", "message", "components", "status"], problems: &problems)
    guard problems.isEmpty else { throw APIProblem.validation(merged(problems, d, plan: req.plan)) }
    switch try await StatusRepository(db: req.db).publish(
      incident.number, d, plan: req.plan, actor: try req.requireUser().actor, now: req.now)
    {
    case .failure(let e): throw APIProblem.validation(Self.problems(e, plan: req.plan))
    case .success(let u):
      return try IncidentAPIController.respond(
        json(u), status: .created, headers: ["Location": "/status#incident-\(u.id.uuidString.lowercased())"])
    }
  }

  @Sendable static func apiMaintenance(req: Request) async throws -> Response {
    let o = try IncidentAPIController.body(req)
    var problems: [(field: String, message: String)] = []
    let d = draft(o, allowed: ["title", "message", "components", "starts_at", "ends_at"], problems: &problems)
    var times: [Date] = []
    for key in ["starts_at", "ends_at"] {
      if case .string(let s)? = o[key], let t = Timestamp.parse(s) {
        times.append(t)
      } else {
        problems.append((key, o[key] == nil ? "is required" : "must be an RFC 3339 time"))
      }
    }
    guard problems.isEmpty, times.count == 2 else { throw APIProblem.validation(merged(problems, d, plan: req.plan)) }
    switch try await StatusRepository(db: req.db).addMaintenance(
      d, startsAt: times[0], endsAt: times[1], plan: req.plan, actor: try req.requireUser().actor, now: req.now)
    {
    case .failure(let e): throw APIProblem.validation(Self.problems(e, plan: req.plan))
    case .success(let m):
      return try IncidentAPIController.respond(
        .object([
          "id": .string(m.id.uuidString.lowercased()), "title": .string(m.title), "message": .string(m.message),
          "components": .array(m.components.map { .string($0) }), "starts_at": .string(Timestamp.utc(m.startsAt)),
          "ends_at": .string(Timestamp.utc(m.endsAt)),
        ]), status: .created, headers: ["Location": "/status"])
    }
  }

  // MARK: Pages

  /// The status section of the incident page.
  struct Section: Encodable {
    var published: Bool
    var updates: [StatusController.UpdateView]
    var statuses: [Choice]
    var components: [Choice]
    var freeComponents: Bool
    var title: String
    var message: String
    var componentsText: String
  }

  struct Input: Content {
    var title: String?
    var message: String?
    var status: String?
    var components: String?
    var component: [String]?
    var starts_at: String?
    var ends_at: String?

    var draft: StatusUpdateDraft {
      let list =
        component ?? (components ?? "").split(whereSeparator: { $0 == "," || $0.isNewline }).map(String.init)
      return StatusUpdateDraft(
        title: title ?? "", message: message ?? "", components: Array(list.prefix(1000)), status: status)
    }
  }

  static func section(_ req: Request, _ incident: Incident, input: Input? = nil) async throws -> Section {
    let updates = try await StatusRepository(db: req.db).updates(incident.number)
    let current = updates.first?.status ?? .investigating
    let chosen = input?.status.flatMap { PublicStatus(rawValue: $0) } ?? current
    let picked = Set(input?.draft.components ?? updates.first?.components ?? [])
    let lang = req.language
    return Section(
      published: !updates.isEmpty,
      updates: updates.map { u in
        StatusController.UpdateView(
          at: Timestamp.oslo(u.at, language: lang), datetime: Timestamp.utc(u.at),
          status: StatusController.statusName(u.status, lang), title: u.title, message: u.message,
          components: u.components.joined(separator: ", "))
      },
      statuses: PublicStatus.allCases.map {
        Choice(
          value: $0.rawValue, label: StatusController.statusName($0, lang),
          hint: Strings.text("status_page.hint.\($0.rawValue)", lang), selected: $0 == chosen)
      },
      components: req.plan.components.map { Choice(value: $0, label: $0, hint: "", selected: picked.contains($0)) },
      freeComponents: req.plan.components.isEmpty, title: input?.title ?? updates.first?.title ?? "",
      message: input?.message ?? "",
      componentsText: input?.components ?? (updates.first?.components ?? []).joined(separator: ", "))
  }

  @Sendable static func formPublish(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let input = try req.content.decode(Input.self)
    switch try await StatusRepository(db: req.db).publish(
      incident.number, input.draft, plan: req.plan, actor: try req.requireUser().actor, now: req.now)
    {
    case .success:
      return req.redirect(to: "/incidents/\(incident.number)#status", flash: req.t("status_page.published"))
    case .failure(let errors):
      var body = try await IncidentPagesController.showBody(req, incident)
      body.status = try await section(req, incident, input: input)
      return try await req.page(
        "incident", title: incident.number.description, body, errors: errors, status: .unprocessableEntity)
    }
  }

  struct MaintenanceBody: Encodable {
    var upcoming: [StatusController.MaintenanceView]
    var components: [Choice]
    var freeComponents: Bool
    var values: [String: String]
  }

  static func maintenanceBody(_ req: Request, input: Input?) async throws -> MaintenanceBody {
    let page = try await StatusRepository(db: req.db).page(now: req.now)
    let lang = req.language
    let picked = Set(input?.draft.components ?? [])
    return MaintenanceBody(
      upcoming: page.maintenance.map { m in
        StatusController.MaintenanceView(
          title: m.title, message: m.message, components: m.components.joined(separator: ", "),
          from: Timestamp.oslo(m.startsAt, language: lang), to: Timestamp.oslo(m.endsAt, language: lang),
          ongoing: m.startsAt <= req.now)
      },
      components: req.plan.components.map { Choice(value: $0, label: $0, hint: "", selected: picked.contains($0)) },
      freeComponents: req.plan.components.isEmpty,
      values: [
        "title": input?.title ?? "", "message": input?.message ?? "", "components": input?.components ?? "",
        "starts_at": input?.starts_at ?? "", "ends_at": input?.ends_at ?? "",
      ])
  }

  @Sendable static func maintenancePage(req: Request) async throws -> Response {
    try await req.page("maintenance", title: req.t("maintenance.title"), try await maintenanceBody(req, input: nil))
  }

  @Sendable static func formMaintenance(req: Request) async throws -> Response {
    let input = try req.content.decode(Input.self)
    var errors = FieldErrors()
    func time(_ text: String?, _ field: String) -> Date? {
      let t = (text ?? "").trimmingCharacters(in: .whitespaces)
      guard !t.isEmpty else {
        errors.add(field, "error.maintenance.time_required")
        return nil
      }
      guard let d = Timestamp.parse(t) ?? Timestamp.parseLocal(t, timeZone: Timestamp.oslo) else {
        errors.add(field, "error.time.invalid")
        return nil
      }
      return d
    }
    let start = time(input.starts_at, "starts_at")
    let end = time(input.ends_at, "ends_at")
    if let start, let end, errors.isEmpty {
      switch try await StatusRepository(db: req.db).addMaintenance(
        input.draft, startsAt: start, endsAt: end, plan: req.plan, actor: try req.requireUser().actor, now: req.now)
      {
      case .success: return req.redirect(to: "/maintenance", flash: req.t("maintenance.saved"))
      case .failure(let e): errors.items += e.items
      }
    } else {
      if case .failure(let e) = input.draft.validated(plan: req.plan, previous: nil) { errors.items += e.items }
    }
    return try await req.page(
      "maintenance", title: req.t("maintenance.title"), try await maintenanceBody(req, input: input), errors: errors,
      status: .unprocessableEntity)
  }
}
