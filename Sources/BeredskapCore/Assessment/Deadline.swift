import Foundation

/// A duty with a due time. `due` is an absolute instant: 72 h is 72 h, also
/// across a change to or from summer time.
public struct Deadline: Equatable, Sendable {
  /// Every duty an incident can carry. The stored code is `description`;
  /// the plan reader refuses a plan clock whose id is one of the law's.
  public enum Kind: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Decide whether this is a personal-data breach: the plan's «assess
    /// within N hours», from discovery, until an assessment is saved.
    case assessment
    /// Notify the supervisory authority (Art. 33(1)).
    case authority
    /// Send what an incomplete notification lacked (Art. 33(4)).
    case authorityFollowUp
    /// A processor tells its controller (Art. 33(2)).
    case controller
    /// Tell the people affected (Art. 34(1)).
    case subjects
    case plan(String)

    public static let reservedCodes: Set<String> = [
      "assessment", "authority", "authority_followup", "controller", "subjects",
    ]

    public var description: String {
      switch self {
      case .assessment: "assessment"
      case .authority: "authority"
      case .authorityFollowUp: "authority_followup"
      case .controller: "controller"
      case .subjects: "subjects"
      case .plan(let id): id
      }
    }

    public init(_ text: String) {
      switch text {
      case "assessment": self = .assessment
      case "authority": self = .authority
      case "authority_followup": self = .authorityFollowUp
      case "controller": self = .controller
      case "subjects": self = .subjects
      default: self = .plan(text)
      }
    }

    /// The duties the law sets, ranked as a responder should meet them on a
    /// tie: the authority, the controller, the rest of the notification,
    /// the people. Nil for the plan's own steps.
    public var legalRank: Int? {
      switch self {
      case .authority: 0
      case .controller: 1
      case .authorityFollowUp: 2
      case .subjects: 3
      case .assessment, .plan: nil
      }
    }

    /// A notification to the authority, which may come in phases (Art. 33(4)).
    public var isAuthorityNotification: Bool { self == .authority || self == .authorityFollowUp }
  }

  public var kind: Kind
  public var due: Date
  public var basis: String
  public var article: String

  public init(kind: Kind, due: Date, basis: String, article: String) {
    self.kind = kind
    self.due = due
    self.basis = basis
    self.article = article
  }

  /// "24", "1.5": hours as people write them.
  public static func hoursText(_ h: Double) -> String {
    guard h.isFinite, abs(h) < 1e15 else { return String(format: "%.0f", h) }
    return h.rounded() == h ? String(Int64(h)) : String(format: "%.1f", h)
  }

  /// Seconds left at `now`; negative when overdue.
  public func remaining(now: Date) -> TimeInterval { due.timeIntervalSince(now) }
}
