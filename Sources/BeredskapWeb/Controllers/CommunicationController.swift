import BeredskapCore
import BeredskapMail
import BeredskapStore
import Vapor

/// The stakeholder matrix on the incident page: each communication due with
/// its draft and deadline, ticked off with when and how; the customers the
/// incident affects.
enum CommunicationController {
  static func register(responderForms: any RoutesBuilder) {
    responderForms.post("incidents", ":number", "communications", ":key", "done", use: done)
    responderForms.post("incidents", ":number", "customers", use: setCustomers)
    responderForms.post("incidents", ":number", "communications", ":key", "send", use: send)
  }

  struct View: Encodable {
    var key: String
    var anchor: String
    var title: String
    var when: String
    var channel: String
    var recipients: String?
    var note: String?
    var due: String
    var state: String
    var left: String
    var done: String?
    var doneNote: String?
    var subject: String
    var draft: String
    var nowInput: String
    var isAuthority: Bool
    /// E-mail to the affected customers: sent from the page.
    var canEmail: Bool
    var emailCount: Int
    var isWebhook: Bool
  }

  static func views(_ req: Request, _ incident: Incident) async throws -> [View] {
    let items = try await CommunicationRepository(db: req.db).items(incident.number, plan: req.plan)
    var report: String?
    return try await items.asyncMap { item in
      let c = item.communication
      let language = req.language
      var (subject, body) = StakeholderMatrix.draft(c, incident: incident, plan: req.plan, language: language)
      let toCustomers = c.stakeholder.audience == .customers || c.stakeholder.audience == .customerSecurity
      if c.trigger == .breach, toCustomers {
        if report == nil {
          report = try await ReportRepository(db: req.db).current(
            incident.number, plan: req.plan, language: language, now: req.now
          ).report.markdown()
        }
        body += "\n\n---\n\n" + (report ?? "")
      }
      let state: String
      if item.done != nil {
        state = "done"
      } else {
        state = DutyRules.State(due: c.due, required: true, doneAt: nil, now: req.now).rawValue
      }
      let left = ClockView.left(due: c.due, now: req.now, language: language)
      let done = item.done.map { d in
        req.t(d.outcome == .done ? "comm.done_at" : "comm.not_needed_at")
          .replacingOccurrences(of: "{at}", with: Timestamp.oslo(d.at, language: language))
          .replacingOccurrences(of: "{by}", with: d.by)
      }
      let recipients: String? =
        toCustomers
        ? (c.customers.isEmpty ? req.t("comm.no_customers") : c.customers.map(\.name).joined(separator: ", ")) : nil
      return View(
        key: c.key, anchor: "comm-" + c.key.replacingOccurrences(of: ":", with: "-"),
        title: c.stakeholder.title, when: req.t("comm.trigger.\(c.trigger.rawValue)"),
        channel: req.t("comm.channel.\(c.stakeholder.channel.rawValue)"), recipients: recipients,
        note: c.stakeholder.note, due: Timestamp.oslo(c.due, language: language), state: state, left: left,
        done: done, doneNote: item.done.flatMap { $0.note.isEmpty ? nil : $0.note }, subject: subject, draft: body,
        nowInput: Timestamp.localInput(req.now), isAuthority: c.stakeholder.audience == .authority,
        canEmail: (c.stakeholder.channel == .email && !c.addresses.isEmpty)
          || (c.stakeholder.channel == .webhook && c.stakeholder.webhookURL != nil),
        emailCount: c.stakeholder.channel == .webhook ? 1 : c.addresses.count,
        isWebhook: c.stakeholder.channel == .webhook)
    }
  }

  struct DoneInput: Content {
    var done_at: String?
    var note: String?
    var outcome: String?
  }

  @Sendable static func done(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let key = req.parameters.get("key") ?? ""
    let input = try req.content.decode(DoneInput.self)
    var errors = FieldErrors()
    let at = IncidentDraft.time(
      input.done_at, field: "done_at", required: true, now: req.now, tz: Timestamp.oslo, &errors)
    let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    if note.count > 5000 { errors.add("note", "error.summary.too_long") }
    let outcome = CommunicationRepository.Outcome(rawValue: input.outcome ?? "done") ?? .done
    if outcome == .notNeeded, note.isEmpty { errors.add("note", "error.comm.reason_required") }
    if let at, errors.isEmpty {
      do {
        try await CommunicationRepository(db: req.db).record(
          incident.number, key: key, outcome: outcome, at: at, note: note, plan: req.plan,
          actor: try req.requireUser().actor, now: req.now)
        return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.saved"))
      } catch let e as CommunicationRepository.RecordError {
        switch e {
        case .unknown: throw Abort(.notFound)
        case .alreadyDone: errors.add("done_at", "error.clock.already_done")
        case .inFuture: errors.add("done_at", "error.done_at.future")
        case .beforeDiscovery: errors.add("done_at", "error.done_at.before_discovery")
        }
      }
    }
    var body = try await IncidentPagesController.showBody(req, incident)
    body.failedCommunication = key
    return try await req.page(
      "incident", title: incident.number.description, body, errors: errors, status: .unprocessableEntity)
  }

