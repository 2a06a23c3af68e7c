import BeredskapCore
import BeredskapStore
import Vapor

/// `/api/v1/incidents`: the contract's routes plus what the pages do.
enum IncidentAPIController {
  static func register(viewer: any RoutesBuilder, responder: any RoutesBuilder) {
    viewer.get("incidents", use: list)
    responder.post("incidents", use: create)
    viewer.get("incidents", ":number", use: show)
    responder.patch("incidents", ":number", use: update)
    viewer.get("incidents", ":number", "timeline", use: timeline)
    responder.post("incidents", ":number", "notes", use: addNote)
  }

  static let fields = [
    "title", "summary", "severity", "status", "discovered_at", "discovered_by", "occurred_at", "systems_affected",
    "attack_vector", "owner_email",
  ]

  static func json(_ i: Incident, plan: Plan) -> JSONValue {
    .object([
      "number": .string(i.number.description), "title": .string(i.title), "summary": .string(i.summary),
      "severity": .number(Double(i.severity)), "severity_name": .string(plan.severity(i.severity)?.name ?? ""),
      "status": .string(i.status.rawValue), "discovered_at": .string(Timestamp.utc(i.discoveredAt)),
      "discovered_by": .string(i.discoveredBy), "occurred_at": i.occurredAt.map { .string(Timestamp.utc($0)) } ?? .null,
      "systems_affected": .array(i.systemsAffected.map { .string($0) }),
      "attack_vector": i.attackVector.map { .string($0) } ?? .null,
      "owner": i.ownerID.map { .object(["id": .string($0.uuidString), "name": .string(i.ownerName ?? "")]) } ?? .null,
      "created_at": .string(Timestamp.utc(i.createdAt)), "updated_at": .string(Timestamp.utc(i.updatedAt)),
    ])
  }

  static func respond(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) throws -> Response {
    var h = headers
    h.contentType = .json
    return Response(status: status, headers: h, body: .init(data: value.serialized()))
  }

  /// The request body as a JSON object, or a problem naming what is wrong.
  static func body(_ req: Request) throws -> [String: JSONValue] {
    guard req.headers.contentType?.subType == "json" || req.headers.contentType == nil else {
      throw APIProblem(status: .unsupportedMediaType, title: "Unsupported media type", detail: "Send application/json.")
    }
    guard let buffer = req.body.data, let value = try? JSONValue.parse(Data(buffer: buffer)) else {
      throw APIProblem.validation([("(body)", "must be a JSON object")])
    }
    guard case .object(let o) = value else { throw APIProblem.validation([("(body)", "must be a JSON object")]) }
    return o
  }

  /// Reads the incident fields into a draft; type errors name the field.
  static func draft(_ o: [String: JSONValue], base: IncidentDraft, problems: inout [(field: String, message: String)])
    -> IncidentDraft
  {
    var d = base
    for key in o.keys.sorted() where !fields.contains(key) && key != "close_reason" {
      problems.append((key, "is not a field of an incident (check the spelling)"))
    }
    func string(_ key: String, nullable: Bool = false) -> String?? {
      guard let v = o[key] else { return .none }
      switch v {
      case .string(let s): return .some(s)
      case .null where nullable: return .some(nil)
      default:
        problems.append((key, "must be a text\(nullable ? " or null" : ""), got \(v.quoted)"))
        return .none
      }
    }
    if let s = string("title") { d.title = s }
    if let s = string("summary") { d.summary = s }
    if let s = string("status") { d.status = s }
    if let s = string("discovered_at") { d.discoveredAt = s }
    if let s = string("discovered_by") { d.discoveredBy = s }
    if let s = string("occurred_at", nullable: true) { d.occurredAt = s ?? "" }
    if let s = string("attack_vector", nullable: true) { d.attackVector = s ?? "" }
    if let s = string("owner_email", nullable: true) { d.owner = s ?? "" }
    if let v = o["severity"] {
      if case .number(let n) = v, n.rounded() == n, (1...4).contains(n) {
        d.severity = String(Int(n))
      } else {
        problems.append(("severity", "must be a whole number from 1 to 4, got \(v.quoted)"))
        d.severity = "1"
      }
    }
    if let v = o["systems_affected"] {
      if case .array(let items) = v, items.allSatisfy({ if case .string = $0 { true } else { false } }) {
        d.systemsAffected = items.compactMap { if case .string(let s) = $0 { s } else { nil } }.joined(separator: "\n")
      } else {
        problems.append(("systems_affected", "must be a list of texts, got \(v.quoted)"))
      }
    }
    return d
  }

