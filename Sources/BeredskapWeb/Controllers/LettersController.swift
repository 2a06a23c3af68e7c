import BeredskapCore
import BeredskapMail
import BeredskapStore
import Vapor

/// Letters to the people affected: the texts every letter shares, a preview
/// of any person's letter, approval, sending, the people to be told another
/// way, and the public communication of Art. 34(3)(c).
enum LettersController {
  static func register(viewer: any RoutesBuilder, responderForms: any RoutesBuilder) {
    viewer.get("incidents", ":number", "letters", use: show)
    responderForms.post("incidents", ":number", "letters", "texts", use: saveTexts)
    responderForms.post("incidents", ":number", "letters", "public", use: recordPublic)
    responderForms.post("incidents", ":number", "letters", "told", ":person", use: told)
    responderForms.post("incidents", ":number", "letters", "approve", use: approve)
    responderForms.post("incidents", ":number", "letters", "send", use: send)
  }

  struct TextsView: Encodable {
    var language: String
    var label: String
    var whatHappened: String
    var whatWeDid: String
    var moreAdvice: String
  }

  struct OtherView: Encodable {
    var id: String
    var name: String
    var phone: String?
    var told: String?
  }

  struct BatchView: Encodable {
    var at: String
    var by: String
    var letters: Int
    var otherChannel: Int
    var publicChannel: String?
    var publicAt: String?
  }

  struct PreviewView: Encodable {
    var index: Int
    var name: String
    var language: String
    var subject: String
    var body: String
  }

  struct Body: Encodable {
    var incident: IncidentView
    var people: Int
    var withoutEmail: Int
    var pending: Int
    var texts: [TextsView]
    var preview: PreviewView?
    var previous: Int?
    var next: Int?
    var batches: [BatchView]
    var sent: Int
    var queued: Int
    var failed: Int
    var other: [OtherView]
    var mustTell: Bool
    var publicSuggested: Bool
    var publicSubject: String
    var publicBody: String
    var nowInput: String
    var values: [String: String]
    var mailConfigured: Bool
  }

  static func body(_ req: Request, _ incident: Incident, values: [String: String] = [:]) async throws -> Body {
    let letters = LetterRepository(db: req.db)
    let incidentID = incident.id
    let draft = try await letters.draft(incident.number)
    let people = try await AffectedPeopleRepository.people(incidentID: incidentID, on: req.db)
    let included = try await letters.recipients(incidentID)
    let includedIDs = Set(included.map(\.personID))
    let latest = try await AssessmentRepository(db: req.db).history(incident.number).first
    let facts = latest.flatMap { try? BreachFacts.parse(json: Data($0.facts.utf8)) }
    // The preview: any person by their place in the list (never by a name or address in the URL).
    let wanted = (req.query[Int.self, at: "person"]).map { min(max($0, 1), max(people.count, 1)) } ?? 1
    var preview: PreviewView?
    if people.indices.contains(wanted - 1) {
      let p = people[wanted - 1]
      let letter = LetterComposer.compose(
        to: LetterRecipient(name: p.name ?? "", categories: Set(p.categories), language: p.language),
        texts: draft.texts(p.language), incident: incident, facts: facts, plan: req.plan)
      preview = PreviewView(
        index: wanted, name: p.name ?? req.t("letters.no_name"), language: req.t("language.\(p.language.rawValue)"),
        subject: letter.subject, body: letter.body)
    }
    let publicNotice = PublicNotice.compose(
      texts: draft.texts(req.language), incident: incident, facts: facts, plan: req.plan, language: req.language)
    let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let other = included.filter { $0.channel == "other" }.compactMap { r -> OtherView? in
      guard let p = byID[r.personID], let id = r.id else { return nil }
      return OtherView(
        id: id.uuidString, name: p.name ?? req.t("letters.no_name"), phone: p.phone,
        told: r.toldAt.map {
          req.t("letters.told_at").replacingOccurrences(of: "{at}", with: Timestamp.oslo($0, language: req.language))
            .replacingOccurrences(of: "{by}", with: r.toldBy ?? "")
        })
    }
    let batches = try await letters.approved(incident.number).map { b in
      BatchView(
        at: b.approvedAt.map { Timestamp.oslo($0, language: req.language) } ?? "", by: b.approvedBy ?? "",
        letters: b.letters, otherChannel: b.otherChannel, publicChannel: b.publicChannel,
        publicAt: b.publicAt.map { Timestamp.oslo($0, language: req.language) })
    }
    let counts = try await letters.outboxCounts(incidentID)
    let languages = Set(people.map(\.language)).union([.nb])
    let texts = Language.allCases.filter { languages.contains($0) }.map { l in
      let t = draft.texts(l)
      return TextsView(
        language: l.rawValue, label: req.t("language.\(l.rawValue)"), whatHappened: t.whatHappened,
        whatWeDid: t.whatWeDid, moreAdvice: t.moreAdvice)
    }
    return Body(
      incident: IncidentView(incident, plan: req.plan, language: req.language, now: req.now), people: people.count,
      withoutEmail: people.filter { $0.email == nil }.count,
      pending: people.filter { !includedIDs.contains($0.id) }.count,
      texts: texts, preview: preview, previous: wanted > 1 ? wanted - 1 : nil,
      next: wanted < people.count ? wanted + 1 : nil, batches: batches, sent: counts.sent, queued: counts.queued,
      failed: counts.failed, other: other, mustTell: latest?.notifySubjects ?? false,
      publicSuggested: latest?.storedResult?["public_communication"] == .bool(true),
      publicSubject: publicNotice.subject,
      publicBody: publicNotice.body, nowInput: Timestamp.localInput(req.now), values: values,
      mailConfigured: (try? MailSettings.from(environment: ProcessInfo.processInfo.environment)) != nil)
  }

