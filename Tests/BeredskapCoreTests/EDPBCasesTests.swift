import BeredskapCore
import Testing

/// The 18 worked cases of EDPB Guidelines 01/2021, retold in our own words as
/// facts, with the outcome the guidelines reach and the reason codes that must
/// name the deciding facts.
@Suite struct EDPBCasesTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var number: Int
    var story: String
    var facts: BreachFacts
    var authority: Bool
    var subjects: Bool
    var deciding: [String]
    var testDescription: String { "case \(number): \(story)" }
  }

  static let cases: [Case] = [
    Case(
      number: 1, story: "ransomware, good backup restored within hours, nothing copied",
      facts: facts([.availability], [.identity, .contact, .financial]) {
        $0.cause = .malicious; $0.exfiltration = .ruledOut; $0.backupAvailable = true; $0.restoreHours = 5
        $0.dataSubjects = 40
      }, authority: false, subjects: false, deciding: ["availability_restored", "unlikely_risk"]),
    Case(
      number: 2, story: "ransomware, no backup, data re-entered over five days",
      facts: facts([.availability], [.identity, .contact]) {
        $0.cause = .malicious; $0.exfiltration = .ruledOut; $0.backupAvailable = false; $0.restoreHours = 120
        $0.serviceImpact = .minor; $0.dataSubjects = 120
      }, authority: true, subjects: false, deciding: ["availability_lost", "notify_authority"]),
    Case(
      number: 3, story: "hospital ransomware: restored from backup after two days, operations cancelled",
      facts: facts([.availability], [.identity, .special]) {
        $0.cause = .malicious; $0.exfiltration = .ruledOut; $0.backupAvailable = true; $0.restoreHours = 48
        $0.serviceImpact = .critical; $0.vulnerableSubjects = true; $0.dataSubjects = 2000
      }, authority: true, subjects: true, deciding: ["service_critical", "notify_subjects"]),
    Case(
      number: 4, story: "ransomware with exfiltration and no backup at a transport company",
      facts: facts([.confidentiality, .availability], [.identity, .contact, .financial]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.backupAvailable = false
        $0.permanentLoss = true; $0.dataSubjects = 50000
      }, authority: true, subjects: true, deciding: ["financial", "large_scale"]),
    Case(
      number: 5, story: "malicious code on a recruitment site copies application forms with CVs",
      facts: facts([.confidentiality], [.identity, .contact, .documents]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.dataSubjects = 213
      }, authority: true, subjects: true, deciding: ["documents", "unknown_recipients"]),
    Case(
      number: 6, story: "SQL injection copies user names and passwords hashed with a salted slow algorithm",
      facts: facts([.confidentiality], [.identity, .credentials]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.protection = .hashed
        $0.dataSubjects = 1200
      }, authority: false, subjects: false, deciding: ["confidentiality_unintelligible", "unlikely_risk"]),
    Case(
      number: 7, story: "credential stuffing gives attackers access to online bank accounts",
      facts: facts([.confidentiality, .integrity], [.identity, .financial, .credentials]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown
        $0.mitigations = [.credentialsReset]; $0.dataSubjects = 2000
      }, authority: true, subjects: true, deciding: ["financial", "credentials"]),
    Case(
      number: 8, story: "a former employee takes the customer list to a competitor",
      facts: facts([.confidentiality], [.identity, .contact, .behavioural]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .known; $0.recipientsCount = 1
        $0.dataSubjects = 400
      }, authority: true, subjects: false, deciding: ["known_recipients", "subjects_not_required"]),
    Case(
      number: 9, story: "customer data e-mailed by mistake to a trusted partner, who deleted it",
      facts: facts([.confidentiality], [.identity, .contact, .financial]) {
        $0.cause = .accidental; $0.exfiltration = .confirmed; $0.recipients = .trusted; $0.recipientsCount = 1
        $0.dataRecovered = true; $0.dataSubjects = 30
      }, authority: false, subjects: false, deciding: ["trusted_recipient", "unlikely_risk"]),
    Case(
      number: 10, story: "stolen tablets with children's data, fully encrypted, backup and remote wipe",
      facts: facts([.confidentiality, .availability], [.identity, .special]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.protection = .encrypted
        $0.backupAvailable = true; $0.vulnerableSubjects = true; $0.mitigations = [.remoteWipe]; $0.dataSubjects = 60
      }, authority: false, subjects: false, deciding: ["confidentiality_unintelligible", "availability_restored"]),
    Case(
      number: 11, story: "stolen unencrypted notebook with 100,000 customers' names and addresses",
      facts: facts([.confidentiality, .availability], [.identity, .contact]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.backupAvailable = true
        $0.dataSubjects = 100_000
      }, authority: true, subjects: true, deciding: ["large_scale"]),
    Case(
      number: 12, story: "stolen paper log book of a rehabilitation centre",
      facts: facts([.confidentiality, .availability], [.identity, .special]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.backupAvailable = false
        $0.permanentLoss = true; $0.vulnerableSubjects = true; $0.dataSubjects = 50
      }, authority: true, subjects: true, deciding: ["special_categories", "vulnerable"]),
    Case(
      number: 13, story: "two parcels swapped: one customer got another's invoice and sent it back",
      facts: facts([.confidentiality], [.identity, .contact, .behavioural]) {
        $0.cause = .accidental; $0.exfiltration = .confirmed; $0.recipients = .known; $0.recipientsCount = 1
        $0.dataRecovered = true; $0.mitigations = [.dataRecalled]; $0.dataSubjects = 1
      }, authority: false, subjects: false, deciding: ["single_known_recipient_recovered", "unlikely_risk"]),
    Case(
      number: 14, story: "a list of job seekers with national ID numbers e-mailed to 60 of them",
      facts: facts([.confidentiality], [.identity, .contact, .nationalID]) {
        $0.cause = .accidental; $0.exfiltration = .confirmed; $0.recipients = .known; $0.recipientsCount = 60
        $0.dataSubjects = 60
      }, authority: true, subjects: true, deciding: ["national_id", "notify_subjects"]),
    Case(
      number: 15, story: "a course's participant list (names, e-mails) sent to 15 former participants",
      facts: facts([.confidentiality], [.identity, .contact]) {
        $0.cause = .accidental; $0.exfiltration = .confirmed; $0.recipients = .known; $0.recipientsCount = 15
        $0.dataSubjects = 15
      }, authority: true, subjects: false, deciding: ["known_recipients", "subjects_not_required"]),
    Case(
      number: 16, story: "insurance letters with premiums posted to the wrong policy holders",
      facts: facts([.confidentiality], [.identity, .contact, .financial]) {
        $0.cause = .accidental; $0.exfiltration = .confirmed; $0.recipients = .known; $0.recipientsCount = 40
        $0.dataSubjects = 40
      }, authority: true, subjects: false, deciding: ["known_recipients", "notify_authority"]),
    Case(
      number: 17, story: "a caller poses as a customer and has a phone company redirect their bills",
      facts: facts([.confidentiality, .integrity], [.identity, .contact, .financial]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.misuseObserved = true
        $0.dataSubjects = 1
      }, authority: true, subjects: true, deciding: ["misuse_observed", "financial"]),
    Case(
      number: 18, story: "a phished mailbox forwards invoices with bank details to an attacker",
      facts: facts([.confidentiality], [.identity, .contact, .financial, .communications]) {
        $0.cause = .malicious; $0.exfiltration = .confirmed; $0.recipients = .unknown; $0.dataSubjects = 500
      }, authority: true, subjects: true, deciding: ["financial", "communications"]),
  ]

  @Test(arguments: cases)
  func edpbCase(_ c: Case) {
    let a = AssessmentEngine.assess(c.facts)
    #expect(a.personalDataBreach)
    #expect(a.recordInternally)
    #expect(a.notifyAuthority == c.authority, "authority")
    #expect(a.notifySubjects == c.subjects, "subjects")
    let codes = a.reasons.map(\.code)
    for code in c.deciding { #expect(codes.contains(code), "reasons \(codes) lack \(code)") }
    #expect(a.reasons.allSatisfy { !$0.article.isEmpty && !$0.text.isEmpty })
  }

  @Test func theTableHoldsAllEighteenCases() {
    #expect(Self.cases.map(\.number) == Array(1...18))
  }
}