  /// Validates and resolves the owner; throws a problem listing every field.
  static func validate(_ req: Request, _ d: IncidentDraft, problems: [(field: String, message: String)]) async throws
    -> (IncidentDraft.Valid, UUID?)
  {
    var problems = problems
    var valid: IncidentDraft.Valid?
    switch d.validate(now: req.now) {
    case .success(let v): valid = v
    case .failure(let e):
      for item in e.items where !problems.contains(where: { $0.field == item.field }) {
        problems.append((item.field, Strings.text(item.key, .en)))
      }
    }
    var owner: UUID?
    if let email = d.owner, !email.isEmpty {
      if let u = try await req.users.find(email: email), !u.disabled {
        owner = u.id
      } else {
        problems.append(("owner_email", "is not the e-mail address of an active user"))
      }
    }
    guard problems.isEmpty, let valid else { throw APIProblem.validation(problems) }
    return (valid, owner)
  }

  @Sendable static func create(req: Request) async throws -> Response {
    let o = try body(req)
    var problems: [(field: String, message: String)] = []
    for key in ["title", "severity", "discovered_at", "discovered_by"] where o[key] == nil {
      problems.append((key, "is required"))
    }
    let d = draft(o, base: IncidentDraft(), problems: &problems)
    let (valid, owner) = try await validate(req, d, problems: problems)
    let incident = try await req.incidents.create(
      valid, ownerID: owner, actor: try req.requireUser().actor, now: req.now,
      provisional: DutyRules.provisional(discoveredAt: valid.discoveredAt, plan: req.plan))
    return try respond(
      json(incident, plan: req.plan), status: .created, headers: ["Location": "/api/v1/incidents/\(incident.number)"])
  }

  static func load(_ req: Request) async throws -> Incident {
    guard let n = req.parameters.get("number").flatMap(IncidentNumber.init), let i = try await req.incidents.find(n)
    else { throw APIProblem(status: .notFound, title: "Not found", detail: "No incident with that number.") }
    return i
  }

  @Sendable static func show(req: Request) async throws -> Response {
    try respond(json(try await load(req), plan: req.plan))
  }

  @Sendable static func update(req: Request) async throws -> Response {
    let incident = try await load(req)
    let o = try body(req)
    var base = IncidentDraft()
    base.title = incident.title
    base.summary = incident.summary
    base.severity = String(incident.severity)
    base.status = incident.status.rawValue
    base.discoveredAt = Timestamp.utc(incident.discoveredAt)
    base.discoveredBy = incident.discoveredBy
    base.occurredAt = incident.occurredAt.map(Timestamp.utc)
    base.systemsAffected = incident.systemsAffected.joined(separator: "\n")
    base.attackVector = incident.attackVector
    if let ownerID = incident.ownerID { base.owner = try await req.users.find(id: ownerID)?.email }
    var problems: [(field: String, message: String)] = []
    let d = draft(o, base: base, problems: &problems)
    let (valid, owner) = try await validate(req, d, problems: problems)
    var closeReason: String?
    switch o["close_reason"] {
    case nil, .null?: break
    case .string(let s)? where s.count <= 5000: closeReason = s
    case let v?:
      throw APIProblem.validation([("close_reason", "must be a text of at most 5000 characters, got \(v.quoted)")])
    }
    let updated: Incident
    do {
      updated = try await req.incidents.update(
        incident.number, with: valid, ownerID: owner, actor: try req.requireUser().actor, now: req.now,
        closeReason: closeReason)
    } catch IncidentError.closeReasonRequired(let unmet) {
      throw APIProblem.validation([
        (
          "close_reason",
          "is required: closing while legal duties are unmet (\(unmet.map(\.description).joined(separator: ", ")))"
        )
      ])
    }
    return try respond(json(try await req.incidents.find(updated.number) ?? updated, plan: req.plan))
  }

