import Foundation
import Yams

/// Walks the YAML tree of a plan, collecting issues with line numbers.
struct PlanReader {
  var issues: [PlanIssue] = []

  /// GDPR Art. 34(3)(a), (b) and (c), by the names a plan may use.
  static let lawfulExemptions = ["unintelligible_data", "subsequent_measures", "disproportionate_effort"]
  /// Ids the legal deadlines and the engine use; a plan's own must differ.
  static let reservedIDs = Deadline.Kind.reservedCodes

  mutating func error(_ node: Node?, _ message: String) {
    issues.append(PlanIssue(kind: .error, line: node?.mark?.line ?? 1, message: message))
  }

  mutating func warn(_ node: Node?, _ message: String) {
    issues.append(PlanIssue(kind: .warning, line: node?.mark?.line ?? 1, message: message))
  }

  /// The fields of a mapping, reporting unknown keys (typos) as errors.
  mutating func fields(_ node: Node, _ path: String, allowed: [String]) -> [String: Node] {
    guard let mapping = node.mapping else {
      error(node, "\(path) must be a mapping")
      return [:]
    }
    var out: [String: Node] = [:]
    for (key, value) in mapping {
      let name = key.string ?? ""
      if allowed.contains(name) {
        out[name] = value
      } else {
        error(
          key,
          "\(path.isEmpty ? "" : path + ".")\(name) is not a plan field (expected one of: \(allowed.joined(separator: ", ")))"
        )
      }
    }
    return out
  }

