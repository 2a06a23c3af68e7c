/// What the public status page says about an incident, in the words status
/// pages commonly use. Raw values are stored and accepted by the API.
public enum PublicStatus: String, CaseIterable, Sendable, Codable {
  /// Something is wrong; the cause is being looked for.
  case investigating
  /// The cause is known; a fix is being made.
  case identified
  /// A fix is in place; we are watching that it holds.
  case monitoring
  /// Over.
  case resolved
}
