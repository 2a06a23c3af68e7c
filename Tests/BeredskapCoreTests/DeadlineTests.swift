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
    #expect(hours["risk_assessment"] == 2)
    #expect(hours["post_incident_review"] == 168)
  }
}
