/// The four-point scale the EDPB and the data protection authorities use for
/// both the likelihood and the severity of the consequences of a breach
/// (EDPB Guidelines 9/2022 para. 102 ff.; ENISA 2013: low, medium, high,
/// very high; CNIL's risk method: negligible, limited, significant, maximum).
public enum RiskScale: Int, CaseIterable, Comparable, Sendable {
  case negligible = 1
  case limited = 2
  case significant = 3
  case maximum = 4

  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

  /// One or more steps up or down, never off the scale.
  func moved(_ steps: Int) -> RiskScale {
    RiskScale(rawValue: Swift.min(4, Swift.max(1, rawValue + steps))) ?? self
  }

  func name(_ language: Language) -> String {
    switch (self, language) {
    case (.negligible, .nb): "ubetydelig"
    case (.limited, .nb): "begrenset"
    case (.significant, .nb): "betydelig"
    case (.maximum, .nb): "svært høy"
    case (.negligible, .en): "negligible"
    case (.limited, .en): "limited"
    case (.significant, .en): "significant"
    case (.maximum, .en): "maximum"
    }
  }

  /// Risk is likelihood combined with severity (EDPB Guidelines 9/2022;
  /// Recital 76). Either one negligible, or both limited: unlikely to result
  /// in a risk. Both at least significant, or the gravest harms (identity
  /// theft, health data) even at a limited likelihood: a high risk
  /// (Art. 34(1)); authorities have held a trusted or known recipient of
  /// national ID numbers or health data a high risk (UODO, 2024). The matrix
  /// is written out in `docs/assessment.md`.
  static func risk(likelihood l: RiskScale, severity s: RiskScale) -> RiskLevel {
    switch (l, s) {
    case (.negligible, _), (_, .negligible): .low
    case (.limited, .limited): .low
    case (.limited, .significant), (_, .limited): .medium
    case (.maximum, .maximum): .critical
    default: .high
    }
  }
}
