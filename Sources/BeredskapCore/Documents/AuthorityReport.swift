import Foundation

/// The notification to the supervisory authority (GDPR Art. 33(3)), drafted
/// from what Beredskap knows, in the order of Datatilsynet's form, one section
/// per question so each can be edited and pasted on its own.
///
/// A section the facts cannot fill says so in `missing`: the page asks the
/// responder for it before the report is sent, instead of inventing it.
public struct AuthorityReport: Equatable, Sendable {
  public static let schema = "beredskap.authority-report/1"

  /// The sections, in the order of Datatilsynet's notification form. The raw
  /// value is stable: it names edited sections in the database and the JSON.
  public enum Section: String, CaseIterable, Sendable {
    /// What happened, how, and the main cause.
    case breach
    /// When it happened, was discovered and became known; a late reason.
    case timing
    /// People and records per data category, and who the people are to us.
    case people
    /// Where the data are now.
    case whereabouts
    /// Likely consequences for the people.
    case consequences
    /// Measures taken and planned.
    case measures
    /// Whether and how the people were told.
    case subjects
    /// The DPO or other contact point.
    case contact

    public func title(_ language: Language) -> String {
      let nb = language == .nb
      switch self {
      case .breach: return nb ? "Hva som skjedde" : "What happened"
      case .timing: return nb ? "Tidspunkter" : "Times"
      case .people: return nb ? "Berørte personer og opplysninger" : "People and data affected"
      case .whereabouts: return nb ? "Hvor opplysningene er nå" : "Where the data are now"
      case .consequences: return nb ? "Sannsynlige konsekvenser" : "Likely consequences"
      case .measures: return nb ? "Tiltak som er gjort og planlagt" : "Measures taken and planned"
      case .subjects: return nb ? "Varsling av de berørte" : "Telling the people affected"
      case .contact: return nb ? "Kontaktperson og personvernombud" : "Contact person and data protection officer"
      }
    }
  }

  public struct Part: Equatable, Sendable {
    public var section: Section
    public var title: String
    public var text: String
    /// What the responder still has to add, in words; empty when complete.
    public var missing: [String]
    /// True when a person replaced the drafted text.
    public var edited: Bool
    /// Who edited it and when (Oslo time), for the page.
    public var editedBy: String?
  }

  public var language: Language
  public var organisation: String
  public var orgNumber: String?
  public var incidentNumber: String
  /// 1 for the first notification; a follow-up (Art. 33(4)) counts on.
  public var phase: Int
  /// The earlier notification this one follows up, in words.
  public var followsUp: String?
  public var draftedAt: Date
  public var parts: [Part]

  /// Every section's missing items, for a summary before sending.
  public var missing: [(section: Section, item: String)] {
    parts.flatMap { p in p.missing.map { (p.section, $0) } }
  }

  public func part(_ section: Section) -> Part? { parts.first { $0.section == section } }

  /// Replaces drafted sections with the texts people wrote. An edited section
  /// is the responder's: its `missing` items are theirs to judge.
  public func applying(_ edits: [Section: (text: String, by: String, at: Date)]) -> AuthorityReport {
    var copy = self
    for i in copy.parts.indices {
      guard let edit = edits[copy.parts[i].section] else { continue }
      copy.parts[i].text = edit.text
      copy.parts[i].missing = []
      copy.parts[i].edited = true
      copy.parts[i].editedBy = "\(edit.by), \(Timestamp.oslo(edit.at, language: language))"
    }
    return copy
  }

