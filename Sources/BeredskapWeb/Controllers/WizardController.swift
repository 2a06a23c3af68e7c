import BeredskapCore
import BeredskapStore
import Foundation
import Vapor

/// The assessment wizard: one question per page, then a check-your-answers
/// page, then the decision. Answers travel as hidden fields (they are codes
/// and counts, not personal data) so nothing is stored until the end.
enum WizardController {
  static func register(responder: any RoutesBuilder, responderForms: any RoutesBuilder) {
    responder.get("incidents", ":number", "assess", use: start)
    responderForms.post("incidents", ":number", "assess", use: step)
  }

  typealias Answers = [String: [String]]

  struct OptionView: Encodable {
    var value: String
    var label: String
    var hint: String
    var checked: Bool
    var id: String
  }

  struct FieldView: Encodable {
    var name: String
    var kind: String
    var label: String
    var hint: String
    var value: String
    var options: [OptionView]
    var unknownAllowed: Bool
    var unknownChecked: Bool
    var error: String?
  }

  struct Hidden: Encodable {
    var name: String
    var value: String
  }

  struct SummaryRow: Encodable {
    var label: String
    var value: String
    var step: String
  }

  struct Body: Encodable {
    var number: String
    var step: String
    var title: String
    var progress: String
    var fields: [FieldView]
    var hidden: [Hidden]
    var isCheck: Bool
    var summary: [SummaryRow]
    var canGoBack: Bool
  }

  // MARK: routes

  @Sendable static func start(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    var answers: Answers = [:]
    if let latest = try await AssessmentRepository(db: req.db).history(incident.number).first,
      case .object(let facts)? = try? JSONValue.parse(Data(latest.facts.utf8))
    {
      answers = Self.answers(from: facts)
    } else {
      // Most often one becomes aware when the incident is discovered; the responder corrects it if not.
      answers["became_aware_at"] = [Timestamp.localInput(incident.discoveredAt)]
    }
    // The imported list of affected persons feeds the assessment: its count and categories.
    let people = try await AffectedPeopleRepository.summary(incidentID: incident.id, on: req.db)
    Self.prefill(&answers, from: people)
    let first = WizardStep.steps(for: answers)[0]
    return try await render(req, incident: incident, step: first, answers: answers, errors: [:])
  }

  @Sendable static func step(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let form = FormFields(req.body.string ?? "")
    var answers: Answers = [:]
    for (key, value) in form.pairs where key.hasPrefix("a_") {
      answers[String(key.dropFirst(2)), default: []].append(value)
    }
    let current = form.first("step") ?? ""
    let action = form.first("action") ?? "next"
    if action.hasPrefix("goto:"), let target = WizardStep.all.first(where: { $0.id == action.dropFirst(5) }) {
      return try await render(req, incident: incident, step: target, answers: answers, errors: [:])
    }
    if current == "check" {
      return try await submit(req, incident: incident, answers: answers)
    }
    guard let step = WizardStep.all.first(where: { $0.id == current }) else { throw Abort(.badRequest) }
    // The current page's answers replace what was carried.
    for field in step.fields {
      let values = form.all("q_\(field.name)").filter { !$0.isEmpty }
      if form.first("q_\(field.name)_unknown") == "1" {
        answers[field.name] = ["unknown"]
      } else {
        answers[field.name] = values
      }
    }
    let steps = WizardStep.steps(for: answers)
    let index = steps.firstIndex { $0.id == step.id } ?? 0
    if action == "back" {
      return try await render(
        req, incident: incident, step: index > 0 ? steps[index - 1] : step, answers: answers, errors: [:])
    }
    let errors = validate(step, answers, plan: req.plan)
    if !errors.isEmpty {
      return try await render(
        req, incident: incident, step: step, answers: answers, errors: errors, status: .unprocessableEntity)
    }
    if index + 1 < steps.count {
      return try await render(req, incident: incident, step: steps[index + 1], answers: answers, errors: [:])
    }
    return try await renderCheck(req, incident: incident, answers: answers)
  }

