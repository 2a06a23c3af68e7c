import BeredskapCore
import BeredskapStore
import Foundation

/// A clock as the pages show it: time left in words, a colour that means
/// something (amber under 12 h, red when overdue), and who stopped it.
struct ClockView: Encodable {
  var kind: String
  var title: String
  var article: String
  var due: String
  var dueInput: String
  var state: String
  var left: String
  var done: String?
  var reference: String?
  var delayReason: String?
  var running: Bool
  var isAuthority: Bool
  var isNotification: Bool

  static func isNotification(_ kind: String) -> Bool { Deadline.Kind(kind).isAuthorityNotification }

  /// «2 d 21 t igjen» or «2 t 0 min over fristen».
  static func left(due: Date, now: Date, language: Language) -> String {
    let seconds = due.timeIntervalSince(now)
    return Strings.text(seconds >= 0 ? "clock.left" : "clock.overdue", language).replacingOccurrences(
      of: "{time}", with: IncidentView.duration(abs(seconds), language))
  }

  init(_ c: AssessmentRepository.Clock, language: Language, now: Date) {
    kind = c.kind
    title = c.title
    // "the plan" is the engine's word for the organisation's own rule; say it in the reader's language.
    article = c.article.replacingOccurrences(of: "the plan", with: Strings.text("clock.plan_article", language))
    due = Timestamp.oslo(c.due, language: language)
    dueInput = Timestamp.localInput(now)
    state = DutyRules.State(c, now: now).rawValue
    left = Self.left(due: c.due, now: now, language: language)
    done = c.doneAt.map {
      Strings.text("clock.done", language).replacingOccurrences(
        of: "{at}", with: Timestamp.oslo($0, language: language)
      )
      .replacingOccurrences(of: "{by}", with: c.doneBy ?? "")
    }
    if !c.required, c.doneAt == nil { left = Strings.text("clock.not_required", language) }
    reference = c.reference
    delayReason = c.delayReason
    running = c.required && c.doneAt == nil
    isAuthority = Deadline.Kind(c.kind) == .authority
    isNotification = Self.isNotification(c.kind)
  }
}

/// The newest assessment in the reader's language.
struct AssessmentView: Encodable {
  var at: String
  var risk: String
  var riskLevel: String
  var authority: String?
  var subjects: String?
  var controller: String?
  var reasons: [String]
  /// When they became aware, in Oslo time: the 72 hours count from here.
  var aware: String?
  /// Awareness before discovery is possible but usually a typo.
  var awareWarning: String?
  /// The stored facts cannot be read any more (an older version, an absurd
  /// number): the stored decision is shown, with this explanation.
  var unreadable: String?

  /// Shows the decision as stored (it is what drives the clocks and what an
  /// auditor will see); the reasons are the stored bokmål ones, or for English
  /// the same facts assessed again. Never fails: what cannot be read is said.
  init?(_ record: AssessmentRecord?, discoveredAt: Date, plan: Plan, language: Language) {
    guard let record else { return nil }
    self.init(unreadable: record, language: language)
    guard let facts = try? BreachFacts.parse(json: Data(record.facts.utf8)) else { return }
    unreadable = nil
    aware = Timestamp.oslo(facts.becameAwareAt, language: language)
    if facts.becameAwareAt < discoveredAt {
      awareWarning = Strings.text("assessment.aware_before_discovery", language).replacingOccurrences(
        of: "{discovered}", with: Timestamp.oslo(discoveredAt, language: language))
    }
    let stored = record.storedResult
    let storedReasons = record.storedReasons
    let a = AssessmentEngine.assess(facts, plan: plan, language: language)
    if stored?["personal_data_breach"] == .bool(false) { (authority, subjects) = (nil, nil) }
    let shown = language == .nb ? (storedReasons ?? a.reasons) : a.reasons
    reasons = shown.map { "\($0.text) [\($0.article)]" }
  }

  /// The stored decision as the clocks and auditors see it, without its
  /// facts: what is shown when the facts cannot be read.
  init(unreadable record: AssessmentRecord, language: Language) {
    at = Strings.text("assessment.at", language).replacingOccurrences(
      of: "{at}", with: Timestamp.oslo(record.at, language: language)
    ).replacingOccurrences(of: "{by}", with: record.actor)
    let risk = RiskLevel(rawValue: record.risk) ?? .medium
    self.risk = riskName(risk, language)
    riskLevel = risk.rawValue
    let yes = Strings.text("common.yes", language)
    let no = Strings.text("common.no", language)
    if record.notifyController {
      controller = yes
    } else {
      authority = record.notifyAuthority ? yes : no
      subjects = record.notifySubjects ? yes : no
    }
    reasons = []
    unreadable = Strings.text("assessment.unreadable", language)
  }
}