  /// The heading lines above the sections.
  public var heading: [String] {
    let nb = language == .nb
    var lines: [String] = []
    let org = orgNumber.map { "\(organisation) (" + (nb ? "org.nr. " : "org. no. ") + "\($0))" } ?? organisation
    lines.append((nb ? "Fra: " : "From: ") + org)
    lines.append((nb ? "Til: " : "To: ") + "Datatilsynet")
    lines.append((nb ? "Vår referanse: " : "Our reference: ") + incidentNumber)
    if let followsUp {
      lines.append((nb ? "Oppfølging nr. \(phase - 1): " : "Follow-up no. \(phase - 1): ") + followsUp)
    } else {
      lines.append(nb ? "Første melding om bruddet" : "First notification of the breach")
    }
    lines.append((nb ? "Utkast laget: " : "Drafted: ") + Timestamp.oslo(draftedAt, language: language))
    return lines
  }

  /// The report as Markdown: what is exported, and what is frozen when sent.
  public func markdown() -> String {
    let nb = language == .nb
    var out =
      "# " + (nb ? "Melding om brudd på personopplysningssikkerheten" : "Notification of a personal data breach")
    out += "\n\n"
    out += heading.map { $0 + "  " }.joined(separator: "\n")
    out += "\n"
    for (i, p) in parts.enumerated() {
      out += "\n## \(i + 1). \(p.title)\n\n\(Self.hardBreaks(p.text.trimmingCharacters(in: .whitespacesAndNewlines)))\n"
      for m in p.missing {
        out += "\n> " + (nb ? "Mangler: " : "Missing: ") + m + "\n"
      }
    }
    return out
  }

  /// Keeps a section's lines apart in Markdown: a line followed by another
  /// line of text (not a list item, not a blank line) ends in a hard break;
  /// a list ends with a blank line.
  static func hardBreaks(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var out: [String] = []
    for (i, line) in lines.enumerated() {
      let next = i + 1 < lines.count ? lines[i + 1] : ""
      guard !line.isEmpty, !next.isEmpty, !next.hasPrefix("- ") else {
        out.append(line)
        continue
      }
      if line.hasPrefix("- ") {
        // Text after a list is a paragraph of its own, not part of the last item.
        out.append(line)
        out.append("")
      } else {
        out.append(line.hasSuffix("  ") ? line : line + "  ")
      }
    }
    return out.joined(separator: "\n")
  }

  /// The `beredskap.authority-report/1` JSON, keys sorted.
  public func json(pretty: Bool = true) -> Data {
    let sections: [JSONValue] = parts.map { p in
      .object([
        "id": .string(p.section.rawValue), "title": .string(p.title), "text": .string(p.text),
        "missing": .array(p.missing.map { .string($0) }), "edited": .bool(p.edited),
      ])
    }
    let object: [String: JSONValue] = [
      "schema": .string(Self.schema), "language": .string(language.rawValue),
      "incident": .string(incidentNumber), "organisation": .string(organisation),
      "org_number": orgNumber.map { .string($0) } ?? .null, "phase": .number(Double(phase)),
      "follows_up": followsUp.map { .string($0) } ?? .null,
      "drafted_at": .string(Timestamp.utc(draftedAt)), "sections": .array(sections),
      "complete": .bool(missing.isEmpty),
    ]
    return JSONValue.object(object).serialized(pretty: pretty)
  }
}

/// What the report is drafted from. Everything is optional but the incident:
/// a report can be started before the assessment, and says what is missing.
public struct ReportInput: Sendable {
  /// A measure on the incident's timeline.
  public struct Measure: Equatable, Sendable {
    public var at: Date
    public var text: String
    public var planned: Bool
    public init(at: Date, text: String, planned: Bool) {
      self.at = at
      self.text = text
      self.planned = planned
    }
  }

  /// Counts from the list of affected persons, when one was imported.
  public struct People: Equatable, Sendable {
    public var distinct: Int
    public var perCategory: [DataCategory: Int]
    public var withoutContact: Int
    public init(distinct: Int, perCategory: [DataCategory: Int], withoutContact: Int) {
      self.distinct = distinct
      self.perCategory = perCategory
      self.withoutContact = withoutContact
    }
  }

