import BeredskapCore
import BeredskapStore
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Backup jobs: runs reported by the API, the /backups page, the dashboard
/// alert and one e-mail alert per overdue spell.
@Suite(.serialized) struct BackupWebTests {
  static let plan = PlanFile.load(
    yaml: """
      version: 1
      organisation:
        name: Min organisasjon
      roles:
        - id: ops
          title: Drift
          people: [{name: Ola Drift, email: ola@example.org}]
      backups:
        - id: app-db
          what: Kundedatabasen
          where: Objektlager
          every_hours: 24
          at: "03:00"
          retention_days: 30
          encrypted: true
          restore_roles: [ops]
          owner: ops
      """
  ).plan!

  func post(_ h: WebHarness, _ role: Role?, _ job: String, _ json: String) async throws -> TestingHTTPResponse {
    let (headers, body) = h.json(role, json)
    return try await h.app.testing().sendRequest(.POST, "/api/v1/backups/\(job)/runs", headers: headers, body: body)
  }

  @Test func aJobReportsItsRunsThroughTheAPIOnTheAuditTrail() async throws {
    try await withWeb(plan: Self.plan) { h in
      var res = try await post(
        h, .responder, "app-db",
        #"{"status":"ok","size_bytes":1234567890,"sha256":"\#(String(repeating: "AB", count: 32))","finished_at":"2026-11-23T03:10:00+01:00"}"#
      )
      #expect(res.status == .created)
      let run = try JSONValue.parse(Data(res.body.string.utf8))
      #expect(res.body.string.contains(#""finished_at":"2026-11-23T02:10:00Z""#))
      #expect(res.body.string.contains(String(repeating: "ab", count: 32)))
      #expect(res.body.string.contains(#""reported_by":"Test Responder""#))
      _ = run
      let audit = try await (h.db as! any SQLDatabase).raw(
        "SELECT subject, fields FROM audit_entries WHERE action = 'backup.run'"
      ).all()
      #expect(audit.count == 1)
      #expect(try audit.first?.decode(column: "subject", as: String.self) == "backup:app-db")

      // Without finished_at the run finished now.
      res = try await post(h, .admin, "app-db", #"{"status":"failed"}"#)
      #expect(res.status == .created && res.body.string.contains("2026-11-23T10:00:00Z"))

      // Roles: a viewer reads, never reports; no token is 401.
      #expect(try await post(h, .viewer, "app-db", #"{"status":"ok"}"#).status == .forbidden)
      #expect(try await post(h, nil, "app-db", #"{"status":"ok"}"#).status == .unauthorized)

      // An unknown job names the known ones.
      res = try await post(h, .responder, "nope", #"{"status":"ok"}"#)
      #expect(res.status == .notFound && res.body.string.contains("known: beredskap, app-db"))
      #expect(res.headers.contentType?.description.contains("problem+json") == true)

      // Each bad field is named.
      res = try await post(
        h, .responder, "app-db",
        #"{"status":"done","size_bytes":-1,"sha256":"xyz","finished_at":"2026-11-24T10:00:00Z","extra":1}"#)
      #expect(res.status == .unprocessableEntity)
      for field in ["status", "size_bytes", "sha256", "finished_at", "extra"] {
        #expect(res.body.string.contains(#""field":"\#(field)""#), "\(field)")
      }
      res = try await post(h, .responder, "app-db", #"{"status":"ok","size_bytes":1.5}"#)
      #expect(res.status == .unprocessableEntity && res.body.string.contains("size_bytes"))
      res = try await post(h, .responder, "app-db", #"{"status":"ok","size_bytes":1e300}"#)
      #expect(res.status == .unprocessableEntity && res.body.string.contains("size_bytes"))
      #expect(try await rows(h.db, "backup_runs") == 2)
    }
  }

  @Test func anOverdueJobIsShownOnTheBackupsPageAndTheDashboard() async throws {
    // 24 November 05:01 Oslo time: today's 03:00 copy plus two hours' grace has not come.
    try await withWeb(now: Timestamp.parse("2026-11-24T04:01:00Z")!, plan: Self.plan) { h in
      var dash = try await h.app.testing().sendRequest(.GET, "/", headers: h.headers(.viewer))
      // Before any run: Beredskap's own backup has never been taken.
      #expect(dash.body.string.contains("Beredskaps egen database: ingen vellykket kopi er meldt"))
      _ = try await post(
        h, .responder, "app-db", #"{"status":"ok","size_bytes":1400000000,"finished_at":"2026-11-23T02:05:00Z"}"#)
      _ = try await post(h, .responder, "beredskap", #"{"status":"ok","finished_at":"2026-11-24T02:10:00Z"}"#)
      let page = try await h.app.testing().sendRequest(.GET, "/backups", headers: h.headers(.viewer))
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("Kundedatabasen") && html.contains("Hver dag kl. 03:00") && html.contains("1,4 GB"))
      #expect(html.contains("Forsinket: neste kopi skulle vært ferdig 24.11.2026 kl. 03:00"))
      #expect(html.contains("I rute. Neste skal være ferdig innen 25.11.2026 kl. 03:00"))
      #expect(html.contains("Drift"))  // who may restore, by the role's title
      dash = try await h.app.testing().sendRequest(.GET, "/", headers: h.headers(.viewer))
      #expect(dash.body.string.contains("Sikkerhetskopier som trenger tilsyn"))
      #expect(dash.body.string.contains("Kundedatabasen: forsinket, siste vellykkede kopi 23.11.2026 kl. 03:05"))
      #expect(!dash.body.string.contains("Beredskaps egen database: ingen"))
    }
  }

  final class Recorder: Notifier, @unchecked Sendable {
    let lock = NSLock()
    var alerts: [BackupAlert] = []
    func deliver(_ reminder: ReminderRepository.Due, app: Application) async {}
    func deliverBackupAlert(_ alert: BackupAlert, app: Application) async { lock.withLock { alerts.append(alert) } }
  }

  @Test func theOwnerIsAlertedOncePerOverdueSpellAcrossInstances() async throws {
    let clock = TestClock(Timestamp.parse("2026-11-23T10:00:00Z")!)
    try await withWeb(plan: Self.plan, clock: clock) { h in
      _ = try await post(h, .responder, "app-db", #"{"status":"ok","finished_at":"2026-11-23T02:05:00Z"}"#)
      let recorder = Recorder()
      let a = ReminderScheduler(interval: 30, notifiers: [recorder])
      let b = ReminderScheduler(interval: 30, notifiers: [recorder])
      await a.tick(h.app)
      // Beredskap's own job has never run: shown on the dashboard, not mailed.
      #expect(recorder.alerts.isEmpty)
      clock.advance(19 * 3600 + 60)
      await a.tick(h.app)
      await b.tick(h.app)
      await a.tick(h.app)
      #expect(recorder.alerts.map(\.status.job.id) == ["app-db"])
      // A good run ends the spell; the next overdue spell alerts again.
      _ = try await post(h, .responder, "app-db", #"{"status":"ok"}"#)
      await b.tick(h.app)
      #expect(recorder.alerts.count == 1)
      clock.advance(27 * 3600)
      await b.tick(h.app)
      await a.tick(h.app)
      #expect(recorder.alerts.map(\.status.job.id) == ["app-db", "app-db"])
      let (subject, body) = BackupAlerts.text(recorder.alerts[0], plan: Self.plan)
      #expect(subject == "Sikkerhetskopi forsinket: Kundedatabasen")
      #expect(body.contains("Siste vellykkede kopi er fra 23.11.2026 kl. 03:05"))
    }
  }
}