  @Sendable static func show(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    return try await req.page(
      "letters", title: req.t("letters.title") + " – " + incident.number.description, try await body(req, incident))
  }

  struct TextsInput: Content {
    var language: String?
    var what_happened: String?
    var what_we_did: String?
    var more_advice: String?
  }

  @Sendable static func saveTexts(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let input = try req.content.decode(TextsInput.self)
    let language = Language(rawValue: input.language ?? "") ?? .nb
    var errors = FieldErrors()
    do {
      try await LetterRepository(db: req.db).saveTexts(
        incident.number, language: language,
        texts: LetterTexts(
          whatHappened: input.what_happened ?? "", whatWeDid: input.what_we_did ?? "",
          moreAdvice: input.more_advice ?? ""), actor: try req.requireUser().actor, now: req.now)
      return req.redirect(to: "/incidents/\(incident.number)/letters#preview", flash: req.t("letters.texts_saved"))
    } catch let e as LetterRepository.LetterError {
      switch e {
      case .empty(let field): errors.add("\(field)-\(language.rawValue)", "error.letters.required")
      case .tooLong(let field): errors.add("\(field)-\(language.rawValue)", "error.letters.too_long")
      default: errors.add("what_happened-\(language.rawValue)", "error.letters.required")
      }
    }
    return try await req.page(
      "letters", title: req.t("letters.title") + " – " + incident.number.description,
      try await body(req, incident), errors: errors, status: .unprocessableEntity)
  }

  struct PublicInput: Content {
    var channel: String?
    var justification: String?
    var published_at: String?
  }

  @Sendable static func recordPublic(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let input = try req.content.decode(PublicInput.self)
    var errors = FieldErrors()
    let at = IncidentDraft.time(
      input.published_at, field: "published_at", required: true, now: req.now, tz: Timestamp.oslo, &errors)
    let values = [
      "channel": String((input.channel ?? "").prefix(2000)),
      "justification": String((input.justification ?? "").prefix(10_000)),
      "published_at": String((input.published_at ?? "").prefix(100)),
    ]
    if let at, errors.isEmpty {
      do {
        try await LetterRepository(db: req.db).recordPublic(
          incident.number, channel: input.channel ?? "", justification: input.justification ?? "", at: at,
          actor: try req.requireUser().actor, now: req.now)
        return req.redirect(to: "/incidents/\(incident.number)/letters", flash: req.t("letters.public_saved"))
      } catch let e as LetterRepository.LetterError {
        switch e {
        case .empty(let field):
          errors.add(field == "public_channel" ? "channel" : "justification", "error.letters.required")
        case .tooLong(let field):
          errors.add(field == "public_channel" ? "channel" : "justification", "error.letters.too_long")
        case .inFuture: errors.add("published_at", "error.time.future")
        case .nothingToApprove: break
        }
      }
    }
    return try await req.page(
      "letters", title: req.t("letters.title") + " – " + incident.number.description,
      try await body(req, incident, values: values), errors: errors, status: .unprocessableEntity)
  }

  /// Approves the batch: a letter per person not yet in an approved batch, in
  /// the outbox; nothing is sent until «Send».
  @Sendable static func approve(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let from: MailAddress
    do {
      from = try MailSettings.sender(environment: ProcessInfo.processInfo.environment, plan: req.plan)
    } catch {
      return req.redirect(to: "/incidents/\(incident.number)/letters", flash: req.t("letters.no_sender"))
    }
    do {
      let a = try await LetterRepository(db: req.db).approve(
        incident.number, plan: req.plan, from: from, actor: try req.requireUser().actor, now: req.now)
      let message = req.t("letters.approved").replacingOccurrences(of: "{letters}", with: String(a.letters))
        .replacingOccurrences(of: "{other}", with: String(a.otherChannel))
      return req.redirect(to: "/incidents/\(incident.number)/letters#status", flash: message)
    } catch LetterRepository.LetterError.nothingToApprove {
      return req.redirect(to: "/incidents/\(incident.number)/letters", flash: req.t("letters.nothing_to_approve"))
    }
  }

  /// Sends what is approved and unsent, in the background through the
  /// outbox (as `beredskap letters send`); the page shows the progress.
  @Sendable static func send(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    guard req.sendInBackground(incidentID: incident.id, kinds: [.letter, .controllerNotice, .stakeholder]) else {
      return req.redirect(to: "/incidents/\(incident.number)/letters", flash: req.t("letters.no_smtp"))
    }
    return req.redirect(to: "/incidents/\(incident.number)/letters#status", flash: req.t("letters.sending"))
  }

  /// A person without e-mail was told another way (post, phone).
  @Sendable static func told(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    guard let person = req.parameters.get("person").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
    let found = try await LetterRepository(db: req.db).markTold(
      incident.number, recipient: person, actor: try req.requireUser().actor, now: req.now)
    guard found else { throw Abort(.notFound) }
    return req.redirect(to: "/incidents/\(incident.number)/letters#other", flash: req.t("letters.told_saved"))
  }
}
