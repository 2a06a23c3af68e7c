import BeredskapCore
import BeredskapStore
import Vapor

/// The incident pages: list, register, view with timeline, edit, notes, print.
enum IncidentPagesController {
  static func register(viewer: any RoutesBuilder, responder: any RoutesBuilder, responderForms: any RoutesBuilder) {
    viewer.get("incidents", use: list)
    responder.get("incidents", "new", use: new)
    responderForms.post("incidents", use: create)
    viewer.get("incidents", ":number", use: show)
    viewer.get("incidents", ":number", "print", use: print)
    responder.get("incidents", ":number", "edit", use: edit)
    responderForms.post("incidents", ":number", use: update)
    responderForms.post("incidents", ":number", "notes", use: addNote)
    responderForms.post("incidents", ":number", "clocks", ":kind", "done", use: clockDone)
  }

  static func number(_ req: Request) throws -> IncidentNumber {
    guard let n = req.parameters.get("number").flatMap(IncidentNumber.init) else { throw Abort(.notFound) }
    return n
  }

  static func load(_ req: Request) async throws -> Incident {
    guard let i = try await req.incidents.find(try number(req)) else { throw Abort(.notFound) }
    return i
  }

  struct ListBody: Encodable {
    var incidents: [IncidentView]
    var next: String?
  }

  @Sendable static func list(req: Request) async throws -> Response {
    let cursor = (try? req.query.get(String.self, at: "after")).flatMap(IncidentNumber.init)
    let page = try await req.incidents.list(after: cursor, limit: 50)
    let views = page.incidents.map { IncidentView($0, plan: req.plan, language: req.language, now: req.now) }
    return try await req.page(
      "incidents", title: req.t("incident.all_title"), ListBody(incidents: views, next: page.nextCursor?.description))
  }

  struct FormBody: Encodable {
    var values: IncidentFormValues
    var severities: [Choice]
    var statuses: [Choice]
    var owners: [Choice]
    var action: String
    var isEdit: Bool
    var number: String?
  }

  static func formBody(
    _ req: Request, values: IncidentFormValues, action: String, number: String?
  ) async throws -> FormBody {
    let severities = req.plan.severities.map {
      Choice(
        value: String($0.level), label: "\($0.level) – \($0.name)", hint: $0.description,
        selected: values.severity == String($0.level))
    }
    let statuses = IncidentStatus.allCases.map {
      Choice(
        value: $0.rawValue, label: req.t("status.\($0.rawValue)"), hint: "", selected: values.status == $0.rawValue)
    }
    let owners = try await req.users.all().filter { !$0.disabled && $0.role != Role.viewer.rawValue }.map {
      Choice(value: $0.id!.uuidString, label: $0.name, hint: "", selected: values.owner == $0.id!.uuidString)
    }
    return FormBody(
      values: values, severities: severities, statuses: statuses, owners: owners, action: action,
      isEdit: number != nil, number: number)
  }

  @Sendable static func new(req: Request) async throws -> Response {
    var values = IncidentFormValues()
    values.discoveredAt = Timestamp.localInput(req.now)
    values.owner = req.currentUser?.id.uuidString ?? ""
    return try await req.page(
      "incident-form", title: req.t("incident.new_title"),
      try await formBody(req, values: values, action: "/incidents", number: nil))
  }

  struct FormInput: Content {
    var title: String?
    var summary: String?
    var severity: String?
    var status: String?
    var discovered_at: String?
    var discovered_by: String?
    var occurred_at: String?
    var systems_affected: String?
    var attack_vector: String?
    var owner: String?
    var close_reason: String?

    var draft: IncidentDraft {
      var d = IncidentDraft()
      d.title = title
      d.summary = summary
      d.severity = severity
      d.status = status
      d.discoveredAt = discovered_at
      d.discoveredBy = discovered_by
      d.occurredAt = occurred_at
      d.systemsAffected = systems_affected
      d.attackVector = attack_vector
      d.owner = owner
      return d
    }
  }

  /// Validates the form and the owner; on errors re-renders it with every message.
  static func validated(
    _ req: Request, action: String, number: String?
  ) async throws -> FormOutcome {
    let draft = try req.content.decode(FormInput.self).draft
    var errors = FieldErrors()
    var valid: IncidentDraft.Valid?
    switch draft.validate(now: req.now) {
    case .success(let v): valid = v
    case .failure(let e): errors = e
    }
    var owner: UUID?
    if let o = draft.owner, !o.isEmpty {
      if let id = UUID(uuidString: o), let u = try await req.users.find(id: id), !u.disabled {
        owner = id
      } else {
        errors.add("owner", "error.owner.unknown")
      }
    }
    if let valid, errors.isEmpty { return .valid(valid, owner) }
    let title = req.t(number == nil ? "incident.new_title" : "incident.edit_title")
    return .rejected(
      try await req.page(
        "incident-form", title: title,
        try await formBody(req, values: IncidentFormValues(draft), action: action, number: number), errors: errors,
        status: .unprocessableEntity))
  }