  static func submit(_ req: Request, incident: Incident, answers: Answers) async throws -> Response {
    // Answers travel as hidden fields: check every step again, so a hand-made
    // form cannot save an answer the question does not offer.
    for step in WizardStep.steps(for: answers) {
      let errors = validate(step, answers, plan: req.plan)
      if !errors.isEmpty {
        return try await render(
          req, incident: incident, step: step, answers: answers, errors: errors, status: .unprocessableEntity)
      }
    }
    let facts = Self.facts(from: answers, steps: WizardStep.steps(for: answers))
    do {
      let parsed = try BreachFacts.parse(object: facts, receivedAt: req.now)
      try parsed.check(against: req.plan)
      let assessment = AssessmentEngine.assess(parsed, plan: req.plan, language: .nb)
      _ = try await AssessmentRepository(db: req.db).record(
        incident.number, factsJSON: facts, assessment: assessment, actor: try req.requireUser().actor, now: req.now)
      return req.redirect(to: "/incidents/\(incident.number)#assessment", flash: req.t("wiz.saved"))
    } catch let error as FactsError {
      // Send the person back to the first question with a problem.
      var errors: [String: String] = [:]
      for p in error.problems { errors[String(p.field.prefix { $0 != "[" && $0 != "." })] = p.message }
      let stepID = error.problems.compactMap { WizardStep.step(of: String($0.field.prefix { $0 != "[" })) }.first
      let step = WizardStep.all.first { $0.id == stepID } ?? WizardStep.all[0]
      return try await render(
        req, incident: incident, step: step, answers: answers, errors: errors, status: .unprocessableEntity)
    }
  }

  // MARK: rules

  static func validate(_ step: WizardStep, _ a: Answers, plan: Plan) -> [String: String] {
    var errors: [String: String] = [:]
    for field in step.fields {
      let values = a[field.name] ?? []
      // «Jeg vet ikke» where offered; elsewhere "unknown" may be a real option (recipients: unknown).
      if values == ["unknown"], field.unknownAllowed { continue }
      let offered = field.name == "plan_risk_answers" ? plan.riskQuestions.map(\.id) : field.options
      switch field.kind {
      case .radio:
        if values.isEmpty, !field.optional { errors[field.name] = "error.wiz.required" }
        if values.count > 1 || !values.allSatisfy(offered.contains) { errors[field.name] = "error.wiz.required" }
      case .checkbox:
        if values.isEmpty, !field.optional { errors[field.name] = "error.wiz.choose_one" }
        if !values.allSatisfy(offered.contains) { errors[field.name] = "error.wiz.choose_one" }
      case .number:
        if values.isEmpty {
          if !field.optional { errors[field.name] = "error.wiz.number" }
        } else if field.name == "restore_hours" {
          let hours = Double(values[0].replacingOccurrences(of: ",", with: "."))
          if !(hours.map { $0.isFinite && $0 >= 0 && $0 <= BreachFacts.maxHours } ?? false) {
            errors[field.name] = "error.wiz.hours"
          }
        } else if !(Int(values[0].trimmingCharacters(in: .whitespaces)).map { (0...BreachFacts.maxCount).contains($0) }
          ?? false)
        {
          errors[field.name] = "error.wiz.number"
        }
      case .datetime:
        if values.isEmpty || Timestamp.parseLocal(values[0], timeZone: Timestamp.oslo) == nil {
          errors[field.name] = "error.time.invalid"
        }
      }
    }
    return errors
  }

  /// The stored list's count where no number was given (or «Jeg vet ikke»),
  /// and its categories added to those chosen; never removes an answer.
  static func prefill(_ answers: inout Answers, from people: PeopleSummary) {
    guard people.people > 0 else { return }
    let given = answers["data_subjects"]?.first ?? ""
    if given.isEmpty || given == "unknown" { answers["data_subjects"] = [String(people.people)] }
    var chosen = answers["data_categories"] ?? []
    for c in DataCategory.allCases where people.perCategory[c] != nil && !chosen.contains(c.rawValue) {
      chosen.append(c.rawValue)
    }
    answers["data_categories"] = chosen
  }

