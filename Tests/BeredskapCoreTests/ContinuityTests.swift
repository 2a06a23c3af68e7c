import BeredskapCore
import Foundation
import Testing

/// Runbooks as checklists, the post-mortem's due date and documents, the test
/// schedule and the test report. Documents are pinned by golden files in
/// Fixtures/documents (`BEREDSKAP_RECORD_GOLDEN=1` records them).
@Suite struct ContinuityTests {
  static func date(_ s: String) -> Date { Timestamp.parse(s) ?? Date(timeIntervalSince1970: 0) }

  func check(_ text: String, golden name: String) throws {
    let url = FixtureFiles.url("documents/\(name)")
    if ProcessInfo.processInfo.environment["BEREDSKAP_RECORD_GOLDEN"] == "1" {
      try Data(text.utf8).write(to: url)
      return
    }
    let golden = try? String(contentsOf: url, encoding: .utf8)
    #expect(golden == text, "\(name) differs; record with BEREDSKAP_RECORD_GOLDEN=1 and read the diff")
  }

  // MARK: Runbooks

  @Test func theDefaultPlanHasPlanAsFiveRecoveryRunbooksAndTheBreachPhases() {
    let ids = Plan.builtIn.runbooks.map(\.id)
    #expect(ids == ["database", "hosting", "dns", "sms", "push", "personal_data_breach"])
    // Plan A: database restore in 1–2 h; hosting outage 3–4 h.
    let db = Plan.builtIn.runbook("database")?.estimateMinutes ?? 0
    #expect((60...120).contains(db))
    let hosting = Plan.builtIn.runbook("hosting")?.estimateMinutes ?? 0
    #expect((180...240).contains(hosting))
    #expect(Plan.builtIn.runbooks.allSatisfy { !$0.steps.isEmpty })
  }

  @Test func aChecklistShowsEachStepsDueTimeAndWhatIsLate() {
    let start = Self.date("2026-03-28T01:00:00Z")
    let rb = Plan.Runbook(
      id: "x", title: "X", steps: [.init("a", minutes: 10), .init("b"), .init("c", minutes: 20)])
    var c = RunbookChecklist(
      runbook: rb, startedAt: start, ticks: [0: .init(by: "Kari", at: start.addingTimeInterval(12 * 60))])
    let now = start.addingTimeInterval(25 * 60)
    let lines = c.lines(now: now)
    #expect(lines.map(\.dueBy) == [start.addingTimeInterval(600), nil, start.addingTimeInterval(1800)])
    #expect(lines.map(\.late) == [true, false, false])
    #expect(c.doneCount == 1)
    #expect(!c.isComplete)
    #expect(c.elapsedMinutes(now: now) == 25)
    c.ticks[1] = .init(by: "Ola", at: now)
    c.ticks[2] = .init(by: "Ola", at: start.addingTimeInterval(40 * 60))
    #expect(c.isComplete)
    #expect(c.elapsedMinutes(now: start.addingTimeInterval(99 * 3600)) == 40)
    #expect(c.lines(now: now).last?.late == true)
  }

  @Test func runbooksInThePlanAreCheckedLineByLine() {
    let yaml = """
      version: 1
      organisation: {name: Testfirma AS}
      runbooks:
        - id: db
          title: Databasen
          steps:
            - Stopp skriving
            - {text: Gjenopprett, role: drift, minutes: 30}
        - id: "Med Mellomrom"
          title: Feil
          steps: []
        - id: db
          title: To ganger
          steps: [{text: x, minutes: 1e300}]
      exercises: {restore_test: 1, failover_test: 6, tabletop: none}
      """
    let result = PlanFile.load(yaml: yaml)
    let errors = result.issues.filter { $0.kind == .error }
    #expect(errors.contains { $0.line == 9 && $0.message.contains("may only use") })
    #expect(errors.contains { $0.line == 11 && $0.message.contains("at least one step") })
    #expect(errors.contains { $0.line == 12 && $0.message.contains("used twice") })
    #expect(errors.contains { $0.line == 14 && $0.message.contains("minutes must be a whole number") })
    let plan = PlanFile.load(
      yaml:
        """
        version: 1
        organisation: {name: Testfirma AS}
        runbooks:
          - id: db
            title: Databasen
            steps: [Stopp skriving, {text: Gjenopprett, role: drift, minutes: 30}]
        exercises: {restore_test: 1, failover_test: 6, tabletop: none}
        """
    ).plan
    #expect(plan?.runbooks.map(\.id) == ["db"])
    #expect(plan?.runbook("db")?.steps.last == .init("Gjenopprett", role: "drift", minutes: 30))
    #expect(plan?.exerciseMonths == [.restoreTest: 1, .failoverTest: 6])
  }

