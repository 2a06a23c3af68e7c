import Foundation

/// From breach facts to the decision the law requires. Pure: the same facts
/// and plan give the same assessment, byte for byte.
public enum AssessmentEngine {
  /// Something that makes a high risk likely, and the measures that remove it
  /// (Art. 34(3)(b)).
  struct HighRiskDriver {
    var code: String
    var values: [String: String] = [:]
    var removedBy: Set<BreachFacts.Mitigation> = []
    var critical = false
  }

  public static func assess(_ f: BreachFacts, plan: Plan = .builtIn, language: Language = .nb) -> Assessment {
    func reason(_ code: String, _ values: [String: String] = [:]) -> Reason {
      ReasonCatalogue.reason(code, language, values)
    }
    guard !f.dataCategories.isEmpty else {
      return Assessment(
        personalDataBreach: false, risk: .none, severity: nil, recordInternally: false, notifyAuthority: false,
        notifySubjects: false, notifyController: false, publicCommunication: false, deadlines: [],
        reasons: [reason("not_personal_data")], language: language)
    }

    let context = BreachContext(f, plan: plan)
    let severity = EnisaSeverity.derive(
      f, confidentialityUnintelligible: context.confidentialityUnintelligible, context: context)
    var reasons = [
      reason("personal_data_breach", ["nature": natureText(f.nature, language)]), reason("record_internally"),
    ]
    reasons += context.notes.map { reason($0.0, $0.1) }
    if f.cause == .malicious { reasons.append(reason("malicious")) }

    var risk: RiskLevel
    var exemptedDrivers: [HighRiskDriver] = []
    let technicalOnly = f.dataCategories == [.technical] && f.categoriesComplete && !f.misuseObserved
    if context.allNeutralised || technicalOnly {
      if technicalOnly, !context.allNeutralised { reasons.append(reason("technical_only")) }
      risk = .low
    } else {
      // A risk that is not neutralised is at least a risk (Art. 33(1)); ENISA says how grave.
      // Risk is severity and likelihood (EDPB 9/2022): data that reached only known people
      // by accident, unused, is unlikely to be misused, so ENISA's severity alone caps at medium.
      let unlikelyMisuse = !context.inUnknownHands && f.cause != .malicious && !f.misuseObserved
      let enisaLevel = RiskLevel(enisaScore: severity.score)
      risk = max(.medium, unlikelyMisuse ? min(enisaLevel, .medium) : enisaLevel)
      if risk >= .high, severity.score >= 3 {
        reasons.append(reason("enisa_score", scoreValues(severity)))
      }
      let drivers = highRiskDrivers(f, context)
      let active = drivers.filter { $0.removedBy.isDisjoint(with: f.mitigations) }
      exemptedDrivers = drivers.filter { !$0.removedBy.isDisjoint(with: f.mitigations) }
      for driver in drivers { reasons.append(reason(driver.code, driver.values)) }
      if !active.isEmpty { risk = max(risk, active.contains { $0.critical } ? .critical : .high) }
      if f.misuseObserved, !active.isEmpty { risk = .critical }
      if !f.categoriesComplete { reasons.append(reason("categories_incomplete")) }
      if f.dataSubjects == nil, risk < .high { reasons.append(reason("when_in_doubt")) }
    }
    if risk < .high || !reasons.contains(where: { $0.code == "enisa_score" }) {
      reasons.insert(reason("enisa_score", scoreValues(severity)), at: 2)
    }

    // The plan may be stricter, never laxer.
    for rule in plan.riskRules where rule.level > risk && rule.any.contains(where: { matches($0, f) }) {
      risk = rule.level
      reasons.append(reason("plan_rule", ["level": rule.level.rawValue, "line": rule.line.map(String.init) ?? "?"]))
    }
    for question in plan.riskQuestions where f.planRiskAnswers.contains(question.id) {
      if question.level > risk { risk = question.level }
      reasons.append(reason("plan_question", ["question": question.text]))
    }

    return decide(f, plan: plan, risk: risk, severity: severity, exempted: exemptedDrivers, reasons: reasons, language)
  }