  /// How far telling the people has come.
  public struct Letters: Equatable, Sendable {
    public var approvedAt: Date?
    public var total: Int
    public var sent: Int
    public var lastSentAt: Date?
    /// People with no e-mail, to be told another way.
    public var otherChannel: Int
    /// A public communication (Art. 34(3)(c)): its channel and when.
    public var publicChannel: String?
    public var publicAt: Date?
    public init(
      approvedAt: Date? = nil, total: Int = 0, sent: Int = 0, lastSentAt: Date? = nil, otherChannel: Int = 0,
      publicChannel: String? = nil, publicAt: Date? = nil
    ) {
      self.approvedAt = approvedAt
      self.total = total
      self.sent = sent
      self.lastSentAt = lastSentAt
      self.otherChannel = otherChannel
      self.publicChannel = publicChannel
      self.publicAt = publicAt
    }
  }

  /// A notification already sent, which a follow-up refers to.
  public struct Sent: Equatable, Sendable {
    public var phase: Int
    public var at: Date
    public var reference: String?
    public var complete: Bool
    public init(phase: Int, at: Date, reference: String?, complete: Bool) {
      self.phase = phase
      self.at = at
      self.reference = reference
      self.complete = complete
    }
  }

  public var incident: Incident
  public var plan: Plan
  /// The newest assessment's facts and decision, if any.
  public var facts: BreachFacts?
  public var assessment: Assessment?
  public var measures: [Measure]
  public var people: People?
  public var letters: Letters?
  public var sent: [Sent]
  /// When the 72 hours run out, and the reason given if the report is late.
  public var authorityDue: Date?
  public var delayReason: String?
  public var now: Date

  public init(
    incident: Incident, plan: Plan, facts: BreachFacts?, assessment: Assessment?, measures: [Measure] = [],
    people: People? = nil, letters: Letters? = nil, sent: [Sent] = [], authorityDue: Date? = nil,
    delayReason: String? = nil, now: Date
  ) {
    self.incident = incident
    self.plan = plan
    self.facts = facts
    self.assessment = assessment
    self.measures = measures
    self.people = people
    self.letters = letters
    self.sent = sent
    self.authorityDue = authorityDue
    self.delayReason = delayReason
    self.now = now
  }
}

/// Drafts the report. Deterministic: the same input gives the same text.
public enum AuthorityReportDrafter {
  public static func draft(_ input: ReportInput, language: Language) -> AuthorityReport {
    let w = Words(language: language)
    let org = input.plan.organisation
    let last = input.sent.max { $0.phase < $1.phase }
    let followsUp = last.map { s -> String in
      var t = w.pick("melding sendt ", "notification sent ") + w.time(s.at)
      if let r = s.reference, !r.isEmpty {
        t += w.pick(", Datatilsynets referanse ", ", Datatilsynet's reference ") + r
      }
      return t
    }
    let parts: [AuthorityReport.Part] = AuthorityReport.Section.allCases.map { section in
      let (text, missing) = body(section, input, w)
      return AuthorityReport.Part(
        section: section, title: section.title(language), text: text, missing: missing, edited: false, editedBy: nil)
    }
    return AuthorityReport(
      language: language, organisation: org.name, orgNumber: org.orgNumber, incidentNumber: "\(input.incident.number)",
      phase: (last?.phase ?? 0) + 1, followsUp: followsUp, draftedAt: input.now, parts: parts)
  }

  // MARK: Sections

  static func body(_ section: AuthorityReport.Section, _ input: ReportInput, _ w: Words) -> (String, [String]) {
    switch section {
    case .breach: return breach(input, w)
    case .timing: return timing(input, w)
    case .people: return people(input, w)
    case .whereabouts: return whereabouts(input, w)
    case .consequences: return consequences(input, w)
    case .measures: return measures(input, w)
    case .subjects: return subjects(input, w)
    case .contact: return contact(input, w)
    }
  }

