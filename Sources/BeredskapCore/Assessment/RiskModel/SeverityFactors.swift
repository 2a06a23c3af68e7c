/// How grave the consequences for the people would be, per kind of harm.
/// Sources: ENISA (2013) data processing context and ease of
/// identification; EDPB Guidelines 9/2022 (factors to consider when
/// assessing risk: nature, sensitivity and volume of the data, ease of
/// identification, severity of consequences, special characteristics of the
/// individuals, number of individuals); GDPR Recitals 75 and 85.
enum SeverityFactors {
  /// The harm of being seen by someone without a need to know: distress,
  /// loss of secrecy, damage to reputation (Recital 85). What the data
  /// reveal about a person matters here, not what they open.
  static func exposure(of category: DataCategory) -> RiskScale {
    switch category {
    case .special, .criminal: .maximum
    case .communications, .location: .significant
    case .financial, .nationalID, .documents, .behavioural: .limited
    case .identity, .contact, .credentials, .technical: .negligible
    }
  }

  /// The harm of the data being used against the person: identity theft
  /// and fraud (national ID numbers, financial data), accounts taken over
  /// (credentials), discrimination or blackmail (Art. 9 and 10 data),
  /// stalking (location), targeted fraud from a detailed profile (CVs,
  /// messages), phishing and spam (names, contact data). Recital 75; ENISA
  /// 2013 base scores (simple 1, behavioural 2, financial 3, sensitive 4),
  /// with the national ID number at the top because in Norway it opens
  /// identity theft.
  static func misuse(of category: DataCategory) -> RiskScale {
    switch category {
    case .nationalID, .credentials, .special, .criminal: .maximum
    case .financial, .documents, .communications, .location: .significant
    case .identity, .contact, .behavioural: .limited
    case .technical: .negligible
    }
  }

  /// ENISA 2013 lowers sensitive data by two when the data set gives only
  /// general assumptions. A special-category note that concerns at most one
  /// in five of the people on an otherwise ordinary list (two lactose
  /// intolerances on a course list of 15, EDPB Guidelines 01/2021 case 15)
  /// is such a note; the people it concerns are still counted.
  static func incidental(_ category: DataCategory, _ f: BreachFacts) -> Bool {
    guard category.isSpecial, let n = f.categorySubjects[category], let all = f.dataSubjects, all > 0 else {
      return false
    }
    return n.multipliedReportingOverflow(by: 5).partialValue <= all
  }

  /// Raises for the people and the data set: vulnerable people (ENISA +1;
  /// Recital 75) and categories that may be incomplete (when in doubt,
  /// assume the worse). The number of people is not a severity for each of
  /// them; it raises the breach's risk as a whole (`RiskModel.scale`).
  static func raises(_ f: BreachFacts) -> (steps: Int, findings: [Finding]) {
    var steps = 0
    var findings: [Finding] = []
    if f.vulnerableSubjects {
      steps += 1
      findings.append(Finding(.vulnerable))
    }
    if !f.categoriesComplete {
      steps += 1
      findings.append(Finding(.categoriesIncomplete))
    }
    return (steps, findings)
  }

  /// ENISA 2013 ease of identification: data that identify people only with
  /// effort (pseudonyms, no names) weigh less. The responder's explicit answer
  /// wins; without one, working pseudonymisation lowers it one step, and
  /// otherwise the data identify.
  static func identifiabilitySteps(_ f: BreachFacts, _ category: DataCategory, _ reading: ReadingOfFacts) -> Int {
    switch f.identifiability {
    case .limited?: -1
    case .negligible?: -2
    case .significant?, .maximum?: 0
    case nil: reading.pseudonymised.contains(category) ? -1 : 0
    }
  }