  enum FormOutcome {
    case valid(IncidentDraft.Valid, UUID?)
    case rejected(Response)
  }

  @Sendable static func create(req: Request) async throws -> Response {
    switch try await validated(req, action: "/incidents", number: nil) {
    case .rejected(let page): return page
    case .valid(let valid, let owner):
      let user = try req.requireUser()
      let incident = try await req.incidents.create(
        valid, ownerID: owner, actor: user.actor, now: req.now,
        provisional: DutyRules.provisional(discoveredAt: valid.discoveredAt, plan: req.plan))
      let message = req.t("incident.created").replacingOccurrences(of: "{number}", with: incident.number.description)
      return req.redirect(to: "/incidents/\(incident.number)", flash: message)
    }
  }

  struct TimelineItem: Encodable {
    var at: String
    var actor: String
    var kind: String
    var label: String
    var text: String
    var changes: [String]
    /// When, for documents that write it their own way.
    var date = Date.distantPast
  }

  struct ShowBody: Encodable {
    var incident: IncidentView
    var timeline: [TimelineItem]
    var note: String
    var printedAt: String
    var assessment: AssessmentView?
    var clocks: [ClockView]
    var failedClock: String?
    var delayReason: String
    var reference: String
    /// The stored affected persons, counts only.
    var people: PeopleView?
    /// The outcome of an upload on this request.
    var upload: SubjectsController.UploadView?
    var communications: [CommunicationController.View] = []
    var customers: [Choice] = []
    var failedCommunication: String?
    var runbooks: RunbookController.Section? = nil
    var postMortem: PostMortemController.Summary? = nil
    /// The public status page: what was published, and the form.
    var status: StatusUpdateController.Section? = nil
    /// The response stages and the restore (issue 9 point 1).
    var stages: StagesController.View? = nil
  }

  static func showBody(
    _ req: Request, _ incident: Incident, note: String = "", failedClock: String? = nil, delayReason: String = "",
    reference: String = "", upload: SubjectsController.UploadView? = nil
  ) async throws -> ShowBody {
    let assessments = AssessmentRepository(db: req.db)
    let latest = try await assessments.history(incident.number).first
    let clocks = try await assessments.clocks(incident.number).map {
      ClockView($0, language: req.language, now: req.now)
    }
    let items = timelineItems(req, try await req.incidents.timeline(incident.number))
    let affected = Set(try await CommunicationRepository(db: req.db).customers(incident.number))
    var body = ShowBody(
      incident: IncidentView(incident, plan: req.plan, language: req.language, now: req.now), timeline: items,
      note: note, printedAt: Timestamp.oslo(req.now, language: req.language),
      assessment: AssessmentView(latest, discoveredAt: incident.discoveredAt, plan: req.plan, language: req.language),
      clocks: clocks,
      failedClock: failedClock, delayReason: delayReason, reference: reference,
      people: PeopleView(
        try await AffectedPeopleRepository.summary(incidentID: incident.id, on: req.db), language: req.language),
      upload: upload,
      communications: try await CommunicationController.views(req, incident),
      customers: req.plan.customers.map {
        Choice(value: $0.id, label: $0.name, hint: "", selected: affected.contains($0.id))
      })
    body.runbooks = try await RunbookController.section(req, incident)
    body.postMortem = try await PostMortemController.summary(req, incident)
    body.status = try await StatusUpdateController.section(req, incident)
    body.stages = try await StagesController.view(req, incident)
    return body
  }