  static func decide(
    _ f: BreachFacts, plan: Plan, risk: RiskLevel, severity: EnisaSeverity, exempted: [HighRiskDriver],
    reasons: [Reason], _ language: Language
  ) -> Assessment {
    func reason(_ code: String, _ values: [String: String] = [:]) -> Reason {
      ReasonCatalogue.reason(code, language, values)
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
      reasons.append(reason("processor", ["hours": Deadline.hoursText(plan.processorNoticeHours)]))
      deadlines.append(
        Deadline(
          kind: .controller, due: aware.addingTimeInterval(plan.processorNoticeHours * 3600),
          basis: basis("controller", language, plan.processorNoticeHours), article: "GDPR Art. 33(2)"))
    } else {
      notifyAuthority = risk >= .medium
      reasons.append(reason(notifyAuthority ? "notify_authority" : "unlikely_risk"))
      if notifyAuthority {
        deadlines.append(
          Deadline(
            kind: .authority, due: aware.addingTimeInterval(plan.authority.notifyHours * 3600),
            basis: basis("authority", language, plan.authority.notifyHours), article: "GDPR Art. 33(1)"))
      }
      if risk >= .high {
        if f.individualNoticeDisproportionate {
          publicCommunication = true
          reasons.append(reason("exemption_34_3_c"))
        } else {
          notifySubjects = true
          reasons.append(reason("notify_subjects"))
        }
      } else if !exempted.isEmpty {
        let measures = f.mitigations.map(\.rawValue).sorted().joined(separator: ", ")
        reasons.append(reason("exemption_34_3_b", ["mitigations": measures]))
      } else if risk == .medium {
        reasons.append(reason("subjects_not_required"))
      }
      if notifySubjects || publicCommunication {
        deadlines.append(
          Deadline(
            kind: .subjects, due: aware.addingTimeInterval(plan.subjectsTargetHours * 3600),
            basis: basis("subjects", language, plan.subjectsTargetHours), article: "GDPR Art. 34(1)"))
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

  /// EDPB Guidelines 9/2022 and 01/2021: what makes a high risk likely.
  static func highRiskDrivers(_ f: BreachFacts, _ c: BreachContext) -> [HighRiskDriver] {
    var drivers: [HighRiskDriver] = []
    let exposed = c.confidentialityLost && !c.confidentialityNeutralised
    let cats = f.dataCategories
    let recallable: Set<BreachFacts.Mitigation> = f.recipients == .known && f.dataRecovered ? [.dataRecalled] : []
    if exposed {
      if cats.contains(.special) || cats.contains(.criminal) {
        drivers.append(HighRiskDriver(code: "special_categories", removedBy: recallable))
      }
      if cats.contains(.nationalID) { drivers.append(HighRiskDriver(code: "national_id", removedBy: recallable)) }
      if cats.contains(.credentials) {
        drivers.append(HighRiskDriver(code: "credentials", removedBy: [.credentialsReset]))
      }
      if c.inUnknownHands {
        if cats.contains(.financial) { drivers.append(HighRiskDriver(code: "financial")) }
        if cats.contains(.documents) { drivers.append(HighRiskDriver(code: "documents")) }
        if cats.contains(.communications) { drivers.append(HighRiskDriver(code: "communications")) }
        if cats.contains(.location) { drivers.append(HighRiskDriver(code: "location")) }
        if f.vulnerableSubjects { drivers.append(HighRiskDriver(code: "vulnerable")) }
        if let n = f.dataSubjects, n >= 1000 {
          drivers.append(HighRiskDriver(code: "large_scale", values: ["subjects": String(n)]))
        }
      }
    }
    if f.misuseObserved { drivers.append(HighRiskDriver(code: "misuse_observed", critical: true)) }
    if !f.riskAnswers.isEmpty {
      let answers = BreachFacts.RiskQuestion.allCases.filter(f.riskAnswers.contains).map(\.rawValue)
      drivers.append(HighRiskDriver(code: "risk_question", values: ["answers": answers.joined(separator: ", ")]))
    }
    let propertyLost = !c.availabilityNeutralised || !c.integrityNeutralised
    if propertyLost, f.serviceImpact == .critical {
      drivers.append(HighRiskDriver(code: "service_critical", critical: true))
    }
    if propertyLost, f.permanentLoss || !c.integrityNeutralised, cats.contains(where: \.isSpecial) {
      drivers.append(HighRiskDriver(code: "special_lost"))
    }
    return drivers
  }

  static func matches(_ condition: Plan.RiskRule.Condition, _ f: BreachFacts) -> Bool {
    if !condition.categories.isEmpty, condition.categories.isDisjoint(with: f.dataCategories) { return false }
    if let unprotected = condition.unprotected {
      let isUnprotected = f.protection == .none || f.keyCompromised
      if unprotected != isUnprotected { return false }
    }
    if let over = condition.dataSubjectsOver, (f.dataSubjects ?? 0) <= over { return false }
    if !condition.recipients.isEmpty, !condition.recipients.contains(f.recipients) { return false }
    return true
  }

  static func scoreValues(_ s: EnisaSeverity) -> [String: String] {
    func n(_ x: Double) -> String { String(format: "%.2f", x) }
    return ["score": n(s.score), "dpc": n(s.dpc), "ei": n(s.ei), "cb": n(s.cb)]
  }

  static func natureText(_ nature: Set<BreachFacts.Nature>, _ language: Language) -> String {
    let words: [BreachFacts.Nature: (String, String)] = [
      .confidentiality: ("konfidensialitet", "confidentiality"), .integrity: ("integritet", "integrity"),
      .availability: ("tilgjengelighet", "availability"),
    ]
    let list = BreachFacts.Nature.allCases.filter(nature.contains).map { language == .nb ? words[$0]!.0 : words[$0]!.1 }
    return list.joined(separator: language == .nb ? " og " : " and ")
  }

  static func basis(_ kind: String, _ language: Language, _ hours: Double) -> String {
    let h = Deadline.hoursText(hours)
    switch (kind, language) {
    case ("authority", .nb): return "Meld til Datatilsynet innen \(h) timer etter at dere ble klar over bruddet"
    case ("authority", .en): return "Notify the supervisory authority within \(h) hours of becoming aware"
    case ("controller", .nb): return "Varsle den behandlingsansvarlige innen \(h) timer (databehandleravtalen)"
    case ("controller", .en): return "Tell the controller within \(h) hours (the processing agreement)"
    case ("subjects", .nb): return "Varsle de berørte uten ugrunnet opphold (planens mål: \(h) timer)"
    default: return "Tell the people affected without undue delay (the plan's target: \(h) hours)"
    }
  }
}
