import BeredskapCore
import Foundation
import Testing

@Suite struct PlanFileTests {
  static let plans = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../plans").standardized

  @Test(arguments: ["saas-processor", "staffing-controller", "event-laptop"])
  func theBuiltInExamplePlansAreCleanAndFollowTheLaw(_ name: String) throws {
    let yaml = try String(contentsOf: Self.plans.appendingPathComponent("\(name).yaml"), encoding: .utf8)
    let result = PlanFile.load(yaml: yaml)
    #expect(result.issues.isEmpty, "\(result.issues)")
    #expect(result.plan?.organisation.name.isEmpty == false)
  }

  @Test func aLaxPlanIsWarnedAboutOnTheRightLines() {
    let yaml = """
      version: 1
      organisation:
        name: Slapp AS
      clocks:
        - id: internal_notification
          title: Varsle internt
          hours: 1
          starts_at: discovered
      assessment:
        notify_authority_when: high_risk
        exemptions: [already_known]
      """
    let result = PlanFile.load(yaml: yaml)
    #expect(result.errors.isEmpty)
    #expect(result.warnings.map(\.line) == [8, 10, 11])
    #expect(result.warnings[0].message.contains("became aware"))
    #expect(result.warnings[1].message.contains("Art. 33(1)"))
    #expect(result.warnings[2].message.contains("already_known"))
    #expect(result.plan != nil)
  }

  @Test func errorsNameTheLineAndTheField() {
    let yaml = """
      version: 1
      organisation:
        name: Feil AS
        org_number: "12345"
      procesor_notice_hours: 24
      severity:
        - { level: 5, name: Ukjent }
      """
    let result = PlanFile.load(yaml: yaml)
    #expect(result.plan == nil)
    let lines = result.errors.map { "\($0.line): \($0.message)" }
    #expect(lines.contains { $0.hasPrefix("4: organisation.org_number must be 9 digits") })
    #expect(lines.contains { $0.hasPrefix("5: procesor_notice_hours is not a plan field") })
    #expect(lines.contains { $0.hasPrefix("7: severity[0].level must be a whole number from 1 to 4") })
  }

  @Test func brokenYAMLNamesItsLine() {
    let result = PlanFile.load(yaml: "version: 1\norganisation:\n  name: [unclosed\n")
    #expect(result.plan == nil)
    #expect(result.errors.first?.line ?? 0 >= 3)
  }

  @Test func aStricterPlanRaisesTheRiskButALaxOneNeverLowersIt() throws {
    let yaml = try String(contentsOf: Self.plans.appendingPathComponent("staffing-controller.yaml"), encoding: .utf8)
    let plan = try #require(PlanFile.load(yaml: yaml).plan)
    // Two hundred people's names and e-mails mis-sent to one known recipient: medium by law.
    let f = facts([.confidentiality], [.identity, .contact]) {
      $0.recipients = .known
      $0.recipientsCount = 1
      $0.dataSubjects = 200
      $0.cause = .accidental
    }
    #expect(AssessmentEngine.assess(f).risk == .medium)
    let strict = AssessmentEngine.assess(f, plan: plan)
    #expect(strict.risk == .critical && strict.notifySubjects)
    #expect(strict.reasons.contains { $0.code == "plan_rule" && $0.text.contains("linje 25") })
    // The plan's own question answered yes raises the risk.
    var g = f
    g.dataSubjects = 3
    g.planRiskAnswers = ["physical_safety"]
    #expect(AssessmentEngine.assess(g, plan: plan).risk == .high)

    let lax = PlanFile.load(yaml: "organisation: {name: X}\nassessment: {notify_authority_when: high_risk}\n")
    #expect(AssessmentEngine.assess(f, plan: try #require(lax.plan)).notifyAuthority)
  }
}