  /// Answers → `beredskap.breach-facts/1`. «Jeg vet ikke» takes the cautious reading.
  static func facts(from a: Answers, steps: [WizardStep]) -> [String: JSONValue] {
    let asked = Set(steps.flatMap { $0.fields.map(\.name) })
    var f: [String: JSONValue] = ["schema": .string(BreachFacts.schema)]
    func one(_ k: String) -> String? { asked.contains(k) ? a[k]?.first : nil }
    if let t = one("became_aware_at"), let d = Timestamp.parseLocal(t, timeZone: Timestamp.oslo) {
      f["became_aware_at"] = .string(Timestamp.utc(d))
    } else {
      f["became_aware_at"] = .string(one("became_aware_at") ?? "")
    }
    for k in ["role", "protection", "recipients", "service_impact"] { if let v = one(k) { f[k] = .string(v) } }
    for k in ["exfiltration", "cause"] { if let v = one(k) { f[k] = .string(v) } }
    f["nature"] = .array((a["nature"] ?? []).map { .string($0) })
    f["data_categories"] = .array((a["data_categories"] ?? []).map { .string($0) })
    for k in [
      "categories_complete", "permanent_loss", "misuse_observed", "data_recovered",
      "individual_notice_disproportionate",
    ] {
      if let v = one(k) { f[k] = .bool(v == "true") }
    }
    // Unknown: assume the worse for these two.
    for k in ["vulnerable_subjects", "key_compromised"] { if let v = one(k) { f[k] = .bool(v != "false") } }
    if let v = one("backup_available") { f["backup_available"] = v == "unknown" ? .null : .bool(v == "true") }
    for k in ["data_subjects", "recipients_count"] {
      if let v = one(k) {
        f[k] =
          v == "unknown" ? .null : Int(v.trimmingCharacters(in: .whitespaces)).map { .number(Double($0)) } ?? .string(v)
      }
    }
    if let v = one("restore_hours") {
      f["restore_hours"] =
        v == "unknown" ? .null : Double(v.replacingOccurrences(of: ",", with: ".")).map { .number($0) } ?? .string(v)
    }
    // The categories protection covered, among those still chosen; none chosen = all.
    let chosen = Set(a["data_categories"] ?? [])
    if asked.contains("protected_categories"), let p = one("protection"), p != "none" {
      let covered = (a["protected_categories"] ?? []).filter(chosen.contains)
      if !covered.isEmpty { f["protected_categories"] = .array(covered.map { .string($0) }) }
    }
    if asked.contains("mitigations") { f["mitigations"] = .array((a["mitigations"] ?? []).map { .string($0) }) }
    if asked.contains("plan_risk_answers"), !(a["plan_risk_answers"] ?? []).isEmpty {
      f["plan_risk_answers"] = .array((a["plan_risk_answers"] ?? []).map { .string($0) })
    }
    if asked.contains("risk_answers") {
      // A repeated answer is one answer: never a crash on a duplicate key.
      f["risk_answers"] = .object(
        Dictionary(
          (a["risk_answers"] ?? []).map { ($0, JSONValue.bool(true)) }, uniquingKeysWith: { first, _ in first }))
    }
    return f
  }

  /// Stored facts → answers, to start a re-assessment from the last one.
  static func answers(from facts: [String: JSONValue]) -> Answers {
    var a: Answers = [:]
    for (k, v) in facts where k != "schema" {
      switch v {
      case .string(let s):
        a[k] = [k == "became_aware_at" ? Timestamp.parse(s).map(Timestamp.localInput) ?? s : s]
      case .bool(let b): a[k] = [String(b)]
      case .number(let n): a[k] = [Int(exactly: n).map(String.init) ?? String(n)]
      case .null: a[k] = ["unknown"]
      case .array(let items): a[k] = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
      case .object(let o): a[k] = o.filter { $0.value == .bool(true) }.map(\.key).sorted()
      }
    }
    return a
  }

  // MARK: pages

  static func hidden(_ a: Answers) -> [Hidden] {
    a.sorted { $0.key < $1.key }.flatMap { k, values in values.map { Hidden(name: "a_\(k)", value: $0) } }
  }