  /// The timeline's entries in the reader's words: what happened, the changes, the text.
  static func timelineItems(_ req: Request, _ events: [IncidentRepository.TimelineEvent]) -> [TimelineItem] {
    let items = events.map { e in
      if let item = StagesController.timelineItem(req, e) { return item }
      if e.kind == TimelineKind.communication.rawValue || e.kind == TimelineKind.customers.rawValue {
        var label = req.t("timeline.\(e.kind)")
        if let key = e.changes["communication"]?.first,
          let row = req.plan.stakeholders.first(where: { key.hasPrefix($0.id + ":") })
        {
          let trigger = String(key.dropFirst(row.id.count + 1))
          label += ": " + row.title + " (" + req.t("comm.trigger.\(trigger)") + ")"
          if e.changes["outcome"] == ["not_needed"] { label += " – " + req.t("comm.not_needed") }
        }
        return TimelineItem(
          at: Timestamp.oslo(e.at, language: req.language), actor: e.actor, kind: e.kind, label: label, text: e.text,
          changes: [])
      }
      if e.kind == TimelineKind.runbook.rawValue || e.kind == TimelineKind.postMortem.rawValue {
        let action = e.changes["action"]?.first ?? ""
        var label = req.t("timeline.\(e.kind).\(action)")
        if let step = e.changes["step"]?.first { label = label.replacingOccurrences(of: "{step}", with: step) }
        if let id = e.changes["runbook"]?.first, action != "attach", let rb = req.plan.runbook(id) {
          label += " (" + rb.title + ")"
        }
        if e.changes["late"] == ["true"] { label += " – " + req.t("runbook.late") }
        if let fields = e.changes["fields"] {
          label +=
            ": "
            + fields.compactMap { PostMortem.Field(rawValue: $0) }
            .map { PostMortemDocument.label($0, req.language) }.joined(separator: ", ")
        }
        if let due = e.changes["due"]?.first.flatMap(Timestamp.parse), let owner = e.changes["owner"]?.first {
          label += " (" + owner + ", " + DateField.show(due, req.language) + ")"
        }
        return TimelineItem(
          at: Timestamp.oslo(e.at, language: req.language), actor: e.actor, kind: e.kind, label: label, text: e.text,
          changes: [])
      }
      if e.kind == TimelineKind.statusUpdate.rawValue {
        let state = (e.changes["public_status"]?.first).flatMap { PublicStatus(rawValue: $0) }
        let components = e.changes["components"] ?? []
        return TimelineItem(
          at: Timestamp.oslo(e.at, language: req.language), actor: e.actor, kind: e.kind,
          label: req.t("timeline.status_update")
            + (state.map { ": " + StatusController.statusName($0, req.language) } ?? ""),
          text: e.text,
          changes: components.isEmpty
            ? [] : [req.t("status_page.components") + ": " + components.joined(separator: ", ")])
      }
      if e.kind == TimelineKind.measure.rawValue {
        let planned = e.changes["planned"] == ["true"]
        return TimelineItem(
          at: Timestamp.oslo(e.at, language: req.language), actor: e.actor, kind: e.kind,
          label: req.t("timeline.measure") + (planned ? " (" + req.t("incident.planned") + ")" : ""), text: e.text,
          changes: [])
      }
      return TimelineItem(
        at: Timestamp.oslo(e.at, language: req.language), actor: e.actor, kind: e.kind,
        label: req.t("timeline.\(e.kind)"), text: e.text,
        changes: e.changes.keys.sorted().map { field in
          let change = e.changes[field]!
          let name = req.t("field.\(field)")
          if field == "facts" || e.kind == TimelineKind.subjects.rawValue {
            return "\(name): \(change.joined(separator: ", "))"
          }
          guard change.count == 2 else { return name }
          let shown = change.map { value -> String in
            switch field {
            case "status": return req.t("status.\(value)")
            case "risk": return value.isEmpty ? "" : riskName(RiskLevel(rawValue: value) ?? .none, req.language)
            case _ where field.hasPrefix("notify_"):
              return value.isEmpty ? "" : req.t(value == "true" ? "common.yes" : "common.no")
            default: return value
            }
          }
          return "\(name): \(shown[0].isEmpty ? "–" : shown[0]) → \(shown[1].isEmpty ? "–" : shown[1])"
        })
    }
    return zip(events, items).map { event, item in
      var item = item
      item.date = event.at
      return item
    }
  }

  struct ClockInput: Content {
    var done_at: String?
    var reference: String?
    var delay_reason: String?
    var incomplete: String?
    var content: String?
  }

