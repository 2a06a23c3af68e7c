import BeredskapCore
import BeredskapStore
import Vapor

/// The report to Datatilsynet: drafted per section from the facts, edited
/// per section, copied section by section into the authority's form, printed
/// or exported, and frozen on the notification record when it is sent.
enum ReportController {
  static func register(viewer: any RoutesBuilder, responderForms: any RoutesBuilder, api: any RoutesBuilder) {
    viewer.get("incidents", ":number", "report", use: show)
    viewer.get("incidents", ":number", "report", "print", use: print)
    viewer.get("incidents", ":number", "report", "markdown", use: markdown)
    responderForms.post("incidents", ":number", "report", "sections", ":section", use: saveSection)
    responderForms.post("incidents", ":number", "report", "send", use: send)
    api.get("incidents", ":number", "report", use: apiReport)
  }

  struct SectionView: Encodable {
    var id: String
    var number: Int
    var title: String
    var text: String
    var missing: [String]
    var edited: Bool
    var editedBy: String?
    var rows: Int
  }

  struct MissingView: Encodable {
    var section: String
    var title: String
    var item: String
  }

  struct SentView: Encodable {
    var phase: Int
    var at: String
    var by: String
    var reference: String?
    var complete: Bool
    var content: String
    var sha256: String
  }

  struct Body: Encodable {
    var incident: IncidentView
    var phase: Int
    var heading: [String]
    var sections: [SectionView]
    var missing: [MissingView]
    var canSend: Bool
    var due: String?
    var late: Bool
    var sent: [SentView]
    var required: Bool
    var sendAt: String
    var reference: String
    var delayReason: String
    var incomplete: Bool
    var editing: String?
    var editText: String
    var printedAt: String
  }

  static func current(_ req: Request, _ incident: Incident, delayReason: String? = nil) async throws
    -> ReportRepository.Current
  {
    try await ReportRepository(db: req.db).current(
      incident.number, plan: req.plan, language: req.language, now: req.now, delayReason: delayReason)
  }

  static func body(
    _ req: Request, _ incident: Incident, _ c: ReportRepository.Current, sendAt: String? = nil, reference: String = "",
    delayReason: String = "", incomplete: Bool = false, editing: String? = nil, editText: String = ""
  ) -> Body {
    let r = c.report
    let sections = r.parts.enumerated().map { i, p in
      SectionView(
        id: p.section.rawValue, number: i + 1, title: p.title, text: p.text, missing: p.missing, edited: p.edited,
        editedBy: p.editedBy, rows: min(24, max(4, p.text.split(separator: "\n").count + 2)))
    }
    let missing = r.parts.flatMap { p in
      p.missing.map { MissingView(section: p.section.rawValue, title: p.section.title(req.language), item: $0) }
    }
    let sent = c.sent.map {
      SentView(
        phase: $0.phase, at: Timestamp.oslo($0.sentAt, language: req.language), by: $0.sentBy, reference: $0.reference,
        complete: $0.complete, content: $0.content, sha256: Secrets.sha256Hex($0.content))
    }
    return Body(
      incident: IncidentView(incident, plan: req.plan, language: req.language, now: req.now), phase: r.phase,
      heading: r.heading, sections: sections, missing: missing, canSend: c.duty != nil,
      due: c.due.map { Timestamp.oslo($0, language: req.language) }, late: c.due.map { req.now > $0 } ?? false,
      sent: sent, required: c.duty != nil || !c.sent.isEmpty,
      sendAt: sendAt ?? Timestamp.localInput(req.now), reference: reference, delayReason: delayReason,
      incomplete: incomplete, editing: editing, editText: editText,
      printedAt: Timestamp.oslo(req.now, language: req.language))
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let c = try await current(req, incident)
    return try await req.page(
      "report", title: req.t("report.title") + " – " + incident.number.description, body(req, incident, c))
  }

  @Sendable static func print(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let c = try await current(req, incident)
    return try await req.page(
      "report-print", title: req.t("report.title") + " – " + incident.number.description, body(req, incident, c))
  }

  /// The report as a Markdown file; the name carries the incident number only.
  @Sendable static func markdown(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let c = try await current(req, incident)
    let response = markdownResponse(c.report)
    response.headers.replaceOrAdd(
      name: .contentDisposition, value: "attachment; filename=\"melding-\(incident.number)-\(c.report.phase).md\"")
    return response
  }

