import BeredskapCore
import Foundation
import Testing

/// Valid re-encodings of one situation must be decided alike: facts the law
/// does not weigh (how many records, when it happened), a measure that
/// concerns data not involved, and categories the rules treat alike.
@Suite struct MetamorphicTests {
  static let situations: [BreachFacts] =
    FixtureFiles.list("cases", suffix: ".json").compactMap { path in
      guard case .object(let o)? = try? FixtureFiles.json(path)["facts"] else { return nil }
      return try? BreachFacts.parse(object: o)
    } + AssessmentPropertyTests.generate(600, seed: 77)

  struct Decision: Equatable {
    var risk: RiskLevel
    var authority: Bool
    var subjects: Bool
    var controller: Bool
    init(_ a: Assessment) {
      (risk, authority, subjects, controller) = (a.risk, a.notifyAuthority, a.notifySubjects, a.notifyController)
    }
  }

  func decision(_ f: BreachFacts) -> Decision { Decision(AssessmentEngine.assess(f)) }

  func expectSame(_ change: String, _ edit: (inout BreachFacts) -> Bool) {
    var differing = 0
    for f in Self.situations {
      var g = f
      guard edit(&g) else { continue }
      if decision(f) != decision(g) { differing += 1 }
    }
    #expect(differing == 0, "\(change) changed \(differing) decisions")
  }

  @Test func theNumberOfRecordsDoesNotDecide() {
    expectSame("records") {
      $0.records = ($0.dataSubjects ?? 10) * 3
      return true
    }
  }

  @Test func whenItHappenedDoesNotDecide() {
    expectSame("occurred_at") {
      $0.occurredAt = $0.becameAwareAt.addingTimeInterval(-36 * 3600)
      return true
    }
  }

  @Test func aMeasureForDataNotInvolvedChangesNothing() {
    expectSame("fraud_monitoring without financial data or ID numbers") {
      guard $0.dataCategories.isDisjoint(with: [.financial, .nationalID]) else { return false }
      $0.mitigations.insert(.fraudMonitoring)
      return true
    }
    expectSame("credentials_reset without credentials") {
      guard !$0.dataCategories.contains(.credentials) else { return false }
      $0.mitigations.insert(.credentialsReset)
      return true
    }
    expectSame("change_reverted without an integrity loss") {
      guard !$0.nature.contains(.integrity) else { return false }
      $0.mitigations.insert(.changeReverted)
      return true
    }
  }

  @Test func namesAndContactDataAreTreatedAlike() {
    expectSame("contact added where identity is") {
      guard $0.dataCategories.contains(.identity), !$0.dataCategories.contains(.contact) else { return false }
      $0.dataCategories.insert(.contact)
      return true
    }
    expectSame("identity split into identity and contact") {
      guard $0.dataCategories.contains(.identity) else { return false }
      $0.dataCategories.remove(.identity)
      $0.dataCategories.insert(.contact)
      return $0.protectedCategories == nil
    }
  }

  @Test func aLanguageNeverChangesTheDecision() {
    for f in Self.situations {
      #expect(Decision(AssessmentEngine.assess(f, language: .en)) == decision(f))
    }
  }
}
