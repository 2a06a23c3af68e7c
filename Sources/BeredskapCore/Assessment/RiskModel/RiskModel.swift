/// Risk as the EDPB assesses it: for each harm the breach can do, the
/// likelihood that it reaches the people combined with its severity (EDPB
/// Guidelines 9/2022; Recital 76), and the breach's risk is the gravest of
/// them. Four harms: being seen (confidentiality), being used against the
/// person (confidentiality), losing the data (availability) and wrong data
/// (integrity). `docs/assessment.md` walks through every factor.
struct RiskModel {
  enum Harm: String, CaseIterable {
    case viewing, misuse, availability, integrity
  }

  struct Track {
    var harm: Harm
    var likelihood: RiskScale
    var severity: RiskScale
    var drivers: [DataCategory] = []
    /// Raised for the number of people (`RiskModel.scale`).
    var scaled: RiskLevel?
    var risk: RiskLevel { scaled ?? RiskScale.risk(likelihood: likelihood, severity: severity) }
  }

  var reading: ReadingOfFacts
  var tracks: [Track] = []
  /// In the order a person reads them: the reading of the facts, then each
  /// harm's factors.
  var findings: [Finding] = []

  init(_ f: BreachFacts, plan: Plan) {
    reading = ReadingOfFacts(f)
    findings = reading.findings
    if f.nature.contains(.confidentiality) {
      let viewSeverity = SeverityFactors.confidentiality(f, reading, misuse: false)
      let misuseSeverity = SeverityFactors.confidentiality(f, reading, misuse: true)
      let viewLikelihood = LikelihoodFactors.viewing(f, reading)
      let misuseLikelihood = LikelihoodFactors.misuse(f, reading)
      findings += LikelihoodFactors.audienceFinding(f, reading.recipients)
      findings += misuseLikelihood.findings + viewLikelihood.findings
      findings += viewSeverity.0.findings + misuseSeverity.0.findings
      tracks.append(
        Track(
          harm: .viewing, likelihood: viewLikelihood.level, severity: viewSeverity.0.level,
          drivers: viewSeverity.drivers))
      tracks.append(
        Track(
          harm: .misuse, likelihood: misuseLikelihood.level, severity: misuseSeverity.0.level,
          drivers: misuseSeverity.drivers))
    }
    if f.nature.contains(.availability) {
      let rated = SeverityFactors.availability(f, graceHours: plan.availabilityGraceHours)
      findings += rated.findings
      tracks.append(Track(harm: .availability, likelihood: .maximum, severity: rated.level))
    }
    if f.nature.contains(.integrity) {
      let rated = SeverityFactors.integrity(f)
      findings += rated.findings
      let likelihood: RiskScale = f.permanentLoss || f.misuseObserved ? .maximum : .significant
      tracks.append(Track(harm: .integrity, likelihood: likelihood, severity: rated.level))
    }
    for i in tracks.indices where tracks[i].harm == .viewing || tracks[i].harm == .misuse {
      if let raised = Self.scale(tracks[i], people: f.dataSubjects) {
        tracks[i].scaled = raised
        findings.append(
          f.dataSubjects.map { Finding(.largeScale, ["subjects": String($0)]) } ?? Finding(.whenInDoubt))
      }
    }
    findings = Self.unique(findings)
  }

  /// An unknown number of people counts as many (when in doubt, notify),
  /// but not as a mass breach; plan rules read it the same way.
  static let unknownPeople = 100

  /// The number of people raises the risk of a confidentiality breach as a
  /// whole (EDPB Guidelines 9/2022: the higher the number of individuals
  /// affected, the greater the impact). A small contained slip with ordinary
  /// data is unlikely to result in a risk (01/2021 cases 13 and 15); the same
  /// slip with the data of 100 people or more is a risk to notify; a breach
  /// of 10,000 people or more that is a risk is a high risk (case 11).
  /// Negligible harms stay negligible however many people they concern.
  static func scale(_ track: Track, people: Int?) -> RiskLevel? {
    guard track.likelihood > .negligible, track.severity > .negligible else { return nil }
    let n = people ?? unknownPeople
    let base = RiskScale.risk(likelihood: track.likelihood, severity: track.severity)
    if n >= 10_000, base == .medium { return .high }
    if n >= 10_000, base == .low { return .medium }
    if n >= 100, base == .low { return .medium }
    return nil
  }

  var risk: RiskLevel { tracks.map(\.risk).max() ?? .low }

  /// The harms that set the risk.
  var deciding: [Track] { tracks.filter { $0.risk == risk && $0.risk > .low } }

  static func unique(_ findings: [Finding]) -> [Finding] {
    var seen: [ReasonCode] = []
    return findings.filter { f in
      if seen.contains(f.code) { return false }
      seen.append(f.code)
      return true
    }
  }
}