  static func markdownResponse(_ report: AuthorityReport) -> Response {
    var headers = HTTPHeaders()
    headers.contentType = HTTPMediaType(type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
    return Response(status: .ok, headers: headers, body: .init(string: report.markdown()))
  }

  /// A Markdown download; the file name carries no personal data.
  static func markdownResponse(_ text: String, filename: String) -> Response {
    var headers = HTTPHeaders()
    headers.contentType = HTTPMediaType(type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
    headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
    return Response(status: .ok, headers: headers, body: .init(string: text))
  }

  struct SectionInput: Content {
    var text: String?
    var action: String?
  }

  /// Saves a section written over by a person, or gives it back to the draft.
  @Sendable static func saveSection(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    guard let section = req.parameters.get("section").flatMap(AuthorityReport.Section.init(rawValue:)) else {
      throw Abort(.notFound)
    }
    let input = try req.content.decode(SectionInput.self)
    let reset = input.action == "reset"
    let text = input.text ?? ""
    let c = try await current(req, incident)
    if !reset {
      var errors = FieldErrors()
      if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        errors.add("text-\(section.rawValue)", "error.report.section_empty")
      } else if text.count > 20_000 {
        errors.add("text-\(section.rawValue)", "error.report.section_too_long")
      }
      if !errors.isEmpty {
        return try await req.page(
          "report", title: req.t("report.title") + " – " + incident.number.description,
          body(req, incident, c, editing: section.rawValue, editText: String(text.prefix(20_000))), errors: errors,
          status: .unprocessableEntity)
      }
    }
    try await ReportRepository(db: req.db).setSection(
      incident.number, phase: c.report.phase, section: section, text: reset ? nil : text,
      actor: try req.requireUser().actor, now: req.now)
    return req.redirect(
      to: "/incidents/\(incident.number)/report#section-\(section.rawValue)",
      flash: req.t(reset ? "report.section_reset" : "report.section_saved"))
  }

  struct SendInput: Content {
    var sent_at: String?
    var reference: String?
    var delay_reason: String?
    var incomplete: String?
  }

  /// Records that the report was sent: the text as it stands is frozen on the
  /// notification record (its hash on the audit trail) and the clock stops.
  @Sendable static func send(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let input = try req.content.decode(SendInput.self)
    let reason = String((input.delay_reason ?? "").prefix(5000))
    let reference = String((input.reference ?? "").prefix(200))
    let incomplete = input.incomplete == "on"
    let c = try await current(req, incident, delayReason: reason)
    var errors = FieldErrors()
    let at = IncidentDraft.time(
      input.sent_at, field: "sent_at", required: true, now: req.now, tz: Timestamp.oslo, &errors)
    guard let duty = c.duty else {
      return req.redirect(to: "/incidents/\(incident.number)/report", flash: req.t("report.nothing_due"))
    }
    if let at, errors.isEmpty {
      do {
        try await AssessmentRepository(db: req.db).complete(
          incident.number, kind: duty.description, at: at, reference: reference, delayReason: reason,
          actor: try req.requireUser().actor, now: req.now, plan: req.plan, notificationComplete: !incomplete,
          content: c.report.markdown())
        return req.redirect(to: "/incidents/\(incident.number)/report#sent", flash: req.t("report.sent_saved"))
      } catch let e as AssessmentRepository.CompletionError {
        switch e {
        case .unknownDuty, .alreadyDone: errors.add("sent_at", "error.clock.already_done")
        case .reasonRequired: errors.add("delay_reason", "error.delay_reason.required")
        case .inFuture: errors.add("sent_at", "error.done_at.future")
        case .beforeDiscovery: errors.add("sent_at", "error.done_at.before_discovery")
        }
      }
    }
    return try await req.page(
      "report", title: req.t("report.title") + " – " + incident.number.description,
      body(
        req, incident, c, sendAt: input.sent_at ?? "", reference: reference, delayReason: reason,
        incomplete: incomplete), errors: errors, status: .unprocessableEntity)
  }

  /// `GET /api/v1/incidents/{number}/report?format=md|json&lang=nb|en`.
  @Sendable static func apiReport(req: Request) async throws -> Response {
    let incident = try await IncidentAPIController.load(req)
    let format = req.query[String.self, at: "format"] ?? "json"
    guard format == "json" || format == "md" else {
      throw APIProblem.validation([("format", "must be md or json")])
    }
    let language = Language(code: req.query[String.self, at: "lang"])
    let c = try await ReportRepository(db: req.db).current(
      incident.number, plan: req.plan, language: language, now: req.now)
    if format == "md" { return markdownResponse(c.report) }
    var headers = HTTPHeaders()
    headers.contentType = .json
    return Response(status: .ok, headers: headers, body: .init(data: c.report.json(pretty: false)))
  }
}
