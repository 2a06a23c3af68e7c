import Foundation

/// ENISA (2013), "Recommendations for a methodology of the assessment of
/// severity of personal data breaches": `SE = DPC × EI + CB`.
public struct EnisaSeverity: Equatable, Sendable {
  /// Data processing context, 1–4: the highest over the affected categories.
  public var dpc: Double
  /// Ease of identification, 0.25–1.
  public var ei: Double
  /// Circumstances of the breach, 0–2.
  public var cb: Double
  public var score: Double { ((dpc * ei + cb) * 100).rounded() / 100 }

  /// ENISA's base scores: simple data 1, behavioural 2, financial 3,
  /// sensitive 4, with the adjustments it names. National ID numbers and
  /// credentials are raised to the financial level because in Norway the
  /// national ID number opens identity theft, and credentials open accounts.
  static func dataProcessingContext(_ category: DataCategory, vulnerable: Bool) -> Double {
    let base: Double
    switch category {
    case .technical, .identity, .contact: base = 1
    case .documents: base = 2  // simple data whose volume enables profiling: +1
    case .behavioural, .location, .communications: base = 2
    case .financial, .nationalID, .credentials: base = 3
    case .special, .criminal: base = 4
    }
    // ENISA: characteristics of the individuals (minors, vulnerable groups) raise the context.
    return min(4, vulnerable ? base + 1 : base)
  }

  static func derive(_ facts: BreachFacts, model: RiskModel) -> EnisaSeverity {
    // ENISA: sensitive data that give only general assumptions −2.
    let dpc =
      facts.dataCategories.map { c in
        let base = dataProcessingContext(c, vulnerable: facts.vulnerableSubjects)
        return SeverityFactors.incidental(c, facts) ? max(1, base - 2) : base
      }
      .max() ?? 0
    let unintelligible = facts.nature.contains(.confidentiality) && model.reading.readable.isEmpty
    var identifiability = facts.identifiability ?? derivedIdentifiability(facts.dataCategories)
    if unintelligible {
      identifiability = .negligible
    } else if !model.reading.pseudonymised.isEmpty, facts.identifiability == nil {
      identifiability = identifiability.lower
    }
    return EnisaSeverity(dpc: dpc, ei: identifiability.factor, cb: circumstances(facts, model: model))
  }

  /// ENISA 2013 circumstances of the breach: confidentiality to known
  /// recipients +0.25, to unknown +0.5; integrity or availability lost for a
  /// while +0.25, for good +0.5; malicious intent +0.5 (unknown intent: half).
  static func circumstances(_ facts: BreachFacts, model: RiskModel) -> Double {
    var cb = 0.0
    for track in model.tracks where track.severity > .negligible && track.likelihood > .negligible {
      switch track.harm {
      case .viewing: break
      case .misuse: cb += [.known, .trusted].contains(model.reading.recipients) ? 0.25 : 0.5
      case .availability, .integrity: cb += facts.permanentLoss ? 0.5 : 0.25
      }
    }
    switch facts.cause {
    case .malicious: cb += 0.5
    case .unknown: cb += 0.25
    case .accidental: break
    }
    return cb
  }

  /// Without an explicit answer: names and ID numbers identify directly; an
  /// e-mail address or phone number usually does; other data only with effort.
  static func derivedIdentifiability(_ categories: Set<DataCategory>) -> BreachFacts.Identifiability {
    if categories.contains(.identity) || categories.contains(.nationalID) { return .maximum }
    if categories.contains(.contact) || categories.contains(.documents) { return .significant }
    return .limited
  }
}
