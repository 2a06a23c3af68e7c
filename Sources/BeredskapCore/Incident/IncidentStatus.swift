/// Where an incident stands: ongoing → contained → resolved → closed.
public enum IncidentStatus: String, CaseIterable, Sendable, Codable {
  case ongoing, contained, resolved, closed

  public var isOpen: Bool { self != .closed }
}
