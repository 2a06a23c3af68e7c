import Foundation

/// Why the engine decided as it did: a stable code, the rule it rests on,
/// and a sentence for people in the requested language.
public struct Reason: Equatable, Sendable {
  /// A `ReasonCode` raw value; stored assessments may hold codes of earlier
  /// versions, so it stays text once it leaves the engine.
  public var code: String
  public var article: String
  public var text: String

  public init(code: String, article: String, text: String) {
    self.code = code
    self.article = article
    self.text = text
  }

  public init(_ code: ReasonCode, _ language: Language, _ values: [String: String] = [:]) {
    let entry = ReasonCatalogue.entry(code)
    var text = language == .nb ? entry.nb : entry.en
    for (key, value) in values.sorted(by: { $0.key < $1.key }) {
      text = text.replacingOccurrences(of: "{\(key)}", with: value)
    }
    self.init(code: code.rawValue, article: entry.article, text: text)
  }
}
