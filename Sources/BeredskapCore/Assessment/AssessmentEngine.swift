import Foundation

/// From breach facts to the decision the law requires. Pure: the same facts
/// and plan give the same assessment, byte for byte. The risk comes from
/// `RiskModel` (likelihood × severity per harm); this type turns it into
/// the duties of Art. 33 and 34 and explains each step.
public enum AssessmentEngine {
  public static func assess(_ f: BreachFacts, plan: Plan = .builtIn, language: Language = .nb) -> Assessment {
    func reason(_ code: ReasonCode, _ values: [String: String] = [:]) -> Reason {
      Reason(code, language, values)
    }
    guard !f.dataCategories.isEmpty else {
      return Assessment(
        personalDataBreach: false, risk: .none, severity: nil, recordInternally: false, notifyAuthority: false,
        notifySubjects: false, notifyController: false, publicCommunication: false, deadlines: [],
        reasons: [reason(.notPersonalData)], language: language)
    }

    let model = RiskModel(f, plan: plan)
    let severity = EnisaSeverity.derive(f, model: model)
    var reasons = [
      reason(.personalDataBreach, ["nature": natureText(f.nature, language)]), reason(.recordInternally),
    ]
    reasons += model.findings.map { reason($0.code, words($0.values, language)) }
    reasons += categoryReasons(f, model, language)
    for track in model.tracks where track.risk > .low || model.risk <= .low {
      reasons.append(reason(harmCode(track.harm), trackValues(track, language)))
    }
    reasons.append(reason(.enisaScore, scoreValues(severity)))

    var risk = max(.low, model.risk)
    if !f.riskAnswers.isEmpty {
      let answers = BreachFacts.RiskQuestion.allCases.filter(f.riskAnswers.contains).map(\.rawValue)
      reasons.append(reason(.riskQuestion, ["answers": answers.joined(separator: ", ")]))
      risk = max(risk, .high)
    }
    if f.dataSubjects == nil, risk < .high, risk > .low, !reasons.contains(where: { $0.code == "when_in_doubt" }) {
      reasons.append(reason(.whenInDoubt))
    }

    // The plan may be stricter, never laxer.
    for rule in plan.riskRules where rule.level > risk && rule.any.contains(where: { matches($0, f, model.reading) }) {
      risk = rule.level
      reasons.append(reason(.planRule, ["level": rule.level.rawValue, "line": rule.line.map(String.init) ?? "?"]))
    }
    for question in plan.riskQuestions where f.planRiskAnswers.contains(question.id) {
      if question.level > risk { risk = question.level }
      reasons.append(reason(.planQuestion, ["question": question.text]))
    }

    return decide(
      f, plan: plan, risk: risk, severity: severity, highWithoutMeasures: highRiskWithoutMeasures(f, plan: plan),
      reasons: reasons, language)
  }

  /// Art. 34(3)(b): was the risk high before the measures already taken?
  static func highRiskWithoutMeasures(_ f: BreachFacts, plan: Plan) -> Bool {
    guard !f.mitigations.isEmpty || f.dataRecovered else { return false }
    var before = f
    before.mitigations = []
    before.dataRecovered = false
    return RiskModel(before, plan: plan).risk >= .high
  }

