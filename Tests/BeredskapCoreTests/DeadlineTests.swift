import BeredskapCore
import Foundation
import Testing

@Suite struct DeadlineTests {
  @Test func seventyTwoHoursAreSeventyTwoHoursAcrossTheSpringChange() throws {
    // Summer time starts 29 March 2026 at 02:00 in Oslo: the wall clock skips an hour.
    let f = facts([.confidentiality], [.identity, .nationalID]) {
      $0.becameAwareAt = Timestamp.parse("2026-03-27T10:00:00+01:00")!
      $0.recipients = .public
    }
    let a = AssessmentEngine.assess(f)
    let authority = try #require(a.deadlines.first { $0.kind == .authority })
    #expect(Timestamp.utc(authority.due) == "2026-03-30T09:00:00Z")
    #expect(Timestamp.oslo(authority.due, language: .nb) == "30.03.2026 kl. 11:00")
    #expect(authority.due.timeIntervalSince(f.becameAwareAt) == 72 * 3600)
  }

  @Test func andAcrossTheAutumnChange() throws {
    let f = facts([.confidentiality], [.identity, .special]) {
      $0.becameAwareAt = Timestamp.parse("2026-10-23T12:00:00+02:00")!
    }
    let due = try #require(AssessmentEngine.assess(f).deadlines.first { $0.kind == .authority }).due
    #expect(Timestamp.oslo(due, language: .nb) == "26.10.2026 kl. 11:00")
  }

  @Test func theProcessorTellsTheControllerWithinThePlansHours() throws {
    var plan = Plan.builtIn
    plan.processorNoticeHours = 36
    let f = facts([.confidentiality], [.identity]) { $0.role = .processor }
    let a = AssessmentEngine.assess(f, plan: plan)
    #expect(a.notifyController && !a.notifyAuthority && !a.notifySubjects)
    let due = try #require(a.deadlines.first { $0.kind == .controller }).due
    #expect(due.timeIntervalSince(f.becameAwareAt) == 36 * 3600)
  }

  @Test func thePlansInternalClocksRunFromAwareness() {
    let a = AssessmentEngine.assess(facts([.confidentiality], [.identity]))
    let hours = Dictionary(
      uniqueKeysWithValues: a.deadlines.map {
        ($0.kind.description, $0.due.timeIntervalSince(Timestamp.parse("2026-06-01T10:00:00+02:00")!) / 3600)
      })
    #expect(hours["internal_notification"] == 1)
    #expect(hours["log"] == 1)
    // Assessing is the provisional clock from discovery, not a step after the assessment.
    #expect(hours["risk_assessment"] == nil)
    #expect(hours["post_incident_review"] == 168)
  }

  @Test func beforeAnAssessmentTheAssessAndAuthorityClocksRunFromDiscovery() throws {
    let discovered = try #require(Timestamp.parse("2026-03-28T10:00:00+01:00"))
    var plan = Plan.builtIn
    plan.assessWithinHours = 4
    let clocks = DutyRules.provisional(discoveredAt: discovered, plan: plan)
    #expect(clocks.map(\.kind) == [.assessment, .authority])
    #expect(clocks[0].due == discovered.addingTimeInterval(4 * 3600))
    // 72 h is 72 h across the change to summer time on 29 March.
    #expect(Timestamp.utc(clocks[1].due) == "2026-03-31T09:00:00Z")
    #expect(clocks[1].basis.hasPrefix("Foreløpig"))
  }

  @Test func aLateNotificationNeedsAReasonAndALegalDutyBlocksClosing() {
    let due = Date(timeIntervalSince1970: 1_000_000)
    #expect(DutyRules.needsDelayReason(.authority, doneAt: due.addingTimeInterval(1), due: due))
    #expect(!DutyRules.needsDelayReason(.authority, doneAt: due, due: due))
    #expect(!DutyRules.needsDelayReason(.subjects, doneAt: due.addingTimeInterval(1), due: due))
    let unmet = DutyRules.unmet([
      (.authority, true, false), (.subjects, false, false), (.plan("log"), true, false), (.controller, true, true),
    ])
    #expect(unmet == [.authority])
    #expect(DutyRules.State(due: due, required: true, doneAt: nil, now: due.addingTimeInterval(-11 * 3600)) == .soon)
    #expect(DutyRules.State(due: due, required: true, doneAt: nil, now: due.addingTimeInterval(-13 * 3600)) == .running)
  }
}