  @Sendable static func list(req: Request) async throws -> Response {
    var problems: [(field: String, message: String)] = []
    let limitText = req.query[String.self, at: "limit"]
    let limit = limitText.map { Int($0) ?? -1 } ?? 50
    if !(1...200).contains(limit) { problems.append(("limit", "must be a whole number from 1 to 200")) }
    let cursorText = req.query[String.self, at: "cursor"]
    let cursor = cursorText.flatMap(IncidentNumber.init)
    if cursorText != nil, cursor == nil {
      problems.append(("cursor", "must be an incident number such as INC-2026-001"))
    }
    let statusText = req.query[String.self, at: "status"]
    if let s = statusText, s != "open", s != "all" { problems.append(("status", "must be open or all")) }
    guard problems.isEmpty else { throw APIProblem.validation(problems) }
    let page = try await req.incidents.list(after: cursor, limit: limit, openOnly: statusText == "open")
    return try respond(
      .object([
        "incidents": .array(page.incidents.map { json($0, plan: req.plan) }),
        "next_cursor": page.nextCursor.map { .string($0.description) } ?? .null,
      ]))
  }

  @Sendable static func timeline(req: Request) async throws -> Response {
    let incident = try await load(req)
    let events = try await req.incidents.timeline(incident.number)
    return try respond(
      .object([
        "events": .array(
          events.map {
            .object([
              "at": .string(Timestamp.utc($0.at)), "actor": .string($0.actor), "kind": .string($0.kind),
              "text": .string($0.text),
              "changes": .object($0.changes.mapValues { .array($0.map { .string($0) }) }),
            ])
          })
      ]))
  }

  @Sendable static func addNote(req: Request) async throws -> Response {
    let incident = try await load(req)
    let o = try body(req)
    var problems: [(field: String, message: String)] = []
    for key in o.keys.sorted() where key != "text" { problems.append((key, "is not a field of a note")) }
    var text = ""
    switch o["text"] {
    case .string(let s)?:
      text = s.trimmingCharacters(in: .whitespacesAndNewlines)
      if text.isEmpty { problems.append(("text", "may not be empty")) }
      if text.count > 5000 { problems.append(("text", "can have at most 5000 characters")) }
    case nil: problems.append(("text", "is required"))
    case let v?: problems.append(("text", "must be a text, got \(v.quoted)"))
    }
    guard problems.isEmpty else { throw APIProblem.validation(problems) }
    try await req.incidents.addNote(incident.number, text: text, actor: try req.requireUser().actor, now: req.now)
    return try respond(.object(["status": .string("added")]), status: .created)
  }
}

/// `/api/v1/me` and user administration.
enum UserAPIController {
  static func register(viewer: any RoutesBuilder, admin: any RoutesBuilder) {
    viewer.get("me", use: me)
    admin.get("users", use: list)
  }

  static func json(_ u: UserRecord) -> JSONValue {
    .object([
      "id": .string(u.id!.uuidString), "email": .string(u.email), "name": .string(u.name), "role": .string(u.role),
      "two_factor": .bool(u.totpEnabled), "disabled": .bool(u.disabled),
    ])
  }

  @Sendable static func me(req: Request) async throws -> Response {
    guard let u = try await req.users.find(id: try req.requireUser().id) else { throw Abort(.unauthorized) }
    return try IncidentAPIController.respond(json(u))
  }

  @Sendable static func list(req: Request) async throws -> Response {
    try IncidentAPIController.respond(.object(["users": .array(try await req.users.all().map(json))]))
  }
}
