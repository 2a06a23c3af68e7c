import Foundation

/// A measure decided after an incident or a test, with an owner and a due
/// date, followed until done (Plan B's phase 6).
public struct ActionItem: Equatable, Sendable {
  public enum Source: String, CaseIterable, Sendable, Codable {
    case postMortem = "post_mortem"
    case exercise
  }

  public var id: UUID
  public var source: Source
  /// The incident number (post-mortem) or the test's id (exercise).
  public var sourceRef: String
  public var text: String
  public var owner: String
  public var due: Date
  public var doneAt: Date?
  public var doneBy: String?

  public init(
    id: UUID = UUID(), source: Source, sourceRef: String, text: String, owner: String, due: Date,
    doneAt: Date? = nil, doneBy: String? = nil
  ) {
    self.id = id
    self.source = source
    self.sourceRef = sourceRef
    self.text = text
    self.owner = owner
    self.due = due
    self.doneAt = doneAt
    self.doneBy = doneBy
  }

  public func overdue(now: Date) -> Bool { doneAt == nil && due < now }
}

/// The review after an incident: what happened, why (Plan B's root-cause
/// analysis), what went well and badly, and what is done so it does not
/// happen again.
public struct PostMortem: Equatable, Sendable {
  public enum Field: String, CaseIterable, Sendable {
    case summary, impact
    case technicalCause = "technical_cause"
    case humanError = "human_error"
    case systemicWeakness = "systemic_weakness"
    case solution
    case wentWell = "went_well"
    case wentBadly = "went_badly"
    /// What the customers are told happened, without internal details.
    case customerSummary = "customer_summary"
    /// What the customers are told is done so it does not happen again.
    case customerPrevention = "customer_prevention"

    public var isForCustomers: Bool { self == .customerSummary || self == .customerPrevention }
  }

  public var texts: [Field: String]
  public var completedAt: Date?
  public var completedBy: String?

  public init(texts: [Field: String] = [:], completedAt: Date? = nil, completedBy: String? = nil) {
    self.texts = texts
    self.completedAt = completedAt
    self.completedBy = completedBy
  }

