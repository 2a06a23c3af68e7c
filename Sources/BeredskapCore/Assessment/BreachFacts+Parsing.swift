import Foundation

/// One problem with a facts document, naming the field.
public struct FactsProblem: Error, Equatable, Sendable, CustomStringConvertible {
  public var field: String
  public var message: String
  public var description: String { "\(field): \(message)" }
}

/// All the problems found in one facts document; nothing is assessed then.
public struct FactsError: Error, Equatable, Sendable, CustomStringConvertible {
  public var problems: [FactsProblem]
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension BreachFacts {
  /// The fields of the contract, in the order problems are reported.
  static let fieldOrder = [
    "schema", "role", "became_aware_at", "occurred_at", "nature", "cause", "data_categories",
    "data_subjects", "records", "vulnerable_subjects", "protection", "protected_categories", "key_compromised",
    "exfiltration", "recipients", "data_recovered", "recipients_count", "category_subjects",
    "categories_complete", "misuse_observed", "mitigations", "backup_available", "restore_hours",
    "permanent_loss", "service_impact", "exposure_hours", "identifiability", "risk_answers",
    "plan_risk_answers", "individual_notice_disproportionate",
  ]

  /// Parses and validates a facts document, collecting every problem.
  public static func parse(json data: Data) throws(FactsError) -> BreachFacts {
    let value: JSONValue
    do {
      value = try JSONValue.parse(data)
    } catch {
      throw FactsError(problems: [FactsProblem(field: "(document)", message: "is not valid JSON")])
    }
    guard case .object(let object) = value else {
      throw FactsError(problems: [FactsProblem(field: "(document)", message: "must be a JSON object")])
    }
    return try parse(object: object)
  }

  public static func parse(object: [String: JSONValue]) throws(FactsError) -> BreachFacts {
    var reader = FieldReader(object: object)
    let facts = reader.read()
    for key in object.keys.sorted() where !fieldOrder.contains(key) {
      reader.fail(key, "is not a field of \(schema) (check the spelling)")
    }
    if !reader.problems.isEmpty {
      let order = { (p: FactsProblem) in
        fieldOrder.firstIndex(of: String(p.field.prefix { $0 != "." && $0 != "[" })) ?? fieldOrder.count
      }
      throw FactsError(problems: reader.problems.sorted { order($0) < order($1) })
    }
    guard let facts else {
      throw FactsError(problems: [FactsProblem(field: "(document)", message: "could not be read")])
    }
    return facts
  }

  /// The largest count the contract accepts: more people than live on Earth
  /// is a typo, not a breach.
  public static let maxCount = 10_000_000_000
  /// Ten years in hours: the longest duration the contract accepts.
  public static let maxHours = 87_660.0
  /// How far ahead of the clock `became_aware_at` may lie (clock skew).
  public static let futureTolerance: TimeInterval = 5 * 60

  /// Parses facts that arrive now (from the CLI, the API or the wizard):
  /// also refuses an awareness time in the future, which would move the
  /// 72-hour deadline.
  public static func parse(json data: Data, receivedAt now: Date) throws(FactsError) -> BreachFacts {
    let facts = try parse(json: data)
    try facts.checkReceived(at: now)
    return facts
  }

  public static func parse(object: [String: JSONValue], receivedAt now: Date) throws(FactsError) -> BreachFacts {
    let facts = try parse(object: object)
    try facts.checkReceived(at: now)
    return facts
  }

  /// Checks the facts against the plan they are assessed under, the same in
  /// the wizard, the API and the CLI: every plan question answered must be
  /// one of the plan's.
  public func check(against plan: Plan) throws(FactsError) {
    let unknown = planRiskAnswers.subtracting(plan.riskQuestions.map(\.id)).sorted()
    guard unknown.isEmpty else {
      throw FactsError(problems: [
        FactsProblem(
          field: "plan_risk_answers",
          message: "the plan has no question \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))")
      ])
    }
  }

  func checkReceived(at now: Date) throws(FactsError) {
    if becameAwareAt.timeIntervalSince(now) > Self.futureTolerance {
      throw FactsError(problems: [
        FactsProblem(
          field: "became_aware_at",
          message:
            "lies in the future (\(Timestamp.utc(becameAwareAt))); give the time you became aware, which has passed")
      ])
    }
  }
}

/// Reads typed fields from a JSON object, recording a problem per bad field.
struct FieldReader {
  /// No breach this tool assesses began before 2000 (as for incidents).
  static let earliest = Date(timeIntervalSince1970: 946_684_800)
  let object: [String: JSONValue]
  var problems: [FactsProblem] = []