  static func decide(
    _ f: BreachFacts, plan: Plan, risk: RiskLevel, severity: EnisaSeverity, highWithoutMeasures: Bool,
    reasons: [Reason], _ language: Language
  ) -> Assessment {
    func reason(_ code: ReasonCode, _ values: [String: String] = [:]) -> Reason {
      Reason(code, language, values)
    }
    var reasons = reasons
    var deadlines: [Deadline] = []
    let aware = f.becameAwareAt
    var notifyAuthority = false
    var notifySubjects = false
    var notifyController = false
    var publicCommunication = false

    if f.role == .processor {
      notifyController = true
      reasons.append(reason(.processor, ["hours": Deadline.hoursText(plan.processorNoticeHours)]))
      deadlines.append(
        Deadline(
          kind: .controller, due: aware.addingTimeInterval(plan.processorNoticeHours * 3600),
          basis: basis(.controller, language, plan.processorNoticeHours), article: "GDPR Art. 33(2)"))
    } else {
      notifyAuthority = risk >= .medium
      reasons.append(
        notifyAuthority
          ? reason(.notifyAuthority, ["hours": Deadline.hoursText(plan.authority.notifyHours)]) : reason(.unlikelyRisk))
      if notifyAuthority {
        deadlines.append(
          Deadline(
            kind: .authority, due: aware.addingTimeInterval(plan.authority.notifyHours * 3600),
            basis: basis(.authority, language, plan.authority.notifyHours), article: "GDPR Art. 33(1)"))
      }
      if risk >= .high {
        if f.individualNoticeDisproportionate {
          publicCommunication = true
          reasons.append(reason(.exemption34_3_c))
        } else {
          notifySubjects = true
          reasons.append(reason(.notifySubjects))
        }
      } else if highWithoutMeasures {
        var measures = f.mitigations.map(\.rawValue).sorted()
        if f.dataRecovered { measures.append("data_recovered") }
        reasons.append(reason(.exemption34_3_b, ["mitigations": measures.joined(separator: ", ")]))
      } else if risk == .medium {
        reasons.append(reason(.subjectsNotRequired))
      }
      if notifySubjects || publicCommunication {
        deadlines.append(
          Deadline(
            kind: .subjects, due: aware.addingTimeInterval(plan.subjectsTargetHours * 3600),
            basis: basis(.subjects, language, plan.subjectsTargetHours), article: "GDPR Art. 34(1)"))
      }
    }
    for clock in plan.clocks {
      deadlines.append(
        Deadline(
          kind: .plan(clock.id), due: aware.addingTimeInterval(clock.hours * 3600),
          basis: clock.title, article: "the plan"))
    }
    return Assessment(
      personalDataBreach: true, risk: risk, severity: severity, recordInternally: true,
      notifyAuthority: notifyAuthority, notifySubjects: notifySubjects, notifyController: notifyController,
      publicCommunication: publicCommunication, deadlines: deadlines, reasons: reasons, language: language)
  }

  /// The categories that set the severity of a deciding confidentiality
  /// harm, each with its own explanation; or, when nothing readable weighs,
  /// that the data are ordinary.
  static func categoryReasons(_ f: BreachFacts, _ model: RiskModel, _ language: Language) -> [Reason] {
    let confidentiality = model.tracks.filter { $0.harm == .viewing || $0.harm == .misuse }
    guard !confidentiality.isEmpty, !model.reading.readable.isEmpty else { return [] }
    let deciding = confidentiality.filter { $0.risk > .low }
    if deciding.isEmpty {
      return [Reason(.ordinaryData, language, ["categories": DataCategory.names(model.reading.readable, language)])]
    }
    var codes: [ReasonCode] = []
    for category in DataCategory.allCases where deciding.contains(where: { $0.drivers.contains(category) }) {
      guard let code = categoryCode(category), !codes.contains(code) else { continue }
      codes.append(code)
    }
    return codes.map { Reason($0, language) }
  }

  /// Category codes in a finding's values, in the reader's words.
  static func words(_ values: [String: String], _ language: Language) -> [String: String] {
    var out = values
    if let p = values["protection"].flatMap(BreachFacts.Protection.init(rawValue:)) {
      switch (p, language) {
      case (.encrypted, .nb): out["protection"] = "kryptert"
      case (.hashed, .nb): out["protection"] = "hashet"
      case (.pseudonymised, .nb): out["protection"] = "pseudonymisert"
      case (.none, .nb): out["protection"] = "ingen"
      case (_, .en): out["protection"] = p.rawValue
      }
    }
    for key in ["covered", "readable"] {
      guard let codes = values[key] else { continue }
      let categories = Set(codes.split(separator: ",").compactMap { DataCategory(rawValue: String($0)) })
      out[key] = DataCategory.names(categories, language)
    }
    return out
  }

