/// Why the engine decided as it did: a stable code, the rule it rests on,
/// and a sentence for people in the requested language.
public struct Reason: Equatable, Sendable {
  public var code: String
  public var article: String
  public var text: String

  public init(code: String, article: String, text: String) {
    self.code = code
    self.article = article
    self.text = text
  }
}
