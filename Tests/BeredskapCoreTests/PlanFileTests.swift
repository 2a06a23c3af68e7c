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

/// A plan may only be stricter than the law: numbers that would loosen a
/// legal duty are bounded and warned about on their line, and a plan that
/// cannot work at night (a role with nobody, a person nobody can reach, a
/// clock owned by no role) is flagged.
@Suite struct StricterOnlyPlanTests {
  func read(_ yaml: String) -> PlanFile.Result { PlanFile.load(yaml: yaml) }

  @Test func numbersThatLoosenADutyAreBoundedAndWarnedByLine() throws {
    let file = read(
      """
      version: 1
      organisation: { name: Test AS }
      processor_notice_hours: 96
      subjects_target_hours: 600
      availability_grace_hours: 720
      """)
    let plan = try #require(file.plan)
    #expect(plan.processorNoticeHours == 24 && plan.subjectsTargetHours == 72 && plan.availabilityGraceHours == 24)
    let lines = file.issues.filter { $0.kind == .warning }.map(\.line)
    #expect(lines == [3, 4, 5], "\(file.issues)")
    // A 500-hour outage of financial data is a risk whatever the plan says.
    let outage = facts([.availability], [.identity, .financial]) {
      $0.restoreHours = 500; $0.dataSubjects = 5000
    }
    #expect(AssessmentEngine.assess(outage, plan: plan).notifyAuthority)
  }

  @Test func absurdHoursAreErrorsNotCrashes() {
    let file = read(
      """
      version: 1
      organisation: { name: Test AS }
      clocks:
        - { id: log, title: Logg, hours: 1e300 }
      reminders_hours: [.nan, -1]
      """)
    #expect(file.plan == nil)
    #expect(file.issues.filter { $0.kind == .error }.map(\.line) == [4, 5, 5])
  }

  @Test func aPlanThatCannotWorkAtNightIsFlagged() {
    let file = read(
      """
      version: 1
      organisation: { name: Test AS }
      roles:
        - { id: lead, title: Leder, people: [] }
        - id: dpo
          title: Personvernombud
          people: [{ name: Ola Nordmann }]
      clocks:
        - { id: log, title: Logg, hours: 1, owner: nobody }
        - { id: subjects, title: Varsle, hours: 2 }
      """)
    let text = file.issues.map(\.description)
    #expect(text.contains { $0.hasPrefix("line 4: warning: roles[0] (Leder) has nobody in it") })
    #expect(text.contains { $0.hasPrefix("line 7: warning: roles[1].people[0] (Ola Nordmann) has no e-mail or phone") })
    #expect(text.contains { $0.hasPrefix("line 9: error: clocks[0].owner \"nobody\" is not one of the plan's roles") })
    #expect(text.contains { $0.hasPrefix("line 10: error: clocks[1].id \"subjects\" is reserved") })
  }

  @Test func onlyExemptionsTheGDPRLacksAreWarnedAbout() {
    let file = read(
      """
      version: 1
      organisation: { name: Test AS }
      assessment:
        exemptions: [unintelligible_data, already_known, disproportionate_effort]
      """)
    let warnings = file.issues.filter { $0.kind == .warning }.map(\.message)
    #expect(warnings.count == 1 && warnings[0].contains("already_known"))
  }

  @Test func planRulesReadProtectionPerCategory() throws {
    let plan = try #require(
      read(
        """
        version: 1
        organisation: { name: Test AS }
        assessment:
          risk_rules:
            - level: critical
              any: [{ categories: [national_id], unprotected: true }]
        """
      ).plan)
    let f = facts([.confidentiality], [.identity, .nationalID]) {
      $0.recipients = .known; $0.recipientsCount = 1; $0.cause = .accidental; $0.dataSubjects = 3
      $0.protection = .encrypted; $0.protectedCategories = [.identity]
    }
    #expect(AssessmentEngine.assess(f, plan: plan).risk == .critical, "national ids were readable")
    var covered = f
    covered.protectedCategories = [.identity, .nationalID]
    #expect(AssessmentEngine.assess(covered, plan: plan).risk == .low)
  }
}