  // MARK: Tests on record

  @Test func testsAreDueByTheCalendarInOsloAndOverdueOnceTheMonthsHavePassed() {
    let held = Self.date("2026-01-31T10:00:00Z")
    let restore = Exercise(
      kind: .restoreTest, heldAt: held, scenario: "s", participants: "p", restoreMinutes: 50, dataLossMinutes: 600,
      outcome: .passed, findings: "", recordedBy: "Kari")
    let before = ExerciseSchedule.status(plan: .builtIn, exercises: [restore], now: Self.date("2026-04-30T09:00:00Z"))
    #expect(before.map(\.kind) == [.restoreTest, .failoverTest, .tabletop])
    // Three calendar months after 31 January 11:00 is 30 April 11:00 (end of month), on the wall in Oslo.
    #expect(before[0].due == Self.date("2026-04-30T09:00:00Z"))  // 11:00 in Oslo, summer time
    #expect(before[0].overdue == false)
    // A kind never held is due now.
    #expect(before[1].last == nil && before[1].due == nil && before[1].overdue)
    let after = ExerciseSchedule.status(plan: .builtIn, exercises: [restore], now: Self.date("2026-04-30T09:00:01Z"))
    #expect(after[0].overdue)
    var plan = Plan.builtIn
    plan.exerciseMonths = [:]
    #expect(ExerciseSchedule.status(plan: plan, exercises: [], now: held).isEmpty)
  }

  // MARK: Post-mortems

