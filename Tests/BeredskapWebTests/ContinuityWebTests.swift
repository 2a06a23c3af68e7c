import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Runbooks on an incident, the post-mortem and its action items, tests on
/// record and what the dashboard warns about, through the pages.
@Suite(.serialized) struct ContinuityWebTests {
  static func outage(_ h: WebHarness, severity: Int = 1) async throws -> String {
    let (headers, body) = h.json(
      .responder,
      #"{"title":"Databasen svarer ikke","summary":"Intern: disken på primærnoden er full.","severity":\#(severity),"discovered_at":"2026-11-23T07:30:00Z","discovered_by":"monitoring"}"#
    )
    let res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
    #expect(res.status == .created)
    let count = try await rows(h.db, "incidents")
    return "INC-2026-" + String(repeating: "0", count: 3 - String(count).count) + String(count)
  }

  /// Moves the clock on by days; the test's sign-ins (12 h) are kept alive.
  static func later(_ h: WebHarness, _ clock: TestClock, seconds: TimeInterval) async throws {
    clock.advance(seconds)
    try await BrowserSessionRecord.query(on: h.db).set(\.$expiresAt, to: clock.now.addingTimeInterval(3600)).update()
  }

  static func page(_ h: WebHarness, _ path: String, _ role: Role = .viewer) async throws -> String {
    try await h.app.testing().sendRequest(.GET, path, headers: h.headers(role)).body.string
  }

  static func post(_ h: WebHarness, _ path: String, _ fields: [String: String], _ role: Role = .responder)
    async throws -> HTTPResponseStatus
  {
    let (headers, body) = h.form(role, fields)
    return try await h.app.testing().sendRequest(.POST, path, headers: headers, body: body).status
  }

  @Test func aRunbookBecomesAChecklistWhoseTicksGoOnTheTimelineWithTimeAgainstTheEstimate() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h in
      let n = try await Self.outage(h)
      var page = try await Self.page(h, "/incidents/\(n)", .responder)
      #expect(page.contains("Ingen prosedyre er tatt i bruk"))
      #expect(page.contains("<option value=\"database\">Databasen er ødelagt eller tapt (anslått 1 t 40 min)</option>"))

      #expect(try await Self.post(h, "/incidents/\(n)/runbooks", ["runbook": "nope"]) == .unprocessableEntity)
      #expect(try await Self.post(h, "/incidents/\(n)/runbooks", ["runbook": "database"], .viewer) == .forbidden)
      #expect(try await Self.post(h, "/incidents/\(n)/runbooks", ["runbook": "database"]) == .seeOther)
      page = try await Self.page(h, "/incidents/\(n)")
      #expect(page.contains("0 av 8 steg utført"))
      #expect(page.contains("Prosedyre tatt i bruk"))

      // The first step is estimated at 5 minutes; ticked after 3 it is on time, the second after 20 is late.
      clock.advance(3 * 60)
      #expect(try await Self.post(h, "/incidents/\(n)/runbooks/database/steps/1", ["done": "true"]) == .seeOther)
      clock.advance(17 * 60)
      #expect(try await Self.post(h, "/incidents/\(n)/runbooks/database/steps/2", ["done": "true"]) == .seeOther)
      page = try await Self.page(h, "/incidents/\(n)")
      #expect(page.contains("2 av 8 steg utført"))
      #expect(page.contains("brukt 20 min av anslått 1 t 40 min"))
      #expect(page.contains("Steg 1 utført (Databasen er ødelagt eller tapt)"))
      #expect(page.contains("Steg 2 utført (Databasen er ødelagt eller tapt) – forsinket"))
      #expect(!page.contains("Steg 1 utført (Databasen er ødelagt eller tapt) – forsinket"))
      #expect(page.contains("Utført 23.11.2026 kl. 11:03 av"))

