/// A problem or a warning about a plan file, with the line it is on.
public struct PlanIssue: Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable { case error, warning }
  public var kind: Kind
  public var line: Int
  public var message: String
  public var description: String { "line \(line): \(kind.rawValue): \(message)" }
}