  mutating func fail(_ field: String, _ message: String) {
    problems.append(FactsProblem(field: field, message: message))
  }

  mutating func read() -> BreachFacts? {
    switch object["schema"] {
    case .string(BreachFacts.schema): break
    case nil: fail("schema", "is required and must be \"\(BreachFacts.schema)\"")
    case let other?: fail("schema", "must be \"\(BreachFacts.schema)\", got \(other.quoted)")
    }
    let aware = date("became_aware_at", required: true)
    let nature = enumList("nature", BreachFacts.Nature.self, required: true, nonEmpty: true)
    let categories = enumList("data_categories", DataCategory.self, required: true, nonEmpty: false)
    var facts = BreachFacts(
      becameAwareAt: aware ?? Date(timeIntervalSince1970: 0), nature: Set(nature ?? []),
      dataCategories: Set(categories ?? []))
    facts.role = enumValue("role", BreachFacts.Role.self) ?? .controller
    facts.occurredAt = date("occurred_at", required: false)
    facts.cause = enumValue("cause", BreachFacts.Cause.self) ?? .unknown
    facts.dataSubjects = count("data_subjects")
    facts.records = count("records")
    facts.vulnerableSubjects = bool("vulnerable_subjects") ?? false
    facts.protection = enumValue("protection", BreachFacts.Protection.self) ?? .none
    if let value = object["protected_categories"], value != .null {
      let covered = enumList("protected_categories", DataCategory.self, required: false, nonEmpty: true) ?? []
      facts.protectedCategories = Set(covered)
      for c in covered where !facts.dataCategories.contains(c) {
        fail("protected_categories", "lists \(c.rawValue), which is not in data_categories")
      }
    }
    facts.keyCompromised = bool("key_compromised") ?? false
    facts.exfiltration = enumValue("exfiltration", BreachFacts.Exfiltration.self) ?? .unknown
    facts.recipients = enumValue("recipients", BreachFacts.Recipients.self) ?? .unknown
    facts.dataRecovered = bool("data_recovered") ?? false
    facts.recipientsCount = count("recipients_count")
    facts.categorySubjects = categoryCounts("category_subjects")
    facts.categoriesComplete = bool("categories_complete") ?? true
    facts.misuseObserved = bool("misuse_observed") ?? false
    facts.mitigations = Set(
      enumList("mitigations", BreachFacts.Mitigation.self, required: false, nonEmpty: false) ?? [])
    facts.backupAvailable = bool("backup_available", nullable: true)
    facts.restoreHours = hours("restore_hours")
    facts.permanentLoss = bool("permanent_loss") ?? false
    facts.serviceImpact = enumValue("service_impact", BreachFacts.ServiceImpact.self) ?? .none
    facts.exposureHours = hours("exposure_hours")
    facts.identifiability = enumValue("identifiability", BreachFacts.Identifiability.self, nullable: true)
    facts.riskAnswers = riskAnswers("risk_answers")
    facts.planRiskAnswers = Set(stringList("plan_risk_answers"))
    facts.individualNoticeDisproportionate = bool("individual_notice_disproportionate") ?? false
    if let occurred = facts.occurredAt, let aware, occurred > aware {
      fail("occurred_at", "must not be later than became_aware_at")
    }
    return problems.isEmpty ? facts : nil
  }

  private mutating func date(_ field: String, required: Bool) -> Date? {
    switch object[field] {
    case nil, .null?:
      if required { fail(field, "is required (an RFC 3339 time such as \"2026-05-12T08:30:00+02:00\")") }
      return nil
    case .string(let s)?:
      if let d = Timestamp.parse(s), d >= Self.earliest { return d }
      if let d = Timestamp.parse(s), d < Self.earliest {
        fail(field, "must be in the year 2000 or later, got \"\(s)\"")
        return nil
      }
      fail(field, "must be an RFC 3339 time with an offset such as \"2026-05-12T08:30:00+02:00\", got \"\(s)\"")
    case let other?:
      fail(field, "must be an RFC 3339 time, got \(other.quoted)")
    }
    return nil
  }

  private mutating func enumValue<E: RawRepresentable & CaseIterable>(
    _ field: String, _ type: E.Type, nullable: Bool = false
  ) -> E? where E.RawValue == String {
    guard let value = object[field] else { return nil }
    if value == .null, nullable { return nil }
    if case .string(let s) = value, let e = E(rawValue: s) { return e }
    fail(field, "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), got \(value.quoted)")
    return nil
  }

