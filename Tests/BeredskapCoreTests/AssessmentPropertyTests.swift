import BeredskapCore
import Foundation
import Testing

/// Properties over generated facts: the engine is monotone in what makes a
/// breach worse, protection never hurts, and it is deterministic.
@Suite struct AssessmentPropertyTests {
  /// A small deterministic generator (SplitMix64) so failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func bool() -> Bool { next() % 2 == 0 }
    mutating func pick<T>(_ all: [T]) -> T { all[Int(next() % UInt64(all.count))] }
    mutating func subset<T: Hashable>(_ all: [T], min: Int = 0) -> Set<T> {
      var s = Set(all.filter { _ in next() % 3 == 0 })
      while s.count < min { s.insert(pick(all)) }
      return s
    }
  }

  static func generate(_ count: Int, seed: UInt64) -> [BreachFacts] {
    var g = Generator(state: seed)
    return (0..<count).map { _ in
      facts(g.subset(BreachFacts.Nature.allCases, min: 1), g.subset(DataCategory.allCases, min: 1)) {
        $0.role = .controller
        $0.cause = g.pick(BreachFacts.Cause.allCases)
        $0.dataSubjects = g.bool() ? nil : Int(g.next() % 5000)
        $0.vulnerableSubjects = g.bool()
        $0.protection = g.pick(BreachFacts.Protection.allCases)
        $0.keyCompromised = g.bool()
        $0.exfiltration = g.pick(BreachFacts.Exfiltration.allCases)
        $0.recipients = g.pick(BreachFacts.Recipients.allCases)
        $0.recipientsCount = g.bool() ? nil : Int(g.next() % 5)
        $0.dataRecovered = g.bool()
        $0.categoriesComplete = g.next() % 4 != 0
        $0.misuseObserved = g.next() % 5 == 0
        $0.mitigations = g.subset(BreachFacts.Mitigation.allCases)
        $0.backupAvailable = g.pick([nil, true, false])
        $0.restoreHours = g.bool() ? nil : Double(g.next() % 100)
        $0.permanentLoss = g.next() % 4 == 0
        $0.serviceImpact = g.pick(BreachFacts.ServiceImpact.allCases)
        $0.riskAnswers = g.next() % 3 == 0 ? g.subset(BreachFacts.RiskQuestion.allCases) : []
      }
    }
  }

  static let sample = generate(3000, seed: 20_261_123)

  func risk(_ f: BreachFacts) -> RiskLevel { AssessmentEngine.assess(f).risk }

  @Test func aMoreSensitiveCategoryNeverLowersTheRisk() {
    for f in Self.sample {
      for extra in DataCategory.allCases where !f.dataCategories.contains(extra) {
        var g = f
        g.dataCategories.insert(extra)
        #expect(risk(g) >= risk(f), "adding \(extra) lowered the risk for \(f)")
      }
    }
  }

  @Test func morePeopleNeverLowerTheRisk() {
    for f in Self.sample {
      var g = f
      g.dataSubjects = (f.dataSubjects ?? 0) * 10 + 1000
      var base = f
      base.dataSubjects = f.dataSubjects ?? 0
      #expect(risk(g) >= risk(base), "more people lowered the risk for \(f)")
    }
  }

  @Test func vulnerablePeopleNeverLowerTheRisk() {
    for f in Self.sample where !f.vulnerableSubjects {
      var g = f
      g.vulnerableSubjects = true
      #expect(risk(g) >= risk(f))
    }
  }

  @Test func maliciousIntentNeverLowersTheRisk() {
    for f in Self.sample where f.cause != .malicious {
      var g = f
      g.cause = .malicious
      #expect(risk(g) >= risk(f), "malicious lowered the risk for \(f)")
    }
  }

  @Test func protectionWithASafeKeyNeverRaisesTheRisk() {
    for f in Self.sample {
      for p in [BreachFacts.Protection.encrypted, .hashed] {
        var unprotected = f
        unprotected.protection = .none
        var g = f
        g.protection = p
        g.keyCompromised = false
        #expect(risk(g) <= risk(unprotected), "\(p) raised the risk for \(f)")
      }
    }
  }

  @Test func theSameFactsAlwaysGiveTheSameAnswer() {
    for f in Self.sample.prefix(500) {
      #expect(AssessmentEngine.assess(f).json() == AssessmentEngine.assess(f).json())
    }
  }

  @Test func theDecisionsFollowTheRiskLevel() {
    for f in Self.sample {
      let a = AssessmentEngine.assess(f)
      #expect(a.notifyAuthority == (a.risk >= .medium))
      if a.notifySubjects { #expect(a.risk >= .high) }
      #expect(a.recordInternally)
    }
  }

  /// Each step that puts the data in more hands, keeps them there, or makes
  /// the loss worse never lowers the risk.
  @Test(arguments: [
    "wider recipients", "a copy less ruled out", "not retrieved", "misuse observed", "lost for good",
    "graver service impact", "categories may be incomplete", "a wider audience",
  ])
  func worseFactsNeverLowerTheRisk(_ change: String) {
    let order = BreachFacts.Recipients.allCases
    let exfiltration: [BreachFacts.Exfiltration] = [.ruledOut, .unknown, .suspected, .confirmed]
    for f in Self.sample {
      var g = f
      switch change {
      case "wider recipients":
        // "Nobody got it" contradicted by a copy is read as unknown hands (the worse reading).
        let contradicted = f.exfiltration != .ruledOut || f.misuseObserved
        if f.recipients == .none, contradicted { continue }
        guard let i = order.firstIndex(of: f.recipients), i + 1 < order.count else { continue }
        g.recipients = order[i + 1]
      case "a copy less ruled out":
        guard let i = exfiltration.firstIndex(of: f.exfiltration), i + 1 < exfiltration.count else { continue }
        g.exfiltration = exfiltration[i + 1]
      case "not retrieved":
        g.dataRecovered = false
        g.mitigations.subtract([.dataRecalled, .remoteWipe])
      case "misuse observed": g.misuseObserved = true
      case "lost for good": g.permanentLoss = true
      case "graver service impact":
        guard let next = BreachFacts.ServiceImpact.allCases.first(where: { $0 > f.serviceImpact }) else { continue }
        g.serviceImpact = next
      case "categories may be incomplete": g.categoriesComplete = false
      default: g.recipientsCount = (f.recipientsCount ?? 1) * 1000
      }
      #expect(risk(g) >= risk(f), "\(change) lowered the risk for \(f)")
    }
  }

  @Test func theGeneratorCoversEveryRiskLevelButNone() {
    let levels = Set(Self.sample.map(risk))
    #expect(levels == [.low, .medium, .high, .critical])
  }
}