  /// Stops a clock: when, by whom (the signed-in person), with a reference.
  @Sendable static func clockDone(req: Request) async throws -> Response {
    let incident = try await load(req)
    let kind = req.parameters.get("kind") ?? ""
    let input = try req.content.decode(ClockInput.self)
    var errors = FieldErrors()
    let doneAt = IncidentDraft.time(
      input.done_at, field: "done_at", required: true, now: req.now, tz: Timestamp.oslo, &errors)
    if let doneAt {
      do {
        try await AssessmentRepository(db: req.db).complete(
          incident.number, kind: kind, at: doneAt, reference: input.reference, delayReason: input.delay_reason,
          actor: try req.requireUser().actor, now: req.now, plan: req.plan,
          notificationComplete: !(ClockView.isNotification(kind) && input.incomplete == "on"), content: input.content)
        return req.redirect(to: "/incidents/\(incident.number)#clocks", flash: req.t("clock.saved"))
      } catch let e as AssessmentRepository.CompletionError {
        switch e {
        case .unknownDuty: throw Abort(.notFound)
        case .alreadyDone: errors.add("done_at", "error.clock.already_done")
        case .reasonRequired: errors.add("delay_reason", "error.delay_reason.required")
        case .inFuture: errors.add("done_at", "error.done_at.future")
        case .beforeDiscovery: errors.add("done_at", "error.done_at.before_discovery")
        }
      }
    }
    return try await req.page(
      "incident", title: incident.number.description,
      try await showBody(
        req, incident, failedClock: kind, delayReason: input.delay_reason ?? "", reference: input.reference ?? ""),
      errors: errors, status: .unprocessableEntity)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let incident = try await load(req)
    return try await req.page(
      "incident", title: incident.number.description + " " + incident.title, try await showBody(req, incident))
  }

  @Sendable static func print(req: Request) async throws -> Response {
    let incident = try await load(req)
    return try await req.page("incident-print", title: incident.number.description, try await showBody(req, incident))
  }

  @Sendable static func edit(req: Request) async throws -> Response {
    let incident = try await load(req)
    return try await req.page(
      "incident-form", title: req.t("incident.edit_title"),
      try await formBody(
        req, values: IncidentFormValues(incident), action: "/incidents/\(incident.number)",
        number: incident.number.description))
  }

  @Sendable static func update(req: Request) async throws -> Response {
    let incident = try await load(req)
    switch try await validated(req, action: "/incidents/\(incident.number)", number: incident.number.description) {
    case .rejected(let page): return page
    case .valid(let valid, let owner):
      let input = try req.content.decode(FormInput.self)
      do {
        _ = try await req.incidents.update(
          incident.number, with: valid, ownerID: owner, actor: try req.requireUser().actor, now: req.now,
          closeReason: String((input.close_reason ?? "").prefix(5000)))
      } catch IncidentError.closeReasonRequired(let unmet) {
        var errors = FieldErrors()
        errors.add("close_reason", "error.close_reason.required")
        var values = IncidentFormValues(input.draft)
        values.unmetDuties = unmet.map { req.t("duty.\($0.description)") }.joined(separator: ", ")
        values.closeReason = input.close_reason ?? ""
        return try await req.page(
          "incident-form", title: req.t("incident.edit_title"),
          try await formBody(
            req, values: values, action: "/incidents/\(incident.number)", number: incident.number.description),
          errors: errors, status: .unprocessableEntity)
      }
      return req.redirect(to: "/incidents/\(incident.number)", flash: req.t("incident.saved"))
    }
  }

  struct NoteInput: Content {
    var note: String?
    /// note (default), measure (taken) or planned (a measure decided on).
    var entry: String?
  }

  @Sendable static func addNote(req: Request) async throws -> Response {
    let incident = try await load(req)
    let input = try req.content.decode(NoteInput.self)
    let text = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty, text.count <= 5000 else {
      var errors = FieldErrors()
      errors.add("note", text.isEmpty ? "error.note.required" : "error.summary.too_long")
      return try await req.page(
        "incident", title: incident.number.description, try await showBody(req, incident, note: text), errors: errors,
        status: .unprocessableEntity)
    }
    switch input.entry {
    case "measure", "planned":
      try await ReportRepository(db: req.db).addMeasure(
        incident.number, text: text, planned: input.entry == "planned", actor: try req.requireUser().actor,
        now: req.now)
      return req.redirect(to: "/incidents/\(incident.number)#timeline", flash: req.t("incident.measure_saved"))
    case "enquiry":
      try await ReportRepository(db: req.db).addEnquiry(
        incident.number, text: text, actor: try req.requireUser().actor, now: req.now)
      return req.redirect(to: "/incidents/\(incident.number)#timeline", flash: req.t("incident.enquiry_saved"))
    default:
      try await req.incidents.addNote(incident.number, text: text, actor: try req.requireUser().actor, now: req.now)
      return req.redirect(to: "/incidents/\(incident.number)#timeline", flash: req.t("incident.note_saved"))
    }
  }
}