  static func render(
    _ req: Request, incident: Incident, step: WizardStep, answers: Answers, errors: [String: String],
    status: HTTPStatus = .ok
  ) async throws -> Response {
    let steps = WizardStep.steps(for: answers)
    let n = (steps.firstIndex { $0.id == step.id } ?? 0) + 1
    let plan = req.plan
    let fields = step.fields.filter { $0.name != "plan_risk_answers" || !plan.riskQuestions.isEmpty }.map {
      f -> FieldView in
      let values = answers[f.name] ?? []
      let kind: String
      switch f.kind {
      case .radio: kind = "radio"
      case .checkbox: kind = "checkbox"
      case .number: kind = "number"
      case .datetime: kind = "datetime"
      }
      var options = f.options.map { o in
        OptionView(
          value: o, label: req.t("wiz.o.\(f.name).\(o)"), hint: hint("wiz.o.\(f.name).\(o).hint", req),
          checked: values.contains(o), id: "q_\(f.name)-\(o)")
      }
      if f.name == "protected_categories" {
        let chosen = answers["data_categories"] ?? []
        options = f.options.filter(chosen.contains).map { o in
          OptionView(
            value: o, label: req.t("wiz.o.data_categories.\(o)"), hint: "", checked: values.contains(o),
            id: "q_\(f.name)-\(o)")
        }
      }
      if f.name == "plan_risk_answers" {
        options = plan.riskQuestions.map {
          OptionView(
            value: $0.id, label: $0.text, hint: "", checked: values.contains($0.id), id: "q_\(f.name)-\($0.id)")
        }
      }
      if f.unknownAllowed, f.kind == .radio {
        options.append(
          OptionView(
            value: "unknown", label: req.t("wiz.unknown"), hint: req.t("wiz.unknown_hint"),
            checked: values == ["unknown"], id: "q_\(f.name)-unknown"))
      }
      return FieldView(
        name: f.name, kind: kind, label: req.t("wiz.f.\(f.name)"), hint: hint("wiz.f.\(f.name).hint", req),
        value: values == ["unknown"] ? "" : values.first ?? "", options: options,
        unknownAllowed: f.unknownAllowed && (f.kind == .number), unknownChecked: values == ["unknown"],
        error: errors[f.name].map { $0.hasPrefix("error.") ? req.t($0) : $0 })
    }
    var carried = answers
    for f in step.fields { carried[f.name] = nil }
    var fieldErrors = FieldErrors()
    for f in step.fields {
      guard let error = errors[f.name] else { continue }
      fieldErrors.add(
        f.kind == .radio || f.kind == .checkbox ? "q_\(f.name)-\(f.options.first ?? "unknown")" : "q_\(f.name)",
        error)
    }
    let body = Body(
      number: incident.number.description, step: step.id, title: req.t("wiz.\(step.id).title"),
      progress: req.t("wiz.progress").replacingOccurrences(of: "{n}", with: String(n)).replacingOccurrences(
        of: "{total}", with: String(steps.count)),
      fields: fields, hidden: hidden(carried), isCheck: false, summary: [], canGoBack: n > 1)
    return try await req.page("assess", title: body.title, body, errors: fieldErrors, status: status)
  }

  static func renderCheck(_ req: Request, incident: Incident, answers: Answers) async throws -> Response {
    let steps = WizardStep.steps(for: answers)
    var rows: [SummaryRow] = []
    for step in steps {
      for f in step.fields where f.name != "plan_risk_answers" || !req.plan.riskQuestions.isEmpty {
        let values = answers[f.name] ?? []
        let text: String
        if values == ["unknown"] {
          text = req.t("wiz.unknown")
        } else if values.isEmpty {
          text = req.t("wiz.none_chosen")
        } else if f.kind == .datetime {
          text =
            Timestamp.parseLocal(values[0], timeZone: Timestamp.oslo).map { Timestamp.oslo($0, language: req.language) }
            ?? values[0]
        } else if f.kind == .number {
          text = values[0]
        } else if f.name == "protected_categories" {
          text = values.map { req.t("wiz.o.data_categories.\($0)") }.joined(separator: ", ")
        } else if f.name == "plan_risk_answers" {
          text = values.map { id in req.plan.riskQuestions.first { $0.id == id }?.text ?? id }.joined(separator: ", ")
        } else {
          text = values.map { req.t("wiz.o.\(f.name).\($0)") }.joined(separator: ", ")
        }
        rows.append(SummaryRow(label: req.t("wiz.f.\(f.name)"), value: text, step: step.id))
      }
    }
    let body = Body(
      number: incident.number.description, step: "check", title: req.t("wiz.check"), progress: "", fields: [],
      hidden: hidden(answers), isCheck: true, summary: rows, canGoBack: true)
    return try await req.page("assess", title: body.title, body)
  }

  static func hint(_ key: String, _ req: Request) -> String {
    let text = req.t(key)
    return text == key ? "" : text
  }
}

/// An URL-encoded form body as ordered pairs, for repeated fields.
struct FormFields {
  let pairs: [(String, String)]

  init(_ body: String) {
    pairs = body.split(separator: "&").map { part in
      let kv = part.split(separator: "=", maxSplits: 1).map {
        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      return (kv.first ?? "", kv.count > 1 ? kv[1] : "")
    }
  }

  func first(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }
  func all(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }
}