  @Test func aPostMortemIsOwedSevenDaysAfterASevereIncidentIsResolvedOrABreachNotified() {
    let resolved = Self.date("2026-03-28T12:00:00Z")
    let notified = Self.date("2026-03-27T12:00:00Z")
    #expect(
      PostMortem.due(severity: 1, resolvedAt: resolved, notifiedAt: nil) == resolved.addingTimeInterval(168 * 3600))
    #expect(
      PostMortem.due(severity: 2, resolvedAt: resolved, notifiedAt: notified) == notified.addingTimeInterval(168 * 3600)
    )
    #expect(PostMortem.due(severity: 3, resolvedAt: resolved, notifiedAt: nil) == nil)
    #expect(
      PostMortem.due(severity: 4, resolvedAt: nil, notifiedAt: notified) == notified.addingTimeInterval(168 * 3600))
    #expect(PostMortem.due(severity: 1, resolvedAt: nil, notifiedAt: nil) == nil)
    // 168 hours, not "the same clock time a week later": across the change to summer time it ends an hour later on the wall.
    let saturday = Self.date("2026-03-28T10:00:00Z")
    #expect(Timestamp.oslo(saturday, language: .nb) == "28.03.2026 kl. 11:00")
    let due = PostMortem.due(severity: 1, resolvedAt: saturday, notifiedAt: nil) ?? saturday
    #expect(Timestamp.oslo(due, language: .nb) == "04.04.2026 kl. 12:00")
    #expect(PostMortem(texts: [.summary: "  "]).missing.count == PostMortem.Field.allCases.count)
  }

  static func document() -> PostMortemDocument {
    var texts: [PostMortem.Field: String] = [:]
    for f in PostMortem.Field.allCases { texts[f] = "Tekst for \(f.rawValue)." }
    texts[.summary] = "Databasen stoppet etter en oppgradering.\nPrimærnoden gikk tom for disk."
    texts[.humanError] = "Intern: Ola Testmann kjørte migreringen uten å sjekke plassen."
    texts[.customerSummary] = "Tjenesten var utilgjengelig i 2 timer og 5 minutter."
    texts[.customerPrevention] = "Vi varsler nå før disken blir full."
    let start = date("2026-03-28T01:10:00Z")
    return PostMortemDocument(
      organisation: "Testfirma AS", number: IncidentNumber(year: 2026, sequence: 7), title: "Databasen nede | prod",
      severity: 1, startedAt: start, resolvedAt: start.addingTimeInterval(125 * 60),
      postMortem: PostMortem(texts: texts, completedAt: date("2026-03-30T08:00:00Z"), completedBy: "Kari Nordmann"),
      timeline: [
        .init(at: start, text: "Hendelsen ble registrert (Overvåkning)"),
        .init(at: start.addingTimeInterval(1800), text: "Steg 3 utført\nmed linjeskift (Kari)"),
      ],
      actions: [
        ActionItem(
          source: .postMortem, sourceRef: "INC-2026-007", text: "Varsel ved 80 % disk", owner: "Ola Testmann",
          due: date("2026-04-10T21:59:59Z")),
        ActionItem(
          source: .postMortem, sourceRef: "INC-2026-007", text: "Sjekkliste for migreringer", owner: "Kari Nordmann",
          due: date("2026-03-29T21:59:59Z"), doneAt: date("2026-03-29T10:00:00Z"), doneBy: "Kari Nordmann"),
      ], contact: "Drift, drift@example.org")
  }

  @Test(arguments: [Language.nb, .en])
  func thePostMortemIsWrittenOutWithItsTimelineAndRootCause(_ language: Language) throws {
    let text = Self.document().markdown(language: language, now: Self.date("2026-04-20T10:00:00Z"))
    try check(text, golden: "post-mortem.\(language.rawValue).md")
    #expect(text.contains(language == .nb ? "forfalt 10.04.2026\n" : "overdue 10 Apr 2026\n"))
  }

  @Test(arguments: [Language.nb, .en])
  func theCustomersVersionCarriesNothingInternal(_ language: Language) throws {
    let doc = Self.document()
    let text = doc.customerMarkdown(language: language)
    try check(text, golden: "post-mortem-customer.\(language.rawValue).md")
    for secret in [doc.title, "Ola Testmann", "Primærnoden", "Steg 3", "Intern", "Sjekkliste", "Tekst for"] {
      #expect(!text.contains(secret), "the customers' version shows \(secret)")
    }
    #expect(text.contains("Vi varsler nå før disken blir full."))
  }

  // MARK: The test report

  static func report() -> ExerciseReport {
    let restore = Exercise(
      id: UUID(uuidString: "00000000-0000-0000-0000-000000000001") ?? UUID(), kind: .restoreTest,
      heldAt: date("2026-02-10T09:00:00Z"), scenario: "Gjenopprett gårsdagens kopi i testmiljøet",
      participants: "Kari, Ola", restoreMinutes: 95, dataLossMinutes: 660, outcome: .partly,
      findings: "Nøkkelen lå bare hos én person.\nRutinen manglet et steg.", recordedBy: "Kari Nordmann")
    let tabletop = Exercise(
      id: UUID(uuidString: "00000000-0000-0000-0000-000000000002") ?? UUID(), kind: .tabletop,
      heldAt: date("2026-03-01T12:00:00Z"), scenario: "=HYPERLINK(\"x\") driftsstans, alvorlighet 1",
      participants: "Hele teamet", restoreMinutes: nil, dataLossMinutes: nil, outcome: .passed, findings: "",
      recordedBy: "Ola")
    let now = date("2026-06-01T10:00:00Z")
    return ExerciseReport(
      organisation: "Testfirma AS", from: date("2025-06-01T10:00:00Z"), to: now, exercises: [tabletop, restore],
      actions: [
        restore.id: [
          ActionItem(
            source: .exercise, sourceRef: restore.id.uuidString, text: "Del nøkkelen med en til", owner: "Kari",
            due: date("2026-03-01T22:59:59Z"))
        ]
      ], schedule: ExerciseSchedule.status(plan: .builtIn, exercises: [restore, tabletop], now: now),
      objectives: (rtoMinutes: 240, rpoMinutes: 1440), generatedAt: now)
  }

  @Test(arguments: [Language.nb, .en])
  func theTestReportListsEveryTestWithWhatWasMeasuredAndTheSchedule(_ language: Language) throws {
    let text = Self.report().markdown(language: language)
    try check(text, golden: "exercise-report.\(language.rawValue).md")
    // The restore test of 10 February was due again 10 May: overdue on 1 June.
    #expect(
      text.contains(
        language == .nb ? "| Gjenopprettingstest | 3 mnd. | 10.02.2026 | 10.05.2026 | **Forfalt** |" : "**Overdue**"))
  }

  @Test func theTestReportsSpreadsheetQuotesAndDisarmsFormulas() throws {
    let csv = Self.report().csv()
    try check(csv, golden: "exercise-report.csv")
    #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\") driftsstans, alvorlighet 1\""))
    #expect(csv.contains("\"Nøkkelen lå bare hos én person.\nRutinen manglet et steg.\""))
    #expect(csv.split(separator: "\r\n").count == 3)
  }
}
