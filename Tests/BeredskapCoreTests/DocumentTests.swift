import Foundation
import Testing

@testable import BeredskapCore

/// The report to Datatilsynet and the letters to the people: what a
/// responder, the authority and an affected person read. Rendered output is
/// pinned by golden files in `Fixtures/documents`
/// (`BEREDSKAP_RECORD_GOLDEN=1 swift test --filter DocumentTests` records them).
@Suite struct DocumentTests {
  static let record = ProcessInfo.processInfo.environment["BEREDSKAP_RECORD_GOLDEN"] == "1"

  static func date(_ s: String) -> Date { Timestamp.parse(s) ?? Date(timeIntervalSince1970: 0) }

  static let plan: Plan = {
    var plan = Plan(organisation: Plan.Organisation(name: "Bemanning Nord AS"))
    plan.organisation.orgNumber = "912345678"
    plan.organisation.dpo = Plan.Person(
      name: "Kari Testdatter", email: "personvern@example.org", phone: "+47 400 00 000")
    plan.organisation.contact = Plan.Person(name: "Ola Eksempelsen", email: "daglig.leder@example.org")
    return plan
  }()

  static let incident = Incident(
    id: UUID(uuidString: "00000000-0000-0000-0000-000000000001") ?? UUID(),
    number: IncidentNumber(year: 2026, sequence: 7), title: "API-nøkkel lå åpent i et offentlig kodelager",
    summary:
      "En utvikler la ved en feil en API-nøkkel i et offentlig kodelager. Med nøkkelen kunne hvem som helst hente kandidatprofiler fra lagringstjenesten.",
    severity: 1, status: .contained, discoveredAt: date("2026-03-27T09:30:00Z"), discoveredBy: "Overvåking",
    occurredAt: nil, systemsAffected: ["Kandidatportalen", "Fillagring"], attackVector: "lekket API-nøkkel",
    ownerID: nil, ownerName: nil, createdAt: date("2026-03-27T09:35:00Z"), updatedAt: date("2026-03-27T12:00:00Z"))

  static func facts() throws -> BreachFacts {
    try BreachFacts.parse(json: Data(contentsOf: FixtureFiles.url("examples/staffing-api-key-leak.facts.json")))
  }

  static let measures = [
    ReportInput.Measure(at: date("2026-03-27T09:50:00Z"), text: "API-nøkkelen er slettet og byttet ut", planned: false),
    ReportInput.Measure(
      at: date("2026-03-27T11:10:00Z"), text: "Tilgangsloggen er gjennomgått for perioden nøkkelen lå ute",
      planned: false),
    ReportInput.Measure(
      at: date("2026-03-27T12:00:00Z"), text: "Automatisk søk etter nøkler før kode publiseres", planned: true),
  ]

  static func input(now: Date = date("2026-03-28T08:00:00Z")) throws -> ReportInput {
    let f = try facts()
    return ReportInput(
      incident: incident, plan: plan, facts: f, assessment: AssessmentEngine.assess(f, plan: plan, language: .nb),
      measures: measures,
      people: ReportInput.People(
        distinct: 23, perCategory: [.identity: 23, .contact: 23, .nationalID: 21], withoutContact: 2),
      letters: ReportInput.Letters(
        approvedAt: date("2026-03-28T07:00:00Z"), total: 23, sent: 21, lastSentAt: date("2026-03-28T07:05:00Z"),
        otherChannel: 2),
      authorityDue: date("2026-03-30T09:00:00Z"), now: now)
  }

  func check(_ text: String, golden name: String) throws {
    let url = FixtureFiles.url("documents/\(name)")
    if Self.record {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
      return
    }
    let golden = try? String(contentsOf: url, encoding: .utf8)
    #expect(golden == text, "\(name) differs; record with BEREDSKAP_RECORD_GOLDEN=1 and read the diff")
  }

  // MARK: The report

  @Test func reportMatchesItsGoldenFiles() throws {
    let input = try Self.input()
    for language in [Language.nb, .en] {
      var i = input
      if language == .en, let f = i.facts { i.assessment = AssessmentEngine.assess(f, plan: Self.plan, language: .en) }
      let report = AuthorityReportDrafter.draft(i, language: language)
      try check(report.markdown(), golden: "report.\(language.rawValue).md")
      try check(String(decoding: report.json(), as: UTF8.self) + "\n", golden: "report.\(language.rawValue).json")
    }
  }