  static func breach(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    let i = input.incident
    var lines: [String] = []
    var missing: [String] = []
    lines.append(i.title.trimmingCharacters(in: .whitespacesAndNewlines) + ".")
    let summary = i.summary.trimmingCharacters(in: .whitespacesAndNewlines)
    if summary.isEmpty {
      missing.append(w.pick("Beskriv hva som skjedde og hvordan.", "Describe what happened and how."))
    } else {
      lines.append(summary)
    }
    if let f = input.facts {
      let natures = BreachFacts.Nature.allCases.filter { f.nature.contains($0) }.map { n -> String in
        switch n {
        case .confidentiality:
          return w.pick(
            "konfidensialitet (uvedkommende kan ha sett eller fått opplysningene)",
            "confidentiality (people not entitled to them may have seen or obtained the data)")
        case .integrity:
          return w.pick(
            "integritet (opplysningene er endret eller ødelagt)", "integrity (the data were altered or corrupted)")
        case .availability:
          return w.pick(
            "tilgjengelighet (opplysningene var utilgjengelige eller er tapt)",
            "availability (the data were unavailable or are lost)")
        }
      }
      if !natures.isEmpty {
        lines.append(w.pick("Type brudd: ", "Type of breach: ") + natures.joined(separator: "; ") + ".")
      }
      let cause: String
      switch f.cause {
      case .malicious:
        cause = w.pick("en bevisst handling (angrep eller misbruk)", "a deliberate act (attack or misuse)")
      case .accidental: cause = w.pick("et uhell eller en feil", "an accident or a mistake")
      case .unknown: cause = w.pick("ikke kjent ennå; vi undersøker", "not known yet; we are investigating")
      }
      lines.append(w.pick("Hovedårsak: ", "Main cause: ") + cause + ".")
      if f.role == .processor {
        lines.append(
          w.pick(
            "Vi behandler opplysningene som databehandler for en behandlingsansvarlig.",
            "We process the data as a processor for a controller."))
      }
    } else {
      missing.append(
        w.pick(
          "Vurder hendelsen i Beredskap, så fylles type brudd og årsak inn.",
          "Assess the incident in Beredskap to fill in the type of breach and its cause."))
    }
    if let vector = i.attackVector?.trimmingCharacters(in: .whitespacesAndNewlines), !vector.isEmpty {
      lines.append(w.pick("Hvordan det skjedde: ", "How it happened: ") + vector + ".")
    }
    let systems = i.systemsAffected.filter { !$0.isEmpty }
    if !systems.isEmpty {
      lines.append(w.pick("Berørte systemer: ", "Systems affected: ") + systems.joined(separator: ", ") + ".")
    }
    return (lines.joined(separator: "\n\n"), missing)
  }

  static func timing(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    let i = input.incident
    var lines: [String] = []
    var missing: [String] = []
    let occurred = input.facts?.occurredAt ?? i.occurredAt
    lines.append(
      w.pick("Bruddet startet: ", "The breach began: ")
        + (occurred.map(w.time) ?? w.pick("ikke kjent ennå", "not known yet")))
    lines.append(
      w.pick("Oppdaget: ", "Discovered: ") + w.time(i.discoveredAt) + w.pick(" (av ", " (by ") + i.discoveredBy + ")")
    if let aware = input.facts?.becameAwareAt {
      lines.append(
        w.pick(
          "Vi ble kjent med at personopplysninger var rammet: ", "We became aware that personal data were affected: ")
          + w.time(aware))
    }
    let status: String
    switch i.status {
    case .ongoing: status = w.pick("bruddet pågår fortsatt", "the breach is still ongoing")
    case .contained:
      status = w.pick("bruddet er stanset, men ikke ferdig håndtert", "the breach is stopped but not yet resolved")
    case .resolved, .closed: status = w.pick("bruddet er stanset og håndtert", "the breach is stopped and resolved")
    }
    lines.append(w.pick("Status nå: ", "Status now: ") + status + ".")
    if let due = input.authorityDue, input.sent.isEmpty, input.now > due {
      let reason = input.delayReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      lines.append(
        w.pick(
          "Meldingen kommer senere enn 72 timer etter at vi ble kjent med bruddet (fristen var ",
          "This notification comes later than 72 hours after we became aware of the breach (the deadline was ")
          + w.time(due) + ").")
      if reason.isEmpty {
        missing.append(
          w.pick(
            "Grunnen til at meldingen kommer etter fristen på 72 timer (personvernforordningen artikkel 33 nr. 1).",
            "The reason the notification is later than 72 hours (GDPR Art. 33(1))."))
      } else {
        lines.append(w.pick("Grunnen til forsinkelsen: ", "Reason for the delay: ") + reason)
      }
    }
    return (lines.joined(separator: "\n"), missing)
  }

