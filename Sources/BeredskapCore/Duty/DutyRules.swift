import Foundation

/// The rules for meeting a duty, in one place for the API, the pages and the
/// store.
public enum DutyRules {
  /// Under this much time left a clock turns amber.
  public static let amberSeconds: TimeInterval = 12 * 3600

  /// How a clock looks: running (green), under 12 h (amber), overdue (red),
  /// done, or no longer required.
  public enum State: String, Sendable {
    case running, soon, overdue, done
    case notRequired = "not_required"

    public init(due: Date, required: Bool, doneAt: Date?, now: Date) {
      if doneAt != nil {
        self = .done
      } else if !required {
        self = .notRequired
      } else {
        let left = due.timeIntervalSince(now)
        self = left < 0 ? .overdue : left < DutyRules.amberSeconds ? .soon : .running
      }
    }
  }

  /// GDPR Art. 33(1): a notification to the authority later than 72 hours
  /// must come with the reasons for the delay.
  public static func needsDelayReason(_ kind: Deadline.Kind, doneAt: Date, due: Date) -> Bool {
    kind == .authority && doneAt > due
  }

  /// GDPR Art. 33(4): after an incomplete notification the rest follows
  /// "without undue further delay"; the plan sets the target.
  public static func followUp(after at: Date, plan: Plan) -> Deadline {
    Deadline(
      kind: .authorityFollowUp, due: at.addingTimeInterval(plan.authorityFollowUpHours * 3600),
      basis: "Send utfyllende opplysninger til Datatilsynet", article: "GDPR Art. 33(4)")
  }

  /// The clocks that run from the moment an incident is registered, before
  /// anyone has assessed it: the plan's «assess within N hours» from
  /// discovery, and a provisional 72 hours to the authority from discovery,
  /// «if this is a personal-data breach». An assessment replaces both.
  public static func provisional(discoveredAt: Date, plan: Plan, language: Language = .nb) -> [Deadline] {
    let assess = Deadline.hoursText(plan.assessWithinHours)
    let notify = Deadline.hoursText(plan.authority.notifyHours)
    return [
      Deadline(
        kind: .assessment, due: discoveredAt.addingTimeInterval(plan.assessWithinHours * 3600),
        basis: language == .nb
          ? "Vurder om dette er et personvernbrudd (planen: innen \(assess) timer etter oppdagelsen)"
          : "Assess whether this is a personal data breach (the plan: within \(assess) hours of discovery)",
        article: "the plan; GDPR Art. 33(1)"),
      Deadline(
        kind: .authority, due: discoveredAt.addingTimeInterval(plan.authority.notifyHours * 3600),
        basis: language == .nb
          ? "Foreløpig: hvis dette er et personvernbrudd, meld til Datatilsynet innen \(notify) timer (regnet fra oppdagelsen til vurderingen er gjort)"
          : "Provisional: if this is a personal data breach, notify the authority within \(notify) hours (counted from discovery until it is assessed)",
        article: "GDPR Art. 33(1)"),
    ]
  }

  /// Legal duties still owed: closing an incident with one needs a reason.
  public static func unmet(_ duties: [(kind: Deadline.Kind, required: Bool, done: Bool)]) -> [Deadline.Kind] {
    duties.filter { $0.required && !$0.done && $0.kind.legalRank != nil }.map(\.kind)
  }
}