  static func categoryCode(_ category: DataCategory) -> ReasonCode? {
    switch category {
    case .special, .criminal: .specialCategories
    case .nationalID: .nationalID
    case .credentials: .credentials
    case .financial: .financial
    case .documents: .documents
    case .communications: .communications
    case .location: .location
    case .technical, .identity, .contact, .behavioural: nil
    }
  }

  static func harmCode(_ harm: RiskModel.Harm) -> ReasonCode {
    switch harm {
    case .viewing: .harmViewing
    case .misuse: .harmMisuse
    case .availability: .harmAvailability
    case .integrity: .harmIntegrity
    }
  }

  static func trackValues(_ track: RiskModel.Track, _ language: Language) -> [String: String] {
    [
      "likelihood": track.likelihood.name(language), "severity": track.severity.name(language),
      "risk": riskWord(track.risk, language),
    ]
  }

  static func riskWord(_ risk: RiskLevel, _ language: Language) -> String {
    switch (risk, language) {
    case (.none, .nb), (.low, .nb): "lav"
    case (.medium, .nb): "middels"
    case (.high, .nb): "høy"
    case (.critical, .nb): "kritisk"
    case (.none, .en), (.low, .en): "low"
    case (.medium, .en): "medium"
    case (.high, .en): "high"
    case (.critical, .en): "critical"
    }
  }

  /// A plan condition, read like the law reads the facts: "unprotected"
  /// means readable (protection per category), the recipients are those after
  /// contradictions, and an unknown number of people counts as 100.
  static func matches(_ condition: Plan.RiskRule.Condition, _ f: BreachFacts, _ reading: ReadingOfFacts) -> Bool {
    if !condition.categories.isEmpty, condition.categories.isDisjoint(with: f.dataCategories) { return false }
    if let unprotected = condition.unprotected {
      let concerned = condition.categories.isEmpty ? f.dataCategories : condition.categories
      let isUnprotected = !concerned.isDisjoint(with: reading.readable)
      if unprotected != isUnprotected { return false }
    }
    // An unknown number counts as 100, as in the risk model.
    if let over = condition.dataSubjectsOver, (f.dataSubjects ?? RiskModel.unknownPeople) <= over { return false }
    if !condition.recipients.isEmpty, !condition.recipients.contains(reading.recipients) { return false }
    return true
  }

  static func scoreValues(_ s: EnisaSeverity) -> [String: String] {
    func n(_ x: Double) -> String { String(format: "%.2f", x) }
    return ["score": n(s.score), "dpc": n(s.dpc), "ei": n(s.ei), "cb": n(s.cb)]
  }

  static func natureText(_ nature: Set<BreachFacts.Nature>, _ language: Language) -> String {
    let list = BreachFacts.Nature.allCases.filter(nature.contains).map { n -> String in
      switch (n, language) {
      case (.confidentiality, .nb): "konfidensialitet"
      case (.integrity, .nb): "integritet"
      case (.availability, .nb): "tilgjengelighet"
      case (.confidentiality, .en): "confidentiality"
      case (.integrity, .en): "integrity"
      case (.availability, .en): "availability"
      }
    }
    return list.joined(separator: language == .nb ? " og " : " and ")
  }

  static func basis(_ kind: Deadline.Kind, _ language: Language, _ hours: Double) -> String {
    let h = Deadline.hoursText(hours)
    switch (kind, language) {
    case (.authority, .nb): return "Meld til Datatilsynet innen \(h) timer etter at dere ble klar over bruddet"
    case (.authority, .en): return "Notify the supervisory authority within \(h) hours of becoming aware"
    case (.controller, .nb): return "Varsle den behandlingsansvarlige innen \(h) timer (databehandleravtalen)"
    case (.controller, .en): return "Tell the controller within \(h) hours (the processing agreement)"
    case (.subjects, .nb): return "Varsle de berørte uten ugrunnet opphold (planens mål: \(h) timer)"
    default: return "Tell the people affected without undue delay (the plan's target: \(h) hours)"
    }
  }
}