  static func people(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    var lines: [String] = []
    var missing: [String] = []
    guard let f = input.facts else {
      if let p = input.people {
        lines.append(
          w.pick("Listen over berørte har ", "The list of people affected holds ") + w.count(p.distinct) + ".")
      }
      missing.append(w.pick("Antall berørte personer og hvilke opplysninger.", "How many people and which data."))
      return (lines.joined(separator: "\n"), missing)
    }
    let subjects = f.dataSubjects ?? input.people?.distinct
    lines.append(
      w.pick("Antall berørte personer (omtrent): ", "Number of people affected (approximately): ")
        + (subjects.map { w.number($0) } ?? w.pick("ikke kjent ennå", "not known yet")))
    if subjects == nil {
      missing.append(w.pick("Et omtrentlig antall berørte personer.", "An approximate number of people affected."))
    }
    if let records = f.records {
      lines.append(
        w.pick("Antall registreringer (omtrent): ", "Number of records (approximately): ") + w.number(records))
    }
    if let p = input.people, p.distinct != subjects {
      lines.append(
        w.pick("Listen over berørte personer vi har, har ", "Our list of the people affected holds ")
          + w.count(p.distinct) + ".")
    }
    if !f.dataCategories.isEmpty {
      lines.append(w.pick("Opplysninger som er rammet:", "Data affected:"))
      for c in f.dataCategories.sorted() {
        let n = f.categorySubjects[c] ?? input.people?.perCategory[c]
        lines.append("- " + c.name(w.language) + (n.map { ": " + w.count($0) } ?? ""))
      }
    }
    if !f.categoriesComplete {
      lines.append(
        w.pick(
          "Vi vet ennå ikke sikkert om flere typer opplysninger er rammet.",
          "We do not yet know for certain whether more kinds of data are affected."))
    }
    if f.vulnerableSubjects {
      lines.append(
        w.pick(
          "Blant de berørte er sårbare personer (for eksempel barn, pasienter eller ansatte i et avhengighetsforhold).",
          "The people affected include vulnerable people (for example children, patients or employees)."))
    }
    switch f.protection {
    case .none:
      lines.append(w.pick("Opplysningene var ikke kryptert.", "The data were not encrypted."))
    case .encrypted, .hashed, .pseudonymised:
      let how: String
      switch f.protection {
      case .encrypted: how = w.pick("kryptert", "encrypted")
      case .hashed: how = w.pick("hashet", "hashed")
      default: how = w.pick("pseudonymisert", "pseudonymised")
      }
      var t = w.pick("Opplysningene var ", "The data were ") + how
      if let covered = f.protectedCategories, covered != f.dataCategories {
        t += w.pick(" (bare ", " (only ") + DataCategory.names(covered, w.language) + ")"
      }
      t += f.keyCompromised ? w.pick("; nøkkelen kan være kompromittert.", "; the key may be compromised.") : "."
      lines.append(t)
    }
    missing.append(
      w.pick(
        "Hvem de berørte er for dere (for eksempel kunder, ansatte, elever eller deltakere).",
        "Who the people affected are to you (for example customers, staff, pupils or participants)."))
    return (lines.joined(separator: "\n"), missing)
  }

