import BeredskapCore
import Crypto
import Foundation
import Testing

/// The stakeholder matrix: who is told, when and how, from the plan.
@Suite struct StakeholderTests {
  static func date(_ s: String) -> Date { Timestamp.parse(s) ?? Date(timeIntervalSince1970: 0) }

  static func incident(severity: Int) -> Incident {
    var i = DocumentTests.incident
    i.severity = severity
    return i
  }

  static let plan: Plan = {
    var p = DocumentTests.plan
    p.customers = [
      Plan.Customer(id: "acme", name: "Acme AS", email: "drift@acme.example", securityEmail: "sikkerhet@acme.example"),
      Plan.Customer(id: "beta", name: "Beta AS", email: "kontakt@beta.example"),
    ]
    return p
  }()

  @Test func plansADefaultMatrixFollowsSeverityTriggersAndTheLawsLimits() {
    let start = StakeholderMatrix.due(
      .init(incident: Self.incident(severity: 1), resolvedAt: nil, breachAwareAt: nil, customerIDs: ["acme"]),
      plan: Self.plan)
    #expect(start.map(\.key) == ["customers:start", "subprocessors:start"])
    #expect(start.first?.due == Self.incident(severity: 1).discoveredAt.addingTimeInterval(3600))
    #expect(start.first?.addresses == ["drift@acme.example"])
    #expect(start.first?.customers.map(\.name) == ["Acme AS"])

    // A severity-3 degradation tells nobody at start.
    let minor = StakeholderMatrix.due(
      .init(incident: Self.incident(severity: 3), resolvedAt: nil, breachAwareAt: nil, customerIDs: ["acme"]),
      plan: Self.plan)
    #expect(minor.isEmpty)

    let aware = Self.date("2026-03-27T09:00:00Z")
    let breach = StakeholderMatrix.due(
      .init(
        incident: Self.incident(severity: 1), resolvedAt: Self.date("2026-03-27T14:00:00Z"), breachAwareAt: aware,
        customerIDs: ["acme", "beta"]), plan: Self.plan)
    let security = breach.first { $0.key == "customer_security:breach" }
    #expect(security?.due == aware.addingTimeInterval(24 * 3600))
    // The security team's address where there is one, else the contact's.
    #expect(security?.addresses == ["sikkerhet@acme.example", "kontakt@beta.example"])
    #expect(breach.first { $0.key == "authority:breach" }?.due == aware.addingTimeInterval(72 * 3600))
    #expect(breach.contains { $0.key == "customers:resolution" })

    // A plan that allows 96 h to tell customers of a breach is held to the processor's 24 h.
    var lax = Self.plan
    lax.stakeholders = [
      Plan.Stakeholder(
        id: "late", title: "Sent", audience: .customers, triggers: [.breach], withinHours: 96, channel: .email)
    ]
    let held = StakeholderMatrix.due(
      .init(incident: Self.incident(severity: 2), resolvedAt: nil, breachAwareAt: aware, customerIDs: ["acme"]),
      plan: lax)
    #expect(held.first?.due == aware.addingTimeInterval(24 * 3600))
  }

  @Test func draftsLeaveInternalDescriptionsOut() {
    let c = StakeholderMatrix.due(
      .init(incident: Self.incident(severity: 1), resolvedAt: nil, breachAwareAt: nil, customerIDs: ["acme"]),
      plan: Self.plan)[0]
    let draft = StakeholderMatrix.draft(c, incident: Self.incident(severity: 1), plan: Self.plan, language: .nb)
    #expect(draft.subject == "Driftshendelse hos Bemanning Nord AS (INC-2026-007)")
    #expect(draft.body.contains("API-nøkkel lå åpent"))
    #expect(!draft.body.contains(Self.incident(severity: 1).summary))
    let en = StakeholderMatrix.draft(c, incident: Self.incident(severity: 1), plan: Self.plan, language: .en)
    #expect(en.subject == "Incident at Bemanning Nord AS (INC-2026-007)")
  }