      // Undo is on the timeline too; steps out of range or not numbers are not found.
      #expect(try await Self.post(h, "/incidents/\(n)/runbooks/database/steps/2", ["done": "false"]) == .seeOther)
      #expect(try await Self.page(h, "/incidents/\(n)").contains("Steg 2 angret"))
      for bad in ["0", "9", "-1", "99999999999999999999", "abc", "1e3"] {
        #expect(try await Self.post(h, "/incidents/\(n)/runbooks/database/steps/\(bad)", ["done": "true"]) == .notFound)
      }
      #expect(try await Self.post(h, "/incidents/\(n)/runbooks/dns/steps/1", ["done": "true"]) == .notFound)
      // The trail has each tick.
      let actions = try await AuditEntryRecord.query(on: h.db).all().map(\.action)
      #expect(actions.filter { $0 == "runbook.tick" }.count == 2)
      #expect(actions.filter { $0 == "runbook.untick" }.count == 1)
    }
  }

  @Test func aResolvedSeverityOneIncidentOwesAPostMortemWithinSevenDaysAndTheCustomersVersionHidesInternals()
    async throws
  {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h in
      let n = try await Self.outage(h)
      var page = try await Self.page(h, "/incidents/\(n)")
      #expect(page.contains("Ikke påkrevd for denne hendelsen"))
      let (headers, body) = h.json(.responder, #"{"status":"resolved"}"#)
      let res = try await h.app.testing().sendRequest(.PATCH, "/api/v1/incidents/\(n)", headers: headers, body: body)
      #expect(res.status == .ok)
      page = try await Self.page(h, "/incidents/\(n)")
      #expect(page.contains("Etterarbeidet skal være ferdig innen 30.11.2026 kl. 11:00."))

      // Completing needs every field; the missing ones are named at the fields.
      var status = try await Self.post(
        h, "/incidents/\(n)/post-mortem", ["summary": "Disken ble full.", "action": "complete"])
      #expect(status == .unprocessableEntity)
      var fields: [String: String] = [:]
      for f in PostMortem.Field.allCases { fields[f.rawValue] = "Skrevet: \(f.rawValue)." }
      fields["human_error"] = "Intern: Ola Testmann hoppet over sjekken."
      fields["customer_summary"] = "Tjenesten var nede i to timer."
      fields["customer_prevention"] = "Vi varsler før disken blir full."
      status = try await Self.post(h, "/incidents/\(n)/post-mortem", fields)
      #expect(status == .seeOther)
      // An action item with an owner and a date; a bad date is named.
      status = try await Self.post(
        h, "/incidents/\(n)/post-mortem/actions", ["text": "Diskvarsel", "owner": "Kari", "due": "2026-02-30"])
      #expect(status == .unprocessableEntity)
      status = try await Self.post(
        h, "/incidents/\(n)/post-mortem/actions", ["text": "Diskvarsel ved 80 %", "owner": "Kari", "due": "2026-11-25"])
      #expect(status == .seeOther)
      status = try await Self.post(h, "/incidents/\(n)/post-mortem", ["action": "complete"])
      #expect(status == .seeOther)
      page = try await Self.page(h, "/incidents/\(n)/post-mortem")
      #expect(page.contains("Etterarbeidet ble ferdig 23.11.2026 kl. 11:00."))

      let customer = try await Self.page(h, "/incidents/\(n)/post-mortem/customer")
      #expect(customer.contains("Tjenesten var nede i to timer."))
      for secret in ["Ola Testmann", "Databasen svarer ikke", "disken på primærnoden", "Diskvarsel", "Skrevet:"] {
        #expect(!customer.contains(secret), "the customers' version shows \(secret)")
      }
      let markdown = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(n)/post-mortem/markdown", headers: h.headers(.viewer))
      #expect(markdown.headers.first(name: .contentDisposition) == "attachment; filename=\"etterarbeid-\(n).md\"")
      #expect(markdown.body.string.contains("- Diskvarsel ved 80 % — Kari, frist 25.11.2026"))
      #expect(markdown.body.string.contains("Etterarbeidet er oppdatert"))

      // Two days later the action item is overdue: on the dashboard and the list; done, it is gone.
      try await Self.later(h, clock, seconds: 3 * 86_400)
      var dashboard = try await Self.page(h, "/")
      #expect(dashboard.contains("1 tiltak har passert fristen."))
      let actions = try await Self.page(h, "/actions")
      #expect(actions.contains("Forfalt"))
      let item = try #require(try await ActionItemRepository(db: h.db).all().first)
      #expect(try await Self.post(h, "/actions/\(item.id.uuidString)/done", ["back": "//evil.example"]) == .seeOther)
      #expect(try await Self.post(h, "/actions/not-a-uuid/done", [:]) == .notFound)
      dashboard = try await Self.page(h, "/")
      #expect(!dashboard.contains("tiltak har passert fristen"))
      #expect(try await Self.page(h, "/incidents/\(n)").contains("Tiltak utført"))
    }
  }

  @Test func completingThePostMortemOfABreachMeetsThePlansReviewClock() async throws {
    try await withWeb { h in
      let n = try await Self.outage(h)
      let facts = """
        {"schema":"beredskap.breach-facts/1","role":"controller","became_aware_at":"2026-11-23T08:00:00Z",
         "nature":["confidentiality"],"data_categories":["identity","contact"],"data_subjects":40,
         "recipients":"unknown","cause":"malicious"}
        """
      let (headers, body) = h.json(.responder, facts)
      let res = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(n)/assessments", headers: headers, body: body)
      #expect(res.status == .created)
      let review = { () async throws -> DutyRecord? in
        try await DutyRecord.query(on: h.db).filter(\.$kind == PostMortemRepository.reviewClock).first()
      }
      #expect(try await review()?.doneAt == nil)
      var fields: [String: String] = ["action": "complete"]
      for f in PostMortem.Field.allCases { fields[f.rawValue] = "Skrevet: \(f.rawValue)." }
      #expect(try await Self.post(h, "/incidents/\(n)/post-mortem", fields) == .seeOther)
      #expect(try await review()?.doneAt == fixedNow)
      let page = try await Self.page(h, "/incidents/\(n)")
      #expect(page.contains("Frist utført"))
      let audit = try await AuditEntryRecord.query(on: h.db).filter(\.$action == "post_mortem.complete").first()
      #expect(audit?.fields.contains("post_incident_review") == true)
    }
  }

  @Test func anUnwrittenPostMortemIsOverdueOnTheDashboardAfterSevenDays() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h in
      let n = try await Self.outage(h, severity: 2)
      let (headers, body) = h.json(.responder, #"{"status":"resolved"}"#)
      _ = try await h.app.testing().sendRequest(.PATCH, "/api/v1/incidents/\(n)", headers: headers, body: body)
      #expect(!(try await Self.page(h, "/")).contains("Etterarbeidet for \(n)"))
      try await Self.later(h, clock, seconds: 168 * 3600 + 60)
      #expect(try await Self.page(h, "/").contains("Etterarbeidet for \(n) er forfalt (frist 30.11.2026 kl. 11:00)."))
      let low = try await Self.outage(h, severity: 3)
      _ = try await h.app.testing().sendRequest(.PATCH, "/api/v1/incidents/\(low)", headers: headers, body: body)
      try await Self.later(h, clock, seconds: 30 * 86_400)
      #expect(!(try await Self.page(h, "/")).contains("Etterarbeidet for \(low)"))
    }
  }

  @Test func testsAreRecordedWithTheirFindingsAndTheScheduleWarnsWhenOneIsDue() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h in
      var dashboard = try await Self.page(h, "/")
      #expect(dashboard.contains("Gjenopprettingstest er aldri registrert."))
      #expect(dashboard.contains("Skrivebordsøvelse er aldri registrert."))

      var fields = [
        "kind": "restore_test", "held_at": "2026-11-20T09:00", "scenario": "Gjenopprett gårsdagens kopi",
        "participants": "Kari, Ola", "restore_minutes": "1e300", "data_loss_minutes": "-5", "outcome": "partly",
        "findings": "",
      ]
      var status = try await Self.post(h, "/exercises", fields)
      #expect(status == .unprocessableEntity)
      let res = try await h.app.testing().sendRequest(
        .POST, "/exercises", headers: h.form(.responder, fields).0, body: h.form(.responder, fields).1)
      #expect(res.body.string.contains("Skriv et helt antall minutter fra 0 til 43 200"))
      #expect(res.body.string.contains("Skriv hva som ikke virket"))
      #expect(try await rows(h.db, "exercises") == 0)

      fields["restore_minutes"] = "95"
      fields["data_loss_minutes"] = "660"
      fields["findings"] = "Nøkkelen lå bare hos én person."
      fields["action_text"] = "Del nøkkelen med en til"
      fields["action_owner"] = "Kari"
      fields["action_due"] = "2026-12-15"
      status = try await Self.post(h, "/exercises", fields)
      #expect(status == .seeOther)
      #expect(try await Self.post(h, "/exercises", fields, .viewer) == .forbidden)
      let list = try await Self.page(h, "/exercises")
      #expect(list.contains("Gjenopprettingstest · Delvis bestått"))
      #expect(list.contains("20.02.2027"))
      dashboard = try await Self.page(h, "/")
      #expect(!dashboard.contains("Gjenopprettingstest er aldri registrert."))
      #expect(dashboard.contains("Skrivebordsøvelse er aldri registrert."))
      #expect(try await Self.page(h, "/actions").contains("Del nøkkelen med en til"))

      let report = try await Self.page(h, "/exercises/report")
      #expect(report.contains("<td>Gjenopprettingstest</td><td>Delvis bestått</td><td>1 t 35 min</td><td>11 t</td>"))
      let md = try await h.app.testing().sendRequest(.GET, "/exercises/report?format=md", headers: h.headers(.viewer))
      #expect(
        md.body.string.contains("| 20.11.2026 | Gjenopprettingstest | Delvis bestått | 1 t 35 min | 11 t | 0/1 |"))
      let csv = try await h.app.testing().sendRequest(
        .GET, "/exercises/report?format=csv&from=2026-01-01&to=2026-12-31", headers: h.headers(.viewer))
      #expect(csv.headers.contentType?.subType == "csv")
      #expect(csv.body.string.contains("2026-11-20T08:00:00Z,restore_test,partly,Gjenopprett gårsdagens kopi"))
      let empty = try await h.app.testing().sendRequest(
        .GET, "/exercises/report?format=md&from=2025-01-01&to=2025-12-31", headers: h.headers(.viewer))
      #expect(empty.body.string.contains("*Ingen tester i perioden.*"))
      for bad in ["from=x&to=y", "from=99999-01-01", "from=2026-12-31&to=2026-01-01"] {
        let r = try await h.app.testing().sendRequest(.GET, "/exercises/report?\(bad)", headers: h.headers(.viewer))
        #expect(r.status == .ok)
      }

      // Three months on (in Oslo), the restore test is due again.
      try await Self.later(h, clock, seconds: 92 * 86_400)
      #expect(try await Self.page(h, "/").contains("Gjenopprettingstest er forfalt (frist 20.02.2027)."))
    }
  }
}
