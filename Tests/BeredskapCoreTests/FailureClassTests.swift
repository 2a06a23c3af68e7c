import BeredskapCore
import Foundation
import Testing

/// The classes of wrong decisions found by outside review (issue 6), each
/// shown on situations that were not tuned for: the class, not the example.
@Suite struct FailureClassTests {
  func assess(_ f: BreachFacts) -> Assessment { AssessmentEngine.assess(f) }

  @Test func viewingWithoutACopyIsStillABreachToNotify() {
    // An employee deliberately looks up 30 patients' records; logs show no copy.
    let f = facts([.confidentiality], [.identity, .special]) {
      $0.cause = .malicious; $0.recipients = .known; $0.recipientsCount = 1; $0.exfiltration = .ruledOut
      $0.dataSubjects = 30; $0.vulnerableSubjects = true
    }
    let a = assess(f)
    #expect(a.notifyAuthority && a.notifySubjects)
    #expect(a.reasons.map(\.code).contains("deliberate_viewing"))
    // The same person looking at names only is still recorded, but harmless data stay unlikely to be a risk.
    var names = f
    names.dataCategories = [.identity]
    names.vulnerableSubjects = false
    #expect(!assess(names).notifySubjects)
  }

  @Test func ruledOutExfiltrationDoesNotEraseReadableAccess() {
    // An intruder could read national ids and bank data of 5,000; logs show no bulk copy.
    let a = assess(
      facts([.confidentiality], [.identity, .contact, .nationalID, .financial]) {
        $0.cause = .malicious; $0.recipients = .unknown; $0.exfiltration = .ruledOut; $0.dataSubjects = 5000
      })
    #expect(a.notifyAuthority && a.notifySubjects)
    #expect(a.reasons.map(\.code).contains("exfiltration_ruled_out"))
  }

  @Test func contradictoryFactsTakeTheWorseReadingAndSaySo() {
    // A stolen laptop (a copy is confirmed) entered with recipients: none.
    let f = facts([.confidentiality], [.identity, .contact, .nationalID]) {
      $0.cause = .malicious; $0.recipients = .none; $0.exfiltration = .confirmed; $0.dataSubjects = 40
    }
    let a = assess(f)
    #expect(a.notifyAuthority)
    #expect(a.reasons.map(\.code).contains("contradiction_no_recipients"))
    var consistent = f
    consistent.recipients = .unknown
    #expect(assess(consistent).risk == a.risk)
    // A lost laptop: nobody is known to have it, but nothing rules that out.
    let lost = assess(
      facts([.confidentiality], [.identity, .contact, .financial]) {
        $0.cause = .accidental; $0.recipients = .none; $0.exfiltration = .unknown; $0.dataSubjects = 40
      })
    #expect(lost.notifyAuthority)
    #expect(lost.reasons.map(\.code).contains("contradiction_no_recipients"))
    // Logs that show nobody opened the exposed data are consistent with nobody having it.
    let logged = assess(
      facts([.confidentiality], [.identity, .contact, .financial]) {
        $0.cause = .accidental; $0.recipients = .none; $0.exfiltration = .ruledOut; $0.dataSubjects = 40
      })
    #expect(!logged.notifyAuthority)
  }

  @Test func protectionCoversOnlyTheCategoriesItNames() {
    // CVs and contact data public for four hours; only the national id column was hashed (salted, slow).
    let f = facts([.confidentiality], [.identity, .contact, .documents, .nationalID]) {
      $0.cause = .accidental; $0.recipients = .public; $0.exposureHours = 4; $0.dataSubjects = 23
      $0.protection = .hashed; $0.protectedCategories = [.nationalID]
    }
    let a = assess(f)
    #expect(a.notifyAuthority && a.notifySubjects)
    #expect(a.reasons.map(\.code).contains("partially_protected"))
    // Covering every category makes the same exposure unlikely to be a risk.
    var all = f
    all.protectedCategories = nil
    #expect(!assess(all).notifyAuthority)
  }

  @Test func availabilityRestoredInGoodTimeIsNoRiskWhateverTheIntent() {
    for cause in BreachFacts.Cause.allCases {
      let a = assess(
        facts([.availability], [.identity, .contact, .financial]) {
          $0.cause = cause; $0.recipients = .none; $0.exfiltration = .ruledOut; $0.backupAvailable = true
          $0.restoreHours = 6; $0.dataSubjects = 40
        })
      #expect(!a.notifyAuthority, "cause \(cause)")
    }
  }