  static func whereabouts(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    guard let f = input.facts else {
      return (
        "",
        [w.pick("Hvor opplysningene er nå, og hvem som kan ha dem.", "Where the data are now and who may have them.")]
      )
    }
    var lines: [String] = []
    if !f.nature.contains(.confidentiality) {
      lines.append(
        w.pick(
          "Ingen uvedkommende har fått tilgang til opplysningene; bruddet gjelder endring eller tap.",
          "No one not entitled to the data obtained them; the breach is about alteration or loss."))
    } else {
      switch f.recipients {
      case .none:
        lines.append(w.pick("Ingen andre har fått opplysningene.", "No one else received the data."))
      case .trusted:
        lines.append(
          w.pick(
            "Opplysningene kom til en mottaker vi har grunn til å stole på (for eksempel en annen kunde eller en samarbeidspartner), ",
            "The data reached a recipient we have reason to trust (for example another customer or a partner), ")
            + w.pick("som har bekreftet at de ikke er brukt.", "who confirmed they were not used."))
      case .known:
        lines.append(
          w.pick("Opplysningene kom til kjente mottakere", "The data reached known recipients")
            + (f.recipientsCount.map { " (" + w.number($0) + ")" } ?? "") + ".")
      case .unknown:
        lines.append(w.pick("Vi vet ikke hvem som har fått opplysningene.", "We do not know who obtained the data."))
      case .public:
        lines.append(w.pick("Opplysningene har vært offentlig tilgjengelige.", "The data were publicly available."))
      }
      switch f.exfiltration {
      case .confirmed: lines.append(w.pick("Opplysningene er kopiert ut.", "The data were copied out."))
      case .suspected:
        lines.append(w.pick("Vi mistenker at opplysningene er kopiert ut.", "We suspect the data were copied out."))
      case .ruledOut:
        lines.append(
          w.pick(
            "Vi har utelukket at opplysningene ble kopiert ut.", "We have ruled out that the data were copied out."))
      case .unknown:
        lines.append(
          w.pick(
            "Vi vet ennå ikke om opplysningene er kopiert ut.", "We do not know yet whether the data were copied out."))
      }
    }
    if f.dataRecovered {
      lines.append(
        w.pick(
          "Opplysningene er hentet tilbake eller slettet hos mottakeren.",
          "The data were retrieved or deleted by the recipient."))
    }
    if f.nature.contains(.availability) {
      if f.permanentLoss {
        lines.append(w.pick("Opplysningene er tapt for godt.", "The data are lost for good."))
      } else if f.backupAvailable == true {
        lines.append(
          w.pick("Opplysningene kan gjenopprettes fra sikkerhetskopi", "The data can be restored from a backup")
            + (f.restoreHours.map { w.pick(" (omtrent ", " (about ") + w.hours($0) + ")" } ?? "") + ".")
      }
    }
    return (lines.joined(separator: "\n"), [])
  }

  static func consequences(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    guard let a = input.assessment else {
      return (
        "",
        [
          w.pick(
            "Vurder hendelsen i Beredskap, så fylles de sannsynlige konsekvensene inn.",
            "Assess the incident in Beredskap to fill in the likely consequences.")
        ]
      )
    }
    var lines: [String] = []
    lines.append(
      w.pick("Vår vurdering av risikoen for de berørte: ", "Our assessment of the risk to the people affected: ")
        + riskName(a.risk, w.language) + ".")
    let codes: Set<String> = [
      ReasonCode.harmViewing, .harmMisuse, .harmAvailability, .harmIntegrity, .misuseObserved, .riskQuestion,
      .planQuestion, .specialCategories, .nationalID, .credentials, .financial, .vulnerable, .largeScale,
    ].reduce(into: []) { $0.insert($1.rawValue) }
    let shown = a.reasons.filter { codes.contains($0.code) }
    for r in shown { lines.append("- " + r.text) }
    if let f = input.facts, !f.riskAnswers.isEmpty {
      let names = BreachFacts.RiskQuestion.allCases.filter { f.riskAnswers.contains($0) }.map { q -> String in
        switch q {
        case .financial: return w.pick("økonomisk tap", "financial loss")
        case .discrimination: return w.pick("diskriminering", "discrimination")
        case .reputation: return w.pick("skade på omdømme", "damage to reputation")
        case .physicalSafety: return w.pick("fare for fysisk sikkerhet", "danger to physical safety")
        case .identityTheft: return w.pick("identitetstyveri eller svindel", "identity theft or fraud")
        case .lossOfConfidentialityOfSecrecy:
          return w.pick("tap av taushetsbelagte opplysninger", "loss of confidentiality of secret data")
        }
      }
      lines.append(
        w.pick("Mulige følger for de berørte: ", "Possible effects on the people: ") + names.joined(separator: ", ")
          + ".")
    }
    return (lines.joined(separator: "\n"), [])
  }