  private mutating func enumList<E: RawRepresentable & CaseIterable>(
    _ field: String, _ type: E.Type, required: Bool, nonEmpty: Bool
  ) -> [E]? where E.RawValue == String {
    let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
    guard let value = object[field] else {
      if required { fail(field, "is required (a list of: \(allowed))") }
      return nil
    }
    guard case .array(let items) = value else {
      fail(field, "must be a list of: \(allowed); got \(value.quoted)")
      return nil
    }
    var out: [E] = []
    for (i, item) in items.enumerated() {
      if case .string(let s) = item, let e = E(rawValue: s) {
        out.append(e)
      } else {
        fail("\(field)[\(i)]", "must be one of \(allowed), got \(item.quoted)")
      }
    }
    if nonEmpty, items.isEmpty { fail(field, "must name at least one of: \(allowed)") }
    return out
  }

  private mutating func count(_ field: String) -> Int? {
    guard let value = object[field], value != .null else { return nil }
    if let n = wholeNumber(value) { return n }
    fail(field, countProblem(value))
    return nil
  }

  private func countProblem(_ value: JSONValue) -> String {
    if case .number(let n) = value, n.isFinite, n.rounded() == n, n > Double(BreachFacts.maxCount) {
      return "must be at most 10000000000, got \(value.quoted)"
    }
    return "must be a whole number ≥ 0, got \(value.quoted)"
  }

  /// A whole number within the contract's bounds, converted without a trap.
  private func wholeNumber(_ value: JSONValue) -> Int? {
    guard case .number(let n) = value, n.isFinite, n >= 0, n.rounded() == n,
      n <= Double(BreachFacts.maxCount)
    else { return nil }
    return Int(exactly: n)
  }

  private mutating func hours(_ field: String) -> Double? {
    guard let value = object[field], value != .null else { return nil }
    if case .number(let n) = value, n.isFinite, n >= 0, n <= BreachFacts.maxHours { return n }
    if case .number(let n) = value, n > BreachFacts.maxHours {
      fail(field, "must be at most 87660 hours (ten years), got \(value.quoted)")
    } else {
      fail(field, "must be a number of hours ≥ 0, got \(value.quoted)")
    }
    return nil
  }

  private mutating func bool(_ field: String, nullable: Bool = false) -> Bool? {
    guard let value = object[field] else { return nil }
    if value == .null, nullable { return nil }
    if case .bool(let b) = value { return b }
    fail(field, "must be true or false\(nullable ? " (or null)" : ""), got \(value.quoted)")
    return nil
  }

  private mutating func categoryCounts(_ field: String) -> [DataCategory: Int] {
    guard let value = object[field] else { return [:] }
    guard case .object(let o) = value else {
      fail(field, "must be an object of category → number of people, got \(value.quoted)")
      return [:]
    }
    var out: [DataCategory: Int] = [:]
    for (key, v) in o.sorted(by: { $0.key < $1.key }) {
      guard let category = DataCategory(rawValue: key) else {
        fail("\(field).\(key)", "is not a data category")
        continue
      }
      if let n = wholeNumber(v) {
        out[category] = n
      } else {
        fail("\(field).\(key)", countProblem(v))
      }
    }
    return out
  }

  private mutating func riskAnswers(_ field: String) -> Set<BreachFacts.RiskQuestion> {
    guard let value = object[field] else { return [] }
    guard case .object(let o) = value else {
      fail(field, "must be an object of question → true/false, got \(value.quoted)")
      return []
    }
    var out: Set<BreachFacts.RiskQuestion> = []
    for (key, v) in o.sorted(by: { $0.key < $1.key }) {
      guard let q = BreachFacts.RiskQuestion(rawValue: key) else {
        let allowed = BreachFacts.RiskQuestion.allCases.map(\.rawValue).joined(separator: ", ")
        fail("\(field).\(key)", "is not a risk question (one of: \(allowed))")
        continue
      }
      if case .bool(let b) = v {
        if b { out.insert(q) }
      } else {
        fail("\(field).\(key)", "must be true or false, got \(v.quoted)")
      }
    }
    return out
  }

  private mutating func stringList(_ field: String) -> [String] {
    guard let value = object[field] else { return [] }
    guard case .array(let items) = value else {
      fail(field, "must be a list of question ids, got \(value.quoted)")
      return []
    }
    var out: [String] = []
    for (i, item) in items.enumerated() {
      if case .string(let s) = item {
        out.append(s)
      } else {
        fail("\(field)[\(i)]", "must be a text, got \(item.quoted)")
      }
    }
    return out
  }
}