  /// The severity of one kind of confidentiality harm over the readable
  /// categories, with the categories that set it.
  static func confidentiality(_ f: BreachFacts, _ reading: ReadingOfFacts, misuse: Bool) -> (
    Rated, drivers: [DataCategory]
  ) {
    var best = RiskScale.negligible
    var drivers: [DataCategory] = []
    for category in reading.readable.sorted() {
      var level = misuse ? Self.misuse(of: category) : exposure(of: category)
      if incidental(category, f) { level = min(level, .limited) }
      // A reset protects the account here, not the same password reused elsewhere.
      if misuse, category == .credentials, f.mitigations.contains(.credentialsReset) { level = .significant }
      if misuse, category == .financial || category == .nationalID, f.mitigations.contains(.fraudMonitoring) {
        level = level.moved(-1)
      }
      level = level.moved(identifiabilitySteps(f, category, reading))
      if level > best {
        best = level
        drivers = [category]
      } else if level == best, level > .negligible {
        drivers.append(category)
      }
    }
    if best == .negligible, !f.categoriesComplete, !reading.readable.isEmpty {
      // What else may be involved could identify people.
      return (Rated(level: .limited, findings: [Finding(.categoriesIncomplete)]), drivers)
    }
    guard best > .negligible else { return (Rated(level: .negligible), []) }
    var findings: [Finding] = []
    for category in reading.readable.sorted() where incidental(category, f) {
      let n = f.categorySubjects[category] ?? 0
      findings.append(Finding(.incidentalSpecial, ["count": String(n), "subjects": String(f.dataSubjects ?? 0)]))
    }
    let raise = raises(f)
    findings += raise.findings
    return (Rated(level: best.moved(raise.steps), findings: findings), drivers)
  }

  /// Availability: what the loss means for the people, for how long
  /// (EDPB Guidelines 01/2021 cases 1-3; ENISA 2013 CB). Restored in good
  /// time from a backup with no notable effect on the people is negligible,
  /// whatever the attacker intended (case 1); a long loss is a risk (case 2);
  /// harm to health or safety is the most severe (case 3). Data lost for good
  /// take the people's own records from them, and more so health, financial
  /// and vulnerable people's records.
  static func availability(_ f: BreachFacts, graceHours: Double) -> Rated {
    let inTime = f.restoreHours.map { $0 <= graceHours } ?? (f.backupAvailable == true)
    let hours = f.restoreHours.map { Deadline.hoursText($0) } ?? "?"
    let byImpact: RiskScale
    switch f.serviceImpact {
    case .critical: byImpact = .maximum
    case .significant: byImpact = inTime && !f.permanentLoss ? .limited : .significant
    case .minor, .none: byImpact = inTime && !f.permanentLoss ? .negligible : .limited
    }
    if f.permanentLoss {
      // Records people depend on, or that may be among the lost: gone for good.
      let dependent = f.vulnerableSubjects || f.dataCategories.contains { $0.isSpecial || $0 == .financial }
      var level = dependent ? RiskScale.maximum : byImpact
      var findings = [Finding(.permanentLoss)]
      if f.serviceImpact == .critical { findings.append(Finding(.serviceCritical)) }
      if !f.categoriesComplete, !dependent {
        level = level.moved(1)
        findings.append(Finding(.categoriesIncomplete))
      }
      return Rated(level: max(level, byImpact), findings: findings)
    }
    if byImpact == .negligible { return Rated(level: .negligible, findings: [Finding(.availabilityRestored)]) }
    var findings = [Finding(inTime ? .availabilityImpact : .availabilityLost, ["hours": hours])]
    if f.serviceImpact == .critical { findings.append(Finding(.serviceCritical)) }
    return Rated(level: byImpact, findings: findings)
  }

  /// Integrity: altered data that people's credit, benefits or care depend on
  /// harm them (Recital 75; ENISA 2013 CB). Reverted with the correct data
  /// back and nothing misused: negligible.
  static func integrity(_ f: BreachFacts) -> Rated {
    let reverted = f.mitigations.contains(.changeReverted) || f.dataRecovered
    if reverted, !f.permanentLoss, !f.misuseObserved {
      return Rated(level: .negligible, findings: [Finding(.integrityRestored)])
    }
    var level: RiskScale
    switch f.serviceImpact {
    case .critical: level = .maximum
    case .significant: level = .significant
    case .minor, .none: level = .limited
    }
    var findings = [Finding(.integrityLost)]
    if f.vulnerableSubjects || f.dataCategories.contains(where: { $0.isSpecial || $0 == .financial }) {
      level = level.moved(1)
      findings.append(Finding(.integrityDependent))
    }
    return Rated(level: level, findings: findings)
  }
}
