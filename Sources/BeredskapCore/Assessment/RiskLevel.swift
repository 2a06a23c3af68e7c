/// The risk to the people affected. `low` is "unlikely to result in a risk"
/// (Art. 33(1)): record only. `medium` is a risk: tell the authority. `high`
/// and `critical` are a likely high risk: tell the people too (Art. 34(1)).
public enum RiskLevel: String, CaseIterable, Comparable, Sendable, Codable {
  case none, low, medium, high, critical

  public static func < (a: Self, b: Self) -> Bool {
    (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
  }

  /// ENISA 2013: SE < 2 low, < 3 medium, < 4 high, otherwise very high.
  public init(enisaScore score: Double) {
    switch score {
    case ..<2: self = .low
    case ..<3: self = .medium
    case ..<4: self = .high
    default: self = .critical
    }
  }
}