  public subscript(_ field: Field) -> String {
    (texts[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The fields still empty; a post-mortem is completed only when none are.
  public var missing: [Field] { Field.allCases.filter { self[$0].isEmpty } }

  /// A text field may hold this many characters.
  public static let maxLength = 20_000
  /// Days from the trigger to the due date (Plan A and Plan B: 7 days).
  public static let dueHours: Double = 168

  /// When a post-mortem is owed: a severity-1 or -2 incident once resolved,
  /// and any breach once the authority was notified; the earlier of the two
  /// starts the 7 days. Nil when none is owed.
  public static func due(severity: Int, resolvedAt: Date?, notifiedAt: Date?) -> Date? {
    var triggers: [Date] = []
    if severity <= 2, let resolvedAt { triggers.append(resolvedAt) }
    if let notifiedAt { triggers.append(notifiedAt) }
    return triggers.min()?.addingTimeInterval(dueHours * 3600)
  }
}

/// The post-mortem written out: the internal version with the timeline and
/// the root-cause analysis, and the version for customers, which carries only
/// the incident's number, its times and the two texts written for them.
public struct PostMortemDocument: Sendable {
  public struct TimelineLine: Equatable, Sendable {
    public var at: Date
    public var text: String
    public init(at: Date, text: String) {
      self.at = at
      self.text = text
    }
  }

  public var organisation: String
  public var number: IncidentNumber
  public var title: String
  public var severity: Int
  public var startedAt: Date
  public var resolvedAt: Date?
  public var postMortem: PostMortem
  public var timeline: [TimelineLine]
  public var actions: [ActionItem]
  public var contact: String?

  public init(
    organisation: String, number: IncidentNumber, title: String, severity: Int, startedAt: Date, resolvedAt: Date?,
    postMortem: PostMortem, timeline: [TimelineLine], actions: [ActionItem], contact: String?
  ) {
    self.organisation = organisation
    self.number = number
    self.title = title
    self.severity = severity
    self.startedAt = startedAt
    self.resolvedAt = resolvedAt
    self.postMortem = postMortem
    self.timeline = timeline
    self.actions = actions
    self.contact = contact
  }

  public static func label(_ field: PostMortem.Field, _ language: Language) -> String {
    let nb: String
    let en: String
    switch field {
    case .summary: (nb, en) = ("Sammendrag", "Summary")
    case .impact: (nb, en) = ("Konsekvenser", "Impact")
    case .technicalCause: (nb, en) = ("Teknisk årsak", "Technical cause")
    case .humanError: (nb, en) = ("Menneskelig feil", "Human error")
    case .systemicWeakness: (nb, en) = ("Svakhet i systemet", "Systemic weakness")
    case .solution: (nb, en) = ("Løsning", "Solution")
    case .wentWell: (nb, en) = ("Dette gikk bra", "What went well")
    case .wentBadly: (nb, en) = ("Dette gikk dårlig", "What went badly")
    case .customerSummary: (nb, en) = ("Til kundene: hva skjedde", "For customers: what happened")
    case .customerPrevention:
      (nb, en) = ("Til kundene: hva vi gjør for at det ikke skjer igjen", "For customers: what we do to prevent it")
    }
    return language == .nb ? nb : en
  }

  /// `2 t 15 min` / `2 h 15 min`.
  public static func duration(from start: Date, to end: Date, _ language: Language) -> String {
    let seconds = end.timeIntervalSince(start)
    guard seconds.isFinite, seconds >= 0, seconds < 1e10 else { return "–" }
    return duration(minutes: Int((seconds / 60).rounded()), language)
  }

  /// `2 t 15 min` / `2 h 15 min` for a number of minutes (negative reads as 0).
  public static func duration(minutes: Int, _ language: Language) -> String {
    let minutes = max(0, minutes)
    let h = minutes / 60
    let m = minutes % 60
    let hour = language == .nb ? "t" : "h"
    if h == 0 { return "\(m) min" }
    return m == 0 ? "\(h) \(hour)" : "\(h) \(hour) \(m) min"
  }

  func text(_ field: PostMortem.Field, _ language: Language) -> String {
    let t = postMortem[field]
    return t.isEmpty ? (language == .nb ? "*Ikke skrevet ennå.*" : "*Not written yet.*") : Self.block(t)
  }

  /// Free text as Markdown paragraphs with hard line breaks, so a line typed
  /// by a person stays a line.
  static func block(_ text: String) -> String {
    AuthorityReport.hardBreaks(
      text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n"))
  }

  /// One line in a Markdown list: no line breaks, no leading list or heading marks.
  static func inline(_ text: String) -> String {
    text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
      .trimmingCharacters(in: .whitespaces)
  }

  func period(_ language: Language) -> [String] {
    let nb = language == .nb
    var lines = ["- \(nb ? "Startet" : "Started"): \(Timestamp.oslo(startedAt, language: language))"]
    if let r = resolvedAt {
      lines.append("- \(nb ? "Løst" : "Resolved"): \(Timestamp.oslo(r, language: language))")
      lines.append("- \(nb ? "Varighet" : "Duration"): \(Self.duration(from: startedAt, to: r, language))")
    } else {
      lines.append("- \(nb ? "Løst" : "Resolved"): \(nb ? "ikke ennå" : "not yet")")
    }
    return lines
  }

  /// The internal post-mortem, for the organisation and its auditors.
  public func markdown(language: Language, now: Date) -> String {
    let nb = language == .nb
    var out: [String] = []
    out.append("# \(nb ? "Etterarbeid" : "Post-mortem"): \(number) \(Self.inline(title))")
    out.append("")
    out.append("\(organisation) · \(nb ? "alvorlighet" : "severity") \(severity)")
    out.append("")
    out.append(contentsOf: period(language))
    if let at = postMortem.completedAt {
      let by = postMortem.completedBy.map { " (\(Self.inline($0)))" } ?? ""
      out.append("- \(nb ? "Ferdigstilt" : "Completed"): \(Timestamp.oslo(at, language: language))\(by)")
    }
    for field in [PostMortem.Field.summary, .impact] {
      out += ["", "## \(Self.label(field, language))", "", text(field, language)]
    }
    out += ["", "## \(nb ? "Tidslinje" : "Timeline")", ""]
    if timeline.isEmpty { out.append(nb ? "*Ingen oppføringer.*" : "*No entries.*") }
    for line in timeline {
      out.append("- \(Timestamp.oslo(line.at, language: language)): \(Self.inline(line.text))")
    }
    out += ["", "## \(nb ? "Rotårsak" : "Root cause")"]
    for field in [PostMortem.Field.technicalCause, .humanError, .systemicWeakness, .solution] {
      out += ["", "### \(Self.label(field, language))", "", text(field, language)]
    }
    for field in [PostMortem.Field.wentWell, .wentBadly] {
      out += ["", "## \(Self.label(field, language))", "", text(field, language)]
    }
    out += ["", "## \(nb ? "Tiltak" : "Action items")", ""]
    out.append(contentsOf: actionLines(language, now: now))
    for field in [PostMortem.Field.customerSummary, .customerPrevention] {
      out += ["", "## \(Self.label(field, language))", "", text(field, language)]
    }
    return out.joined(separator: "\n") + "\n"
  }

  func actionLines(_ language: Language, now: Date) -> [String] {
    let nb = language == .nb
    guard !actions.isEmpty else { return [nb ? "*Ingen tiltak registrert.*" : "*No action items recorded.*"] }
    return actions.map { a in
      let state: String
      if let done = a.doneAt {
        state = (nb ? "utført " : "done ") + Timestamp.oslo(done, language: language)
      } else {
        state =
          (a.overdue(now: now) ? (nb ? "forfalt " : "overdue ") : (nb ? "frist " : "due "))
          + ExerciseReport.date(a.due, language)
      }
      return "- \(Self.inline(a.text)) — \(Self.inline(a.owner)), \(state)"
    }
  }

  /// The version for customers: the incident's number and times and the two
  /// texts written for them. Nothing else of the incident is read here.
  public func customerMarkdown(language: Language) -> String {
    let nb = language == .nb
    var out: [String] = []
    out.append("# \(nb ? "Hendelsesrapport" : "Incident report") \(number)")
    out.append("")
    out.append(organisation)
    out.append("")
    out.append(contentsOf: period(language))
    out += ["", "## \(nb ? "Hva skjedde" : "What happened")", "", text(.customerSummary, language)]
    out += [
      "", "## \(nb ? "Hva vi gjør for at det ikke skal skje igjen" : "What we do so it does not happen again")", "",
      text(.customerPrevention, language),
    ]
    if let contact, !contact.isEmpty {
      out += ["", "## \(nb ? "Kontakt" : "Contact")", "", Self.inline(contact)]
    }
    return out.joined(separator: "\n") + "\n"
  }
}
