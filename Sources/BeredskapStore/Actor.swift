/// Who did something: in the audit trail by id, on the timeline by name.
public struct Actor: Equatable, Sendable {
  /// `user:<uuid>`, `token:<uuid>`, `cli` or `system`.
  public var id: String
  public var name: String

  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }

  public static let system = Actor(id: "system", name: "Beredskap")
  public static let cli = Actor(id: "cli", name: "Kommandolinjen")
}