  @Test func webhookBodiesAreSlackOrTheSignedDocument() throws {
    let c = StakeholderMatrix.due(
      .init(incident: Self.incident(severity: 1), resolvedAt: nil, breachAwareAt: nil, customerIDs: []),
      plan: Self.plan)[0]
    let now = Self.date("2026-03-27T10:00:00Z")
    let slack = Webhook.body(
      format: .slack, communication: c, incident: Self.incident(severity: 1), subject: "Driftshendelse",
      text: "Vi undersøker.", now: now)
    #expect(String(decoding: slack, as: UTF8.self) == #"{"text":"*Driftshendelse*\nVi undersøker."}"#)
    let doc = Webhook.body(
      format: .json, communication: c, incident: Self.incident(severity: 1), subject: "S", text: "T", now: now)
    let parsed = try JSONValue.parse(Data(doc))
    guard case .object(let o) = parsed, case .object(let incident)? = o["incident"] else {
      Issue.record("not an object")
      return
    }
    #expect(o["schema"] == .string("beredskap.webhook/1"))
    #expect(incident["number"] == .string("INC-2026-007"))
    #expect(o["communication"] == .string("customers:start"))
    // The signature: HMAC-SHA256 of the exact bytes (RFC 4231 test case 2's key and message).
    let key = SymmetricKey(data: Data("Jefe".utf8))
    #expect(
      Webhook.signature(body: Array("what do ya want for nothing?".utf8), key: key)
        == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test func thePlanFileDescribesCustomersAndTheMatrixAndIsChecked() throws {
    let yaml = """
      version: 1
      organisation:
        name: Skyen AS
      roles:
        - id: incident_lead
          title: Hendelsesleder
          people: [{name: Kari, phone: "+47 400 00 000"}]
      customers:
        - {id: acme, name: Acme AS, email: drift@acme.example}
        - {id: beta, name: Beta AS, email: "ikke en adresse"}
        - {id: acme, name: Acme igjen}
      stakeholders:
        - {id: kunder, title: Kunder, audience: customers, when: [start], severity: [1], within_hours: 0.5, channel: email, owner: incident_lead}
        - {id: hook, title: Slack, audience: internal, when: [start, breach], within_hours: 0.25, channel: webhook}
        - {id: feil, title: Feil, audience: nobody, when: [start]}
      """
    let result = PlanFile.load(yaml: yaml)
    let messages = result.issues.map(\.message)
    #expect(messages.contains { $0.contains("customers[1].email is not an e-mail address") })
    #expect(messages.contains { $0.contains("customers[2].id \"acme\" is used twice") })
    #expect(messages.contains { $0.contains("stakeholders[1].webhook_url must be an http(s) address") })
    #expect(messages.contains { $0.contains("stakeholders[2].audience must be one of") })
    let fixed = yaml.replacingOccurrences(of: "\"ikke en adresse\"", with: "kontakt@beta.example")
      .replacingOccurrences(of: "  - {id: acme, name: Acme igjen}\n", with: "")
      .replacingOccurrences(
        of: "channel: webhook}", with: "channel: webhook, webhook_url: \"https://hooks.example/x\"}"
      )
      .replacingOccurrences(of: "  - {id: feil, title: Feil, audience: nobody, when: [start]}", with: "")
    let ok = PlanFile.load(yaml: fixed)
    #expect(ok.errors.isEmpty, "\(ok.errors)")
    let plan = try #require(ok.plan)
    #expect(plan.customers.map(\.id) == ["acme", "beta"])
    #expect(plan.stakeholders.map(\.id) == ["kunder", "hook"])
    #expect(plan.stakeholders.first?.withinHours == 0.5)
    #expect(plan.stakeholders.last?.webhookURL == "https://hooks.example/x")
    #expect(plan.retentionDays == 30)
    let days = PlanFile.load(yaml: fixed + "\nretention_days: 14\n")
    #expect(days.plan?.retentionDays == 14)
    let long = PlanFile.load(yaml: fixed + "\nretention_days: 365\n")
    #expect(long.warnings.contains { $0.message.contains("retention_days is 365") })
    let bad = PlanFile.load(yaml: fixed + "\nretention_days: 1e300\n")
    #expect(bad.errors.contains { $0.message.contains("retention_days must be a whole number") })
  }
}
