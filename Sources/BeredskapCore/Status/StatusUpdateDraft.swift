import Foundation

/// A status update (or maintenance notice) as typed or posted, checked field by
/// field. Components must be the plan's (`components:`) when it lists any;
/// otherwise short free text.
public struct StatusUpdateDraft: Sendable {
  public static let maxTitleLength = 200
  public static let maxMessageLength = 5000
  public static let maxComponentLength = 80
  public static let maxComponents = 20

  public var title: String
  public var message: String
  public var components: [String]
  public var status: String?

  public init(title: String, message: String, components: [String], status: String? = nil) {
    self.title = title
    self.message = message
    self.components = components
    self.status = status
  }

  public struct Valid: Sendable, Equatable {
    public var title: String
    public var message: String
    public var components: [String]
    public var status: PublicStatus
  }

  /// The checked update; error keys (`error.status.*`) at the field they concern.
  /// Without a status the update keeps `previous` (or starts at investigating).
  public func validated(plan: Plan, previous: PublicStatus?) -> Result<Valid, FieldErrors> {
    var errors = FieldErrors()
    let title = self.title.trimmingCharacters(in: .whitespacesAndNewlines)
    if title.isEmpty || title.count > Self.maxTitleLength || Self.breaksLine(title) {
      errors.add("title", "error.status.title")
    }
    let message = self.message.trimmingCharacters(in: .whitespacesAndNewlines)
    if message.isEmpty || message.count > Self.maxMessageLength { errors.add("message", "error.status.message") }
    let components = Self.components(self.components, plan: plan, &errors)
    var status = previous ?? .investigating
    if let raw = self.status?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
      if let s = PublicStatus(rawValue: raw) { status = s } else { errors.add("status", "error.status.status") }
    }
    guard errors.isEmpty else { return .failure(errors) }
    return .success(Valid(title: title, message: message, components: components, status: status))
  }

  /// Trimmed, de-duplicated in order; the plan's names when it has a list.
  static func components(_ input: [String], plan: Plan, _ errors: inout FieldErrors) -> [String] {
    var out: [String] = []
    for raw in input {
      let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if name.isEmpty || out.contains(name) { continue }
      if !plan.components.isEmpty, !plan.components.contains(name) {
        errors.add("components", "error.status.component_unknown")
        return out
      }
      if name.count > Self.maxComponentLength || Self.breaksLine(name) {
        errors.add("components", "error.status.component_long")
        return out
      }
      out.append(name)
    }
    if out.count > Self.maxComponents { errors.add("components", "error.status.components_many") }
    return out
  }

  /// CR or LF: what would break a one-line text (and the feed's one-line fields).
  static func breaksLine(_ s: String) -> Bool { s.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } }
}