  mutating func text(_ node: Node?, _ path: String, required: Bool = false) -> String? {
    guard let node else { return nil }
    guard let s = node.scalar?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
      error(node, "\(path) must be a text\(required ? " and may not be empty" : "")")
      return nil
    }
    return s
  }

  /// Hours greater than 0 and at most ten years: larger is a typo, never a plan.
  mutating func hours(_ node: Node?, _ path: String) -> Double? {
    guard let node else { return nil }
    guard let h = node.float ?? node.int.map(Double.init), h.isFinite, h > 0, h <= BreachFacts.maxHours else {
      error(
        node,
        "\(path) must be a number of hours greater than 0 and at most 87660, got \"\(node.scalar?.string ?? "?")\"")
      return nil
    }
    return h
  }

  /// A number that would loosen a legal duty is bounded by the law's own, with
  /// a warning on its line: a plan may only be stricter.
  mutating func legalHours(_ node: Node?, _ path: String, atMost limit: Double, why: String) -> Double? {
    guard let h = hours(node, path) else { return nil }
    guard h <= limit else {
      warn(node, "\(path) is \(Deadline.hoursText(h)): \(why); Beredskap uses \(Deadline.hoursText(limit))")
      return limit
    }
    return h
  }

  mutating func person(_ node: Node?, _ path: String) -> Plan.Person? {
    guard let node else { return nil }
    let f = fields(node, path, allowed: ["name", "email", "phone"])
    guard let name = text(f["name"], "\(path).name", required: true) else {
      if f["name"] == nil { error(node, "\(path).name is required") }
      return nil
    }
    let email = text(f["email"], "\(path).email")
    if let email, !email.contains("@") { error(f["email"], "\(path).email must be an e-mail address") }
    return Plan.Person(name: name, email: email, phone: text(f["phone"], "\(path).phone"))
  }

  mutating func list(_ node: Node?, _ path: String) -> [Node] {
    guard let node else { return [] }
    guard let seq = node.sequence else {
      error(node, "\(path) must be a list")
      return []
    }
    return Array(seq)
  }

  mutating func plan(_ root: Node) -> Plan {
    let f = fields(
      root, "",
      allowed: [
        "version", "organisation", "authority", "processor_notice_hours", "subjects_target_hours",
        "availability_grace_hours", "assess_within_hours", "authority_follow_up_hours", "roles", "severity", "clocks",
        "reminders_hours", "assessment", "letters", "customers", "stakeholders", "retention_days", "components",
        "runbooks", "exercises", "backups",
      ] + Self.continuityKeys)
    if let v = f["version"], v.int != 1 { error(v, "version must be 1") }
    var plan = Plan(organisation: organisation(f["organisation"], root))
    if let a = f["authority"] {
      let af = fields(a, "authority", allowed: ["name", "url", "notify_hours"])
      plan.authority.name = text(af["name"], "authority.name") ?? plan.authority.name
      plan.authority.url = text(af["url"], "authority.url") ?? plan.authority.url
      if let h = hours(af["notify_hours"], "authority.notify_hours") {
        if h > 72 {
          warn(
            af["notify_hours"],
            "authority.notify_hours is \(Deadline.hoursText(h)): GDPR Art. 33(1) allows at most 72 hours; Beredskap uses 72"
          )
        } else {
          plan.authority.notifyHours = h
        }
      }
    }
    if let h = legalHours(
      f["processor_notice_hours"], "processor_notice_hours", atMost: 24,
      why:
        "a processor must tell its controller without undue delay (GDPR Art. 33(2)), and the controller's own 72 hours run meanwhile"
    ) {
      plan.processorNoticeHours = h
    }
    if let h = legalHours(
      f["subjects_target_hours"], "subjects_target_hours", atMost: 72,
      why:
        "the people must be told without undue delay (GDPR Art. 34(1)); a target later than the authority's 72 hours is not that"
    ) {
      plan.subjectsTargetHours = h
    }
    if let h = legalHours(
      f["availability_grace_hours"], "availability_grace_hours", atMost: 24,
      why: "an outage longer than a day is not restored in good time (EDPB Guidelines 01/2021 cases 1 and 2)"
    ) {
      plan.availabilityGraceHours = h
    }
    if let h = legalHours(
      f["assess_within_hours"], "assess_within_hours", atMost: 24,
      why: "the 72 hours to the authority may already run; decide within a day at the latest"
    ) {
      plan.assessWithinHours = h
    }
    if let h = legalHours(
      f["authority_follow_up_hours"], "authority_follow_up_hours", atMost: 168,
      why: "what an incomplete notification lacked must follow without undue further delay (GDPR Art. 33(4))"
    ) {
      plan.authorityFollowUpHours = h
    }
    if f["roles"] != nil { plan.roles = roles(f["roles"]) }
    if f["severity"] != nil { plan.severities = severities(f["severity"]) }
    if f["clocks"] != nil { plan.clocks = clocks(f["clocks"], roles: plan.roles) }
    if let r = f["reminders_hours"] {
      plan.reminderHours = list(r, "reminders_hours").compactMap { hours($0, "reminders_hours") }
    }
    if let a = f["assessment"] { assessment(a, into: &plan) }
    if let l = f["letters"] { plan.letterTemplates = letters(l) }
    if let r = f["retention_days"] {
      if let days = r.int, (1...3650).contains(days) {
        plan.retentionDays = days
        if days > 90 {
          warn(
            r,
            "retention_days is \(days): personal data must not be kept longer than needed (GDPR Art. 5(1)(e)); the list of affected persons is rarely needed months after closing"
          )
        }
      } else {
        error(r, "retention_days must be a whole number of days from 1 to 3650")
      }
    }
    if f["customers"] != nil { plan.customers = customers(f["customers"]) }
    if f["stakeholders"] != nil { plan.stakeholders = stakeholders(f["stakeholders"], roles: plan.roles) }
    if f["runbooks"] != nil { plan.runbooks = runbooks(f["runbooks"]) }
    if let e = f["exercises"] { exercises(e, into: &plan) }
    if f["backups"] != nil { plan.backupJobs = backups(f["backups"], roles: plan.roles) }
    if f["components"] != nil { plan.components = components(f["components"]) }
    continuity(f, into: &plan)
    return plan
  }

  /// `customers: [{id, name, email, security_email}]`.
  mutating func customers(_ node: Node?) -> [Plan.Customer] {
    var out: [Plan.Customer] = []
    var seen: Set<String> = []
    for (i, item) in list(node, "customers").enumerated() {
      let path = "customers[\(i)]"
      let f = fields(item, path, allowed: ["id", "name", "email", "security_email"])
      guard let id = text(f["id"], path + ".id", required: true),
        let name = text(f["name"], path + ".name", required: true)
      else {
        if f["id"] == nil || f["name"] == nil { error(item, path + " needs an id and a name") }
        continue
      }
      if !seen.insert(id).inserted { error(f["id"], "\(path).id \"\(id)\" is used twice") }
      var c = Plan.Customer(id: id, name: name)
      for (key, keyPath) in [("email", \Plan.Customer.email), ("security_email", \Plan.Customer.securityEmail)] {
        guard let e = text(f[key], "\(path).\(key)") else { continue }
        if Self.plausibleEmail(e) {
          c[keyPath: keyPath] = e
        } else {
          error(f[key], "\(path).\(key) is not an e-mail address")
        }
      }
      if c.email == nil, c.securityEmail == nil {
        warn(item, "\(path) (\(name)) has no e-mail: Beredskap cannot tell this customer")
      }
      out.append(c)
    }
    return out
  }

  static func plausibleEmail(_ e: String) -> Bool {
    let parts = e.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
      && !parts[1].hasSuffix(".") && !e.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" })
      && e.count <= 254
  }

  /// `stakeholders: [{id, title, audience, when, severity, within_hours, channel, owner, note, webhook_url}]`.
  mutating func stakeholders(_ node: Node?, roles: [Plan.Role]) -> [Plan.Stakeholder] {
    var out: [Plan.Stakeholder] = []
    var seen: Set<String> = []
    let roleIDs = Set(roles.map(\.id))
    for (i, item) in list(node, "stakeholders").enumerated() {
      let path = "stakeholders[\(i)]"
      let f = fields(
        item, path,
        allowed: [
          "id", "title", "audience", "when", "severity", "within_hours", "channel", "owner", "note", "webhook_url",
          "webhook_format",
        ])
      guard let id = text(f["id"], path + ".id", required: true),
        let title = text(f["title"], path + ".title", required: true)
      else {
        if f["id"] == nil || f["title"] == nil { error(item, path + " needs an id and a title") }
        continue
      }
      if !seen.insert(id).inserted { error(f["id"], "\(path).id \"\(id)\" is used twice") }
      if id.contains(":") { error(f["id"], "\(path).id must not contain «:»") }
      let audienceText = text(f["audience"], path + ".audience", required: true) ?? ""
      guard let audience = Plan.Stakeholder.Audience(rawValue: audienceText) else {
        let allowed = Plan.Stakeholder.Audience.allCases.map(\.rawValue).joined(separator: ", ")
        error(f["audience"] ?? item, "\(path).audience must be one of \(allowed)")
        continue
      }
      var triggers: [Plan.Stakeholder.Trigger] = []
      for t in list(f["when"], path + ".when") {
        let v = text(t, path + ".when") ?? ""
        if let trigger = Plan.Stakeholder.Trigger(rawValue: v) {
          if !triggers.contains(trigger) { triggers.append(trigger) }
        } else {
          error(t, "\(path).when: \"\(v)\" is not start, resolution or breach")
        }
      }
      if triggers.isEmpty { error(f["when"] ?? item, path + ".when needs at least one of start, resolution, breach") }
      var severities: Set<Int> = []
      for s in list(f["severity"], path + ".severity") {
        if let level = s.int, (1...4).contains(level) {
          severities.insert(level)
        } else {
          error(s, path + ".severity must list levels from 1 to 4")
        }
      }
      let within = hours(f["within_hours"], path + ".within_hours") ?? 24
      let channelText = text(f["channel"], path + ".channel") ?? "manual"
      guard let channel = Plan.Stakeholder.Channel(rawValue: channelText) else {
        error(f["channel"], "\(path).channel must be email, webhook, status_page or manual")
        continue
      }
      var row = Plan.Stakeholder(
        id: id, title: title, audience: audience, triggers: triggers, severities: severities, withinHours: within,
        channel: channel, note: text(f["note"], path + ".note"))
      if let owner = text(f["owner"], path + ".owner") {
        if !roleIDs.contains(owner) { warn(f["owner"], "\(path).owner \"\(owner)\" is not a role in roles") }
        row.owner = owner
      }
      if channel == .webhook {
        let url = text(f["webhook_url"], path + ".webhook_url") ?? ""
        if (url.hasPrefix("https://") || url.hasPrefix("http://")) && !url.contains(where: { $0.isWhitespace }) {
          row.webhookURL = url
          let format =
            text(f["webhook_format"], path + ".webhook_format") ?? (url.contains("hooks.slack.com") ? "slack" : "json")
          if let parsed = Webhook.Format(rawValue: format) {
            row.webhookFormat = parsed
          } else {
            error(f["webhook_format"], path + ".webhook_format must be slack or json")
          }
        } else {
          error(f["webhook_url"] ?? item, path + ".webhook_url must be an http(s) address for a webhook")
        }
      }
      if channel == .email, audience != .customers, audience != .customerSecurity {
        warn(item, "\(path): e-mail goes to the affected customers' addresses; for \(audience.rawValue) use manual")
      }
      out.append(row)
    }
    return out
  }

  /// `letters: {nb: {subject, greeting, closing}, en: {…}}`; `{name}` and
  /// `{organisation}` are filled in per letter.
  mutating func letters(_ node: Node) -> [Language: Plan.LetterTemplate] {
    let f = fields(node, "letters", allowed: Language.allCases.map(\.rawValue))
    var out: [Language: Plan.LetterTemplate] = [:]
    for language in Language.allCases {
      guard let n = f[language.rawValue] else { continue }
      let path = "letters.\(language.rawValue)"
      let t = fields(n, path, allowed: ["subject", "greeting", "closing"])
      let base = language == .nb ? Plan.LetterTemplate.nb : Plan.LetterTemplate.en
      var template = base
      template.subject = text(t["subject"], path + ".subject") ?? base.subject
      template.greeting = text(t["greeting"], path + ".greeting") ?? base.greeting
      template.closing = text(t["closing"], path + ".closing") ?? base.closing
      if template.subject.contains(where: { $0 == "\n" || $0 == "\r" }) {
        error(t["subject"], path + ".subject must be one line (it becomes the e-mail's subject)")
        template.subject = base.subject
      }
      out[language] = template
    }
    return out
  }

  mutating func organisation(_ node: Node?, _ root: Node) -> Plan.Organisation {
    guard let node else {
      error(root, "organisation is required (at least its name)")
      return Plan.Organisation(name: "")
    }
    let f = fields(node, "organisation", allowed: ["name", "org_number", "contact", "dpo"])
    let name = text(f["name"], "organisation.name", required: true) ?? ""
    if f["name"] == nil { error(node, "organisation.name is required") }
    var org = Plan.Organisation(name: name)
    if let n = text(f["org_number"], "organisation.org_number") {
      let digits = n.filter { !$0.isWhitespace }
      if digits.count != 9 || !digits.allSatisfy(\.isNumber) {
        error(f["org_number"], "organisation.org_number must be 9 digits (organisasjonsnummer), got \"\(n)\"")
      }
      org.orgNumber = digits
    }
    org.contact = person(f["contact"], "organisation.contact")
    org.dpo = person(f["dpo"], "organisation.dpo")
    return org
  }

  mutating func roles(_ node: Node?) -> [Plan.Role] {
    var out: [Plan.Role] = []
    var seen: Set<String> = []
    for (i, item) in list(node, "roles").enumerated() {
      let f = fields(item, "roles[\(i)]", allowed: ["id", "title", "people"])
      guard let id = text(f["id"], "roles[\(i)].id", required: true),
        let title = text(f["title"], "roles[\(i)].title", required: true)
      else {
        if f["id"] == nil || f["title"] == nil { error(item, "roles[\(i)] needs an id and a title") }
        continue
      }
      if !seen.insert(id).inserted { error(f["id"], "roles[\(i)].id \"\(id)\" is used twice") }
      let people = list(f["people"], "roles[\(i)].people").enumerated().compactMap {
        person($0.element, "roles[\(i)].people[\($0.offset)]")
      }
      if people.isEmpty {
        warn(item, "roles[\(i)] (\(title)) has nobody in it: name at least one person who can be reached at night")
      }
      for (j, p) in people.enumerated() where p.email == nil && p.phone == nil {
        warn(
          f["people"] ?? item,
          "roles[\(i)].people[\(j)] (\(p.name)) has no e-mail or phone: nobody can reach them during an incident")
      }
      out.append(Plan.Role(id: id, title: title, people: people))
    }
    return out
  }

  mutating func severities(_ node: Node?) -> [Plan.SeverityLevel] {
    var out: [Plan.SeverityLevel] = []
    for (i, item) in list(node, "severity").enumerated() {
      let f = fields(item, "severity[\(i)]", allowed: ["level", "name", "description"])
      guard let level = f["level"]?.int, (1...4).contains(level) else {
        error(f["level"] ?? item, "severity[\(i)].level must be a whole number from 1 to 4")
        continue
      }
      let name = text(f["name"], "severity[\(i)].name", required: true) ?? ""
      let description = text(f["description"], "severity[\(i)].description") ?? ""
      if out.contains(where: { $0.level == level }) { error(f["level"], "severity level \(level) is defined twice") }
      out.append(Plan.SeverityLevel(level: level, name: name, description: description))
    }
    if Set(out.map(\.level)) != [1, 2, 3, 4], !out.isEmpty {
      error(node, "severity must describe each level 1, 2, 3 and 4")
    }
    return out.sorted { $0.level < $1.level }
  }

  mutating func clocks(_ node: Node?, roles: [Plan.Role]) -> [Plan.Clock] {
    var out: [Plan.Clock] = []
    var seen: Set<String> = []
    let roleIDs = Set(roles.map(\.id))
    for (i, item) in list(node, "clocks").enumerated() {
      let f = fields(item, "clocks[\(i)]", allowed: ["id", "title", "hours", "owner", "starts_at"])
      guard let id = text(f["id"], "clocks[\(i)].id", required: true),
        let title = text(f["title"], "clocks[\(i)].title", required: true),
        let h = hours(f["hours"], "clocks[\(i)].hours")
      else {
        if f["id"] == nil || f["title"] == nil || f["hours"] == nil {
          error(item, "clocks[\(i)] needs an id, a title and hours")
        }
        continue
      }
      if Self.reservedIDs.contains(id) {
        error(f["id"], "clocks[\(i)].id \"\(id)\" is reserved for the legal deadlines")
      }
      if !seen.insert(id).inserted { error(f["id"], "clocks[\(i)].id \"\(id)\" is used twice") }
      var clock = Plan.Clock(id: id, title: title, hours: h)
      if let owner = text(f["owner"], "clocks[\(i)].owner") {
        if !roleIDs.contains(owner) {
          let known = roles.isEmpty ? "the plan has no roles" : "roles: \(roles.map(\.id).joined(separator: ", "))"
          error(f["owner"], "clocks[\(i)].owner \"\(owner)\" is not one of the plan's roles (\(known))")
        }
        clock.owner = owner
      }
      if let start = text(f["starts_at"], "clocks[\(i)].starts_at") {
        switch start {
        case "became_aware": break
        case "discovered":
          warn(
            f["starts_at"],
            "clocks[\(i)] starts at discovery; the law counts from when you became aware with reasonable certainty (EDPB Guidelines 9/2022), so Beredskap starts it then and records both times"
          )
        default: error(f["starts_at"], "clocks[\(i)].starts_at must be became_aware or discovered")
        }
        clock.startsAt = start
      }
      out.append(clock)
    }
    return out
  }

  mutating func assessment(_ node: Node, into plan: inout Plan) {
    let f = fields(
      node, "assessment", allowed: ["notify_authority_when", "exemptions", "risk_rules", "risk_questions"])
    if let w = text(f["notify_authority_when"], "assessment.notify_authority_when") {
      switch w {
      case "risk": break
      case "high_risk", "high":
        warn(
          f["notify_authority_when"],
          "notifying the authority only on high risk is laxer than the law: GDPR Art. 33(1) requires notification unless the breach is unlikely to result in a risk; high risk is the threshold for telling the people (Art. 34). Beredskap follows the law"
        )
      default: error(f["notify_authority_when"], "assessment.notify_authority_when must be risk or high_risk")
      }
    }
    for item in list(f["exemptions"], "assessment.exemptions") {
      let name = item.string ?? "?"
      // Art. 34(3)(a)-(c) are the law's own exemptions for telling the people.
      if Self.lawfulExemptions.contains(name) { continue }
      warn(
        item,
        "the exemption \"\(name)\" is not in the GDPR: the only reasons not to notify the authority are in Art. 33(1) (unlikely to result in a risk); for the people, Art. 34(3) (\(Self.lawfulExemptions.joined(separator: ", "))). Beredskap ignores it"
      )
    }
    for (i, item) in list(f["risk_rules"], "assessment.risk_rules").enumerated() {
      let rf = fields(item, "assessment.risk_rules[\(i)]", allowed: ["level", "any"])
      guard let levelText = text(rf["level"], "assessment.risk_rules[\(i)].level"),
        let level = RiskLevel(rawValue: levelText), level >= .medium
      else {
        error(
          rf["level"] ?? item,
          "assessment.risk_rules[\(i)].level must be medium, high or critical (a plan can only be stricter)")
        continue
      }
      let conditions = list(rf["any"], "assessment.risk_rules[\(i)].any").enumerated().map {
        condition($0.element, "assessment.risk_rules[\(i)].any[\($0.offset)]")
      }
      if conditions.isEmpty { error(item, "assessment.risk_rules[\(i)].any must list at least one condition") }
      plan.riskRules.append(Plan.RiskRule(level: level, any: conditions, line: item.mark?.line))
    }
    var seenQuestions: Set<String> = []
    for (i, item) in list(f["risk_questions"], "assessment.risk_questions").enumerated() {
      let qf = fields(item, "assessment.risk_questions[\(i)]", allowed: ["id", "text", "level"])
      guard let id = text(qf["id"], "assessment.risk_questions[\(i)].id", required: true),
        let q = text(qf["text"], "assessment.risk_questions[\(i)].text", required: true)
      else { continue }
      if !seenQuestions.insert(id).inserted {
        error(qf["id"], "assessment.risk_questions[\(i)].id \"\(id)\" is used twice")
      }
      var level = RiskLevel.high
      if let l = text(qf["level"], "assessment.risk_questions[\(i)].level") {
        if let parsed = RiskLevel(rawValue: l), parsed >= .medium {
          level = parsed
        } else {
          error(qf["level"], "assessment.risk_questions[\(i)].level must be medium, high or critical")
        }
      }
      plan.riskQuestions.append(Plan.RiskQuestion(id: id, text: q, level: level))
    }
  }

  mutating func condition(_ node: Node, _ path: String) -> Plan.RiskRule.Condition {
    let f = fields(node, path, allowed: ["categories", "unprotected", "data_subjects_over", "recipients"])
    var c = Plan.RiskRule.Condition()
    for item in list(f["categories"], "\(path).categories") {
      if let cat = item.string.flatMap(DataCategory.init(rawValue:)) {
        c.categories.insert(cat)
      } else {
        error(item, "\(path).categories: \"\(item.string ?? "?")\" is not a data category")
      }
    }
    if let u = f["unprotected"] {
      if let b = u.bool { c.unprotected = b } else { error(u, "\(path).unprotected must be true or false") }
    }
    if let n = f["data_subjects_over"] {
      if let v = n.int, v >= 0 {
        c.dataSubjectsOver = v
      } else {
        error(n, "\(path).data_subjects_over must be a whole number ≥ 0")
      }
    }
    for item in list(f["recipients"], "\(path).recipients") {
      if let r = item.string.flatMap(BreachFacts.Recipients.init(rawValue:)) {
        c.recipients.insert(r)
      } else {
        error(item, "\(path).recipients: \"\(item.string ?? "?")\" is not one of none, trusted, known, unknown, public")
      }
    }
    return c
  }
}