  @Test func reportHasDatatilsynetsSectionsFilledFromTheFacts() throws {
    let report = AuthorityReportDrafter.draft(try Self.input(), language: .nb)
    #expect(report.parts.map(\.section) == AuthorityReport.Section.allCases)
    let people = report.part(.people)?.text ?? ""
    #expect(people.contains("23"))
    #expect(people.contains("fødselsnummer eller ID-nummer: 21 personer"))
    #expect(people.contains("56"))
    let timing = report.part(.timing)?.text ?? ""
    #expect(timing.contains("27.03.2026 kl. 10:30"))  // discovered, Oslo time
    #expect(timing.contains("27.03.2026 kl. 10:00"))  // became aware
    let measures = report.part(.measures)?.text ?? ""
    #expect(measures.contains("API-nøkkelen er slettet og byttet ut"))
    #expect(measures.contains("Tiltak vi planlegger:\n- Automatisk søk"))
    #expect(report.part(.contact)?.text.contains("Kari Testdatter, personvern@example.org") == true)
    #expect(report.part(.subjects)?.text.contains("21 personer av 23") == true)
    #expect(report.part(.subjects)?.text.contains("2 personer uten e-postadresse") == true)
    // The one thing the facts cannot say: who the people are to the organisation.
    #expect(report.missing.map(\.section) == [.people])
  }

  @Test func aLateReportAsksForItsReasonAndThenCarriesIt() throws {
    var input = try Self.input(now: Self.date("2026-03-31T08:00:00Z"))
    var report = AuthorityReportDrafter.draft(input, language: .nb)
    #expect(report.missing.contains { $0.section == .timing })
    #expect(report.part(.timing)?.text.contains("senere enn 72 timer") == true)
    input.delayReason = "Vi ventet på svar fra leverandøren om hvilke filer som var lastet ned."
    report = AuthorityReportDrafter.draft(input, language: .nb)
    #expect(!report.missing.contains { $0.section == .timing })
    #expect(report.part(.timing)?.text.contains("Grunnen til forsinkelsen: Vi ventet på svar") == true)
  }

