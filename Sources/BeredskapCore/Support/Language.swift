/// The languages of the UI, the letters and the reports. Bokmål is the default.
public enum Language: String, CaseIterable, Sendable, Codable {
  case nb
  case en

  public init(code: String?) {
    self = code.flatMap { Language(rawValue: $0.lowercased().prefix(2).description) } ?? .nb
  }
}
