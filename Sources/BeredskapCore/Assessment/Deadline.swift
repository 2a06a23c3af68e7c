import Foundation

/// A duty with a due time. `due` is an absolute instant: 72 h is 72 h, also
/// across a change to or from summer time.
public struct Deadline: Equatable, Sendable {
  public enum Kind: Equatable, Hashable, Sendable, CustomStringConvertible {
    case authority, controller, subjects
    case plan(String)

    public var description: String {
      switch self {
      case .authority: "authority"
      case .controller: "controller"
      case .subjects: "subjects"
      case .plan(let id): id
      }
    }

    public init(_ text: String) {
      switch text {
      case "authority": self = .authority
      case "controller": self = .controller
      case "subjects": self = .subjects
      default: self = .plan(text)
      }
    }
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