  static func measures(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    var lines: [String] = []
    let taken = input.measures.filter { !$0.planned }.sorted { $0.at < $1.at }
    let planned = input.measures.filter(\.planned).sorted { $0.at < $1.at }
    let mitigations = (input.facts?.mitigations ?? []).sorted { $0.rawValue < $1.rawValue }.map { m -> String in
      switch m {
      case .credentialsReset: return w.pick("passord og tilganger er byttet", "passwords and credentials were reset")
      case .remoteWipe: return w.pick("enheten er fjernslettet", "the device was wiped remotely")
      case .accessRevoked: return w.pick("tilgangen er stengt", "access was revoked")
      case .dataRecalled:
        return w.pick("mottakeren er bedt om å slette opplysningene", "the recipient was asked to delete the data")
      case .changeReverted: return w.pick("endringen er rullet tilbake", "the change was reverted")
      case .fraudMonitoring: return w.pick("overvåking mot svindel er satt i gang", "fraud monitoring was set up")
      }
    }
    if !taken.isEmpty || !mitigations.isEmpty {
      lines.append(w.pick("Tiltak som er gjort:", "Measures taken:"))
      for m in taken { lines.append("- " + w.time(m.at) + ": " + m.text) }
      for m in mitigations { lines.append("- " + m) }
    }
    if !planned.isEmpty {
      if !lines.isEmpty { lines.append("") }
      lines.append(w.pick("Tiltak vi planlegger:", "Measures planned:"))
      for m in planned { lines.append("- " + m.text) }
    }
    if lines.isEmpty {
      return (
        "",
        [
          w.pick(
            "Hvilke tiltak dere har gjort og planlegger (legg dem inn som tiltak på hendelsens tidslinje).",
            "Which measures you have taken and plan (add them as measures on the incident's timeline).")
        ]
      )
    }
    return (lines.joined(separator: "\n"), [])
  }