  @Test func longOrPermanentLossThatHurtsPeopleIsNotCapped() {
    // Ransomware, no exfiltration, accidental-looking: the data of patients lost for good.
    let lost = assess(
      facts([.availability], [.identity, .special]) {
        $0.cause = .accidental; $0.recipients = .none; $0.exfiltration = .ruledOut; $0.permanentLoss = true
        $0.backupAvailable = false; $0.dataSubjects = 12
      })
    #expect(lost.notifyAuthority && lost.notifySubjects)
    // Two days down with treatment cancelled.
    let care = assess(
      facts([.availability], [.identity, .special]) {
        $0.cause = .malicious; $0.exfiltration = .ruledOut; $0.recipients = .none; $0.backupAvailable = true
        $0.restoreHours = 48; $0.serviceImpact = .critical; $0.dataSubjects = 3000
      })
    #expect(care.risk == .critical)
  }

  @Test func aSmallContainedMisdeliveryIsUnlikelyToBeARisk() {
    // One customer's name and address to another customer, who returned it at once.
    let one = assess(
      facts([.confidentiality], [.identity, .contact, .behavioural]) {
        $0.cause = .accidental; $0.recipients = .known; $0.recipientsCount = 1; $0.exfiltration = .confirmed
        $0.dataRecovered = true; $0.dataSubjects = 1
      })
    #expect(!one.notifyAuthority)
    // A dietary note about 2 of 20 people on a list mailed to 20 known people.
    let dietFacts = facts([.confidentiality], [.identity, .contact, .special]) {
      $0.cause = .accidental; $0.recipients = .known; $0.recipientsCount = 20; $0.exfiltration = .confirmed
      $0.dataSubjects = 20; $0.categorySubjects = [.special: 2]
    }
    let diet = assess(dietFacts)
    #expect(!diet.notifyAuthority)
    #expect(diet.reasons.map(\.code).contains("incidental_special"))
    // The same list where the health data concern everybody on it is another matter.
    var everybody = dietFacts
    everybody.categorySubjects = [:]
    #expect(assess(everybody).notifyAuthority)
  }

  @Test func consequencesThatReachOnePersonMakeTheRiskHigh() {
    // Identity theft of one customer.
    let theft = assess(
      facts([.confidentiality], [.identity, .nationalID, .financial]) {
        $0.cause = .malicious; $0.recipients = .unknown; $0.misuseObserved = true; $0.dataSubjects = 1
      })
    #expect(theft.notifySubjects)
    // One person's records lost for good.
    let lost = assess(
      facts([.availability], [.identity, .financial]) {
        $0.permanentLoss = true; $0.backupAvailable = false; $0.dataSubjects = 1
      })
    #expect(lost.notifySubjects)
  }

  @Test func aTrustedRecipientDoesNotEraseWhatWasSeen() {
    // A colleague at another company, bound by secrecy, received national ids and health data, and returned them.
    let a = assess(
      facts([.confidentiality], [.identity, .nationalID, .special]) {
        $0.cause = .accidental; $0.recipients = .trusted; $0.recipientsCount = 1; $0.exfiltration = .confirmed
        $0.dataRecovered = true; $0.mitigations = [.dataRecalled]; $0.dataSubjects = 8
      })
    #expect(a.notifyAuthority && a.notifySubjects)
    #expect(a.reasons.map(\.code).contains("trusted_recipient"))
    #expect(a.reasons.map(\.code).contains("data_retrieved_after_reading"))
    // The same recipient with ordinary data: unlikely to be a risk (EDPB 01/2021 case 9).
    let ordinary = assess(
      facts([.confidentiality], [.identity, .contact]) {
        $0.cause = .accidental; $0.recipients = .trusted; $0.recipientsCount = 1; $0.exfiltration = .confirmed
        $0.dataRecovered = true; $0.dataSubjects = 24
      })
    #expect(!ordinary.notifyAuthority)
  }

  @Test func retrievingUnreadDataLowersTheRiskButNotReadData() {
    let base = facts([.confidentiality], [.identity, .financial]) {
      $0.cause = .accidental; $0.recipients = .unknown; $0.exfiltration = .unknown; $0.dataSubjects = 30
    }
    var recoveredUnread = base
    recoveredUnread.dataRecovered = true
    var recoveredRead = recoveredUnread
    recoveredRead.exfiltration = .confirmed
    #expect(assess(recoveredUnread).risk < assess(base).risk)
    #expect(
      assess(recoveredRead).risk
        == assess(
          {
            var f = base; f.exfiltration = .confirmed; return f
          }()
        ).risk)
  }

  @Test func corruptedDataPeopleDependOnIsAHighRisk() {
    let a = assess(
      facts([.integrity], [.identity, .financial]) {
        $0.cause = .accidental; $0.dataSubjects = 200; $0.serviceImpact = .significant
      })
    #expect(a.notifySubjects)
    #expect(a.reasons.map(\.code).contains("integrity_dependent"))
    var reverted = facts([.integrity], [.identity, .financial]) { $0.dataSubjects = 200 }
    reverted.mitigations = [.changeReverted]
    #expect(!assess(reverted).notifyAuthority)
  }
}