  @Test func aFollowUpNamesTheNotificationItCompletes() throws {
    var input = try Self.input()
    input.sent = [
      ReportInput.Sent(phase: 1, at: Self.date("2026-03-28T09:00:00Z"), reference: "DT-2026-1234", complete: false)
    ]
    let report = AuthorityReportDrafter.draft(input, language: .nb)
    #expect(report.phase == 2)
    #expect(
      report.markdown().contains(
        "Oppfølging nr. 1: melding sendt 28.03.2026 kl. 10:00, Datatilsynets referanse DT-2026-1234"))
    // A follow-up is not late just because the first was sent near the deadline.
    input.now = Self.date("2026-04-02T08:00:00Z")
    #expect(!AuthorityReportDrafter.draft(input, language: .nb).missing.contains { $0.section == .timing })
  }

  @Test func withoutAnAssessmentTheReportSaysWhatIsMissing() throws {
    var input = try Self.input()
    input.facts = nil
    input.assessment = nil
    input.measures = []
    input.incident.summary = ""
    var plan = Self.plan
    plan.organisation.dpo = nil
    plan.organisation.contact = nil
    input.plan = plan
    let report = AuthorityReportDrafter.draft(input, language: .nb)
    let sections = Set(report.missing.map(\.section))
    #expect(sections == [.breach, .people, .whereabouts, .consequences, .measures, .subjects, .contact])
    try check(report.markdown(), golden: "report-empty.nb.md")
  }

  @Test func anEditedSectionReplacesTheDraftAndIsMarked() throws {
    let report = AuthorityReportDrafter.draft(try Self.input(), language: .nb)
    let edited = report.applying([
      .people: (
        text: "23 kandidater som har søkt jobb gjennom oss.", by: "Kari Testdatter",
        at: Self.date("2026-03-28T08:10:00Z")
      )
    ])
    #expect(edited.part(.people)?.text == "23 kandidater som har søkt jobb gjennom oss.")
    #expect(edited.part(.people)?.edited == true)
    #expect(edited.part(.people)?.editedBy == "Kari Testdatter, 28.03.2026 kl. 09:10")
    #expect(edited.missing.isEmpty)
    #expect(edited.part(.timing) == report.part(.timing))
  }

  @Test func numbersAreGroupedAsEachLanguageWritesThem() {
    #expect(AuthorityReportDrafter.Words(language: .nb).number(1_234_567) == "1\u{00A0}234\u{00A0}567")
    #expect(AuthorityReportDrafter.Words(language: .en).number(1_234_567) == "1,234,567")
    #expect(AuthorityReportDrafter.Words(language: .nb).hours(.infinity) == "0 timer")
  }

  // MARK: Letters

  static func letter(_ categories: Set<DataCategory>, _ language: Language, name: String = "Sigrid Prøvesen") throws
    -> SubjectLetter
  {
    let texts = LetterTexts.draft(incident: incident, measures: measures, language: language)
    return LetterComposer.compose(
      to: LetterRecipient(name: name, categories: categories, language: language), texts: texts, incident: incident,
      facts: try facts(), plan: plan)
  }

  @Test func lettersMatchTheirGoldenFiles() throws {
    let nb = try Self.letter([.contact, .nationalID], .nb)
    try check("Emne: \(nb.subject)\n\n\(nb.body)", golden: "letter.nb.txt")
    let en = try Self.letter([.identity, .documents], .en, name: "Alex Example")
    try check("Subject: \(en.subject)\n\n\(en.body)", golden: "letter.en.txt")
  }

  @Test func aLetterNamesOnlyThatPersonsData() throws {
    let letter = try Self.letter([.contact], .nb)
    #expect(letter.body.contains("- kontaktopplysninger"))
    #expect(!letter.body.contains("fødselsnummer"))
    #expect(!letter.body.contains("kredittsperre"))
    let other = try Self.letter([.nationalID], .nb)
    #expect(other.body.contains("- fødselsnummer eller ID-nummer"))
    #expect(other.body.contains("kredittsperre"))
    #expect(!other.body.contains("- kontaktopplysninger"))
  }

  @Test func aLetterHasTheSourcePlansSections() throws {
    let body = try Self.letter([.credentials], .nb).body
    let headings = [
      "Hva som skjedde", "Hvilke opplysninger om deg det gjelder", "Hva det kan bety for deg", "Hva vi har gjort",
      "Hva du bør gjøre", "Dine rettigheter", "Kontakt oss",
    ]
    var from = body.startIndex
    for h in headings {
      let range = body.range(of: "\n\n\(h)\n\n", range: from..<body.endIndex)
      #expect(range != nil, "missing or out of order: \(h)")
      if let range { from = range.upperBound }
    }
    #expect(body.contains("Datatilsynet"))
    #expect(body.contains("Bytt passordet ditt"))
    #expect(body.hasPrefix("Hei Sigrid Prøvesen,"))
  }

  @Test func aPersonWithoutCategoriesIsToldWhatMayConcernThem() throws {
    let body = try Self.letter([], .nb).body
    #expect(body.contains("kan gjelde deg"))
    #expect(body.contains("- fødselsnummer eller ID-nummer"))
  }

  @Test func thePlansTemplateSetsSubjectGreetingAndClosing() throws {
    let yaml = """
      version: 1
      organisation:
        name: Festivalen
      letters:
        nb:
          subject: "Om opplysningene dine hos {organisasjon}"
          greeting: "Kjære {navn}!"
      """
    let result = PlanFile.load(yaml: yaml)
    let plan = try #require(result.plan)
    let letter = LetterComposer.compose(
      to: LetterRecipient(name: "Per Prøve", categories: [.contact], language: .nb),
      texts: LetterTexts(whatHappened: "En liste ble sendt til feil mottaker.", whatWeDid: ""), incident: Self.incident,
      facts: nil, plan: plan)
    #expect(letter.subject == "Om opplysningene dine hos Festivalen")
    #expect(letter.body.hasPrefix("Kjære Per Prøve!"))
    #expect(letter.body.hasSuffix("Med vennlig hilsen\nFestivalen\n"))
    let bad = PlanFile.load(
      yaml: yaml.replacingOccurrences(of: "\"Om opplysningene dine hos {organisasjon}\"", with: "\"a\\nb\""))
    #expect(bad.issues.contains { $0.message.contains("letters.nb.subject must be one line") })
  }
}