  static func subjects(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    guard let a = input.assessment else {
      return (
        "",
        [
          w.pick(
            "Om de berørte skal varsles (avgjøres av vurderingen).",
            "Whether the people affected must be told (the assessment decides).")
        ]
      )
    }
    var lines: [String] = []
    var missing: [String] = []
    let letters = input.letters
    if a.notifySubjects {
      lines.append(
        w.pick(
          "Bruddet gir sannsynligvis høy risiko for de berørte, så de skal varsles uten ugrunnet opphold (artikkel 34).",
          "The breach is likely to result in a high risk to the people, so they must be told without undue delay (Art. 34)."
        ))
    } else if a.publicCommunication {
      lines.append(
        w.pick(
          "Å varsle hver enkelt ville kreve uforholdsmessig stor innsats; vi informerer offentlig i stedet (artikkel 34 nr. 3 bokstav c).",
          "Telling each person would involve disproportionate effort; we inform the public instead (Art. 34(3)(c))."))
    } else {
      let why = a.reasons.filter {
        [ReasonCode.subjectsNotRequired.rawValue, ReasonCode.exemption34_3_b.rawValue].contains($0.code)
      }
      lines.append(w.pick("De berørte varsles ikke enkeltvis.", "The people are not told individually."))
      for r in why { lines.append("- " + r.text) }
    }
    if let l = letters {
      if l.sent > 0 {
        lines.append(
          w.pick("Brev er sendt på e-post til ", "Letters were sent by e-mail to ") + w.count(l.sent)
            + w.pick(" av ", " of ") + w.number(l.total)
            + (l.lastSentAt.map { w.pick(", sist ", ", last at ") + w.time($0) } ?? "") + ".")
      } else if let at = l.approvedAt {
        lines.append(
          w.pick("Brev til ", "Letters to ") + w.count(l.total) + w.pick(" er godkjent ", " were approved ")
            + w.time(at)
            + w.pick(" og sendes nå.", " and are being sent."))
      } else if l.total > 0 {
        lines.append(
          w.pick("Brev til ", "Letters to ") + w.count(l.total)
            + w.pick(" er skrevet og venter på godkjenning.", " are drafted and await approval."))
      }
      if l.otherChannel > 0 {
        lines.append(
          w.count(l.otherChannel).prefix(1).uppercased() + String(w.count(l.otherChannel).dropFirst())
            + w.pick(
              " uten e-postadresse varsles per post eller telefon.",
              " without an e-mail address are told by post or phone."))
      }
      if let channel = l.publicChannel {
        lines.append(
          w.pick("Offentlig informasjon: ", "Public communication: ") + channel
            + (l.publicAt.map { " (" + w.time($0) + ")" } ?? ""))
      }
    }
    if (a.notifySubjects || a.publicCommunication),
      letters == nil || (letters?.sent == 0 && letters?.publicChannel == nil)
    {
      missing.append(
        w.pick(
          "Når og hvordan de berørte blir varslet, når det er gjort.",
          "When and how the people were told, once done."))
    }
    return (lines.joined(separator: "\n"), missing)
  }

  static func contact(_ input: ReportInput, _ w: Words) -> (String, [String]) {
    let org = input.plan.organisation
    var lines: [String] = []
    func person(_ label: String, _ p: Plan.Person) {
      var parts = [p.name]
      if let e = p.email, !e.isEmpty { parts.append(e) }
      if let t = p.phone, !t.isEmpty { parts.append(t) }
      lines.append(label + parts.joined(separator: ", "))
    }
    if let dpo = org.dpo { person(w.pick("Personvernombud: ", "Data protection officer: "), dpo) }
    if let c = org.contact { person(w.pick("Kontaktperson: ", "Contact person: "), c) }
    if lines.isEmpty {
      return (
        "",
        [
          w.pick(
            "Navn, e-post og telefon til personvernombudet eller en kontaktperson (legg dem inn i beredskapsplanen).",
            "Name, e-mail and phone of the data protection officer or a contact person (add them to the plan).")
        ]
      )
    }
    return (lines.joined(separator: "\n"), [])
  }

  /// Words in the report's language.
  struct Words {
    var language: Language
    func pick(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }
    func time(_ d: Date) -> String { Timestamp.oslo(d, language: language) }
    /// 1234567 → "1 234 567" (nb) or "1,234,567" (en).
    func number(_ n: Int) -> String {
      let digits = String(n.magnitude)
      var out = ""
      for (i, ch) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out += language == .nb ? "\u{00A0}" : "," }
        out.append(ch)
      }
      return (n < 0 ? "-" : "") + out
    }
    func count(_ n: Int) -> String {
      number(n) + (n == 1 ? pick(" person", " person") : pick(" personer", " people"))
    }
    func hours(_ h: Double) -> String {
      let v = h.isFinite ? min(max(h, 0), 1e6) : 0
      let whole = Int(v.rounded())
      return number(whole) + (whole == 1 ? pick(" time", " hour") : pick(" timer", " hours"))
    }
  }
}