  struct SendInput: Content {
    var subject: String?
    var body: String?

    /// The subject on one line and a text, both within bounds; errors at the fields.
    func checked(_ errors: inout FieldErrors) -> (subject: String, body: String) {
      let subject = (self.subject ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      let body = self.body ?? ""
      if subject.isEmpty || subject.count > 250 || subject.contains(where: \.isNewline) {
        errors.add("subject", "error.comm.subject")
      }
      if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || body.count > 200_000 {
        errors.add("body", "error.comm.body")
      }
      return (subject, body)
    }
  }

  /// Sends a communication by e-mail to the affected customers' addresses:
  /// queued in the outbox and recorded as done in one transaction, then sent
  /// in the background. A breach notice to customers is the processor's
  /// notice to its controllers (Art. 33(2)).
  @Sendable static func send(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let key = req.parameters.get("key") ?? ""
    let input = try req.content.decode(SendInput.self)
    let items = try await CommunicationRepository(db: req.db).items(incident.number, plan: req.plan)
    guard let item = items.first(where: { $0.communication.key == key }) else { throw Abort(.notFound) }
    let c = item.communication
    if item.done == nil, c.stakeholder.channel == .webhook, let url = c.stakeholder.webhookURL {
      return try await postWebhook(req, incident, c, url: url, input: input)
    }
    guard item.done == nil, c.stakeholder.channel == .email, !c.addresses.isEmpty else {
      return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.nothing_to_send"))
    }
    var errors = FieldErrors()
    let (subject, body) = input.checked(&errors)
    let from: MailAddress
    do {
      from = try MailSettings.sender(environment: ProcessInfo.processInfo.environment, plan: req.plan)
    } catch {
      return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("letters.no_sender"))
    }
    if errors.isEmpty {
      let kind: OutboxKind = c.trigger == .breach ? .controllerNotice : .stakeholder
      var messages: [OutboxDraft] = []
      for address in c.addresses {
        guard let to = try? MailAddress(address, field: "to"),
          let message = try? MailMessage(from: from, to: to, subject: subject, body: body, date: req.now)
        else { continue }
        messages.append(OutboxDraft(kind: kind, incidentID: incident.id, message: message))
      }
      let names = c.customers.map(\.name).joined(separator: ", ")
      let note = req.t("comm.sent_note").replacingOccurrences(of: "{count}", with: String(messages.count))
        .replacingOccurrences(of: "{names}", with: names)
      do {
        try await CommunicationRepository(db: req.db).record(
          incident.number, key: key, outcome: .done, at: req.now, note: note, plan: req.plan,
          actor: try req.requireUser().actor, now: req.now, messages: messages)
      } catch CommunicationRepository.RecordError.alreadyDone {
        return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.nothing_to_send"))
      }
      if req.sendInBackground(incidentID: incident.id, kinds: [kind]) {
        return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.sending"))
      }
      return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.queued_no_smtp"))
    }
    var page = try await IncidentPagesController.showBody(req, incident)
    page.failedCommunication = key
    return try await req.page(
      "incident", title: incident.number.description, page, errors: errors, status: .unprocessableEntity)
  }

  /// Posts a communication to the row's webhook (Slack-compatible or the signed
  /// JSON document), queued and recorded as done in one transaction.
  static func postWebhook(
    _ req: Request, _ incident: Incident, _ c: Communication, url: String, input: SendInput
  ) async throws -> Response {
    var errors = FieldErrors()
    let (subject, text) = input.checked(&errors)
    guard errors.isEmpty else {
      var page = try await IncidentPagesController.showBody(req, incident)
      page.failedCommunication = c.key
      return try await req.page(
        "incident", title: incident.number.description, page, errors: errors, status: .unprocessableEntity)
    }
    let body = Webhook.body(
      format: c.stakeholder.webhookFormat, communication: c, incident: incident, subject: subject, text: text,
      now: req.now)
    do {
      try await CommunicationRepository(db: req.db).record(
        incident.number, key: c.key, outcome: .done, at: req.now, note: req.t("comm.webhook_note"), plan: req.plan,
        actor: try req.requireUser().actor, now: req.now,
        messages: [OutboxDraft(webhook: url, body: body, incidentID: incident.id)])
    } catch CommunicationRepository.RecordError.alreadyDone {
      return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.nothing_to_send"))
    }
    req.postWebhooksInBackground(incidentID: incident.id)
    return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.webhook_sending"))
  }

  @Sendable static func setCustomers(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let ids = ((try? req.content.get([String].self, at: "customer")) ?? []).prefix(10_000)
    try await CommunicationRepository(db: req.db).setCustomers(
      incident.number, ids: Array(ids), plan: req.plan, actor: try req.requireUser().actor, now: req.now)
    return req.redirect(to: "/incidents/\(incident.number)#communications", flash: req.t("comm.customers_saved"))
  }
}

extension Sequence {
  func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
    var out: [T] = []
    for e in self { out.append(try await transform(e)) }
    return out
  }
}
