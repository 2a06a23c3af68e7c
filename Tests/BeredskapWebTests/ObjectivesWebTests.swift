import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Response stages on the incident page and the continuity figures on
/// `/continuity` and `GET /api/v1/continuity`.
@Suite(.serialized) struct ObjectivesWebTests {
  /// A severity-1 outage discovered 30 minutes before `fixedNow` (10:00Z).
  func outage(_ h: WebHarness, discoveredAt: String = "2026-11-23T09:30:00Z", severity: Int = 1) async throws {
    let (headers, body) = h.json(
      .responder,
      #"{"title":"Innlogging feiler","severity":\#(severity),"discovered_at":"\#(discoveredAt)","discovered_by":"monitoring"}"#
    )
    let res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
    #expect(res.status == .created)
  }

  @Test func theIncidentPageShowsTheStagesAndAResponderMarksOneDoneWithOneButton() async throws {
    try await withWeb { h in
      try await outage(h)
      let n = "INC-2026-001"
      var page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      var html = page.body.string
      #expect(html.contains("Responsfaser"))
      #expect(html.contains("Oppdag (varsel fra overvåking eller kunde)"))
      #expect(html.contains("stage-overdue"), "detect was due 09:45")
      // A viewer reads; only a responder gets the buttons.
      #expect(!html.contains("/stages/detect/done"))
      var (headers, body) = h.form(.viewer, [:])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/stages/detect/done", headers: headers, body: body)
      #expect(res.status == .forbidden)

      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.responder))
      #expect(page.body.string.contains("/incidents/\(n)/stages/detect/done"))
      (headers, body) = h.form(.responder, [:])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/stages/detect/done", headers: headers, body: body)
      #expect(res.status == .seeOther)
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/stages/no_such_stage/done", headers: headers, body: body)
      #expect(res.status == .notFound)
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      html = page.body.string
      #expect(html.contains("Gjort for sent"))
      #expect(html.contains("Gjort 23.11.2026 kl. 11:00 av Test Responder"))
      #expect(html.contains("Responsfase gjort (for sent)"), "on the timeline")
      #expect(!html.contains("/stages/detect/done"))
    }
  }

  @Test func monitoringMarksDetectDoneThroughTheAPI() async throws {
    try await withWeb { h in
      try await outage(h)
      let path = "/api/v1/incidents/INC-2026-001/stages"
      var res = try await h.app.testing().sendRequest(.GET, path, headers: h.headers(.viewer, api: true))
      #expect(res.status == .ok)
      #expect(res.body.string.contains(#""state":"overdue""#))
      res = try await h.app.testing().sendRequest(.POST, path + "/detect/done", headers: h.headers(.viewer, api: true))
      #expect(res.status == .forbidden)
      res = try await h.app.testing().sendRequest(
        .POST, path + "/detect/done", headers: h.headers(.responder, api: true))
      #expect(res.status == .ok)
      let json = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
      let first = (json?["stages"] as? [[String: Any]])?.first
      #expect(first?["state"] as? String == "done_late")
      #expect(first?["done_at"] as? String == "2026-11-23T10:00:00Z")
      res = try await h.app.testing().sendRequest(
        .POST, path + "/detect/done", headers: h.headers(.responder, api: true))
      #expect(res.status == .conflict)
      res = try await h.app.testing().sendRequest(.POST, path + "/nope/done", headers: h.headers(.responder, api: true))
      #expect(res.status == .notFound)
      #expect(res.headers.contentType?.description.contains("problem+json") == true)
    }
  }

  @Test func aBackupJobIsCheckedAndRecordedOnce() async throws {
    try await withWeb { h in
      try await outage(h)
      let n = "INC-2026-001"
      var (headers, body) = h.form(.responder, ["job": "db nightly<script>"])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/backup-restore", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("Sikkerhetskopijobben må ha et navn"))
      #expect(!res.body.string.contains("<script>"))
      (headers, body) = h.form(.responder, ["job": "db-nightly"])
      res = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/backup-restore", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("<strong>db-nightly</strong>"))
    }
  }

  @Test func theAPIReturnsTheFiguresAndResolvingEndsTheRestoreTime() async throws {
    try await withWeb { h in
      try await outage(h, discoveredAt: "2026-11-23T08:00:00Z")
      try await outage(h, discoveredAt: "2026-11-23T09:00:00Z", severity: 3)
      let (headers, body) = h.json(.responder, #"{"status":"resolved"}"#)
      var res = try await h.app.testing().sendRequest(
        .PATCH, "/api/v1/incidents/INC-2026-001", headers: headers, body: body)
      #expect(res.status == .ok)
      res = try await h.app.testing().sendRequest(
        .GET, "/api/v1/continuity?from=2026-11-01&to=2026-11-30", headers: h.headers(.viewer, api: true))
      #expect(res.status == .ok)
      let json = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
      #expect(json?["mttr_hours"] as? Double == 2)
      #expect(json?["mttr_met"] as? Bool == true)
      #expect(json?["mtbf_days"] is NSNull)
      let counts = json?["counts"] as? [String: Any]
      #expect(counts?["incidents"] as? Int == 2)
      #expect(counts?["service_affecting"] as? Int == 1)
      #expect(counts?["rto_met"] as? Int == 1)
      let incidents = json?["incidents"] as? [[String: Any]]
      #expect(incidents?.first?["restored_at"] as? String == "2026-11-23T10:00:00Z")
      #expect(incidents?.first?["title"] == nil, "no titles: they may hold personal data")
      #expect((json?["months"] as? [[String: Any]])?.map { $0["month"] as? String } == ["2026-11"])
      #expect(json?["from"] as? String == "2026-10-31T23:00:00Z")
    }
  }

  @Test func badWindowsAreProblemsNamingTheFieldAndRolesAreChecked() async throws {
    try await withWeb { h in
      for (query, field) in [
        ("from=2026-02-30", "from"), ("to=yesterday", "to"), ("from=2026-05-01&to=2026-04-01", "from"),
        ("from=1990-01-01&to=2026-01-01", "to"),
      ] {
        let res = try await h.app.testing().sendRequest(
          .GET, "/api/v1/continuity?\(query)", headers: h.headers(.viewer, api: true))
        #expect(res.status == .unprocessableEntity, "\(query)")
        #expect(res.headers.contentType?.description.contains("problem+json") == true)
        #expect(res.body.string.contains(#""field":"\#(field)""#), "\(query)")
      }
      let anonymous = try await h.app.testing().sendRequest(.GET, "/api/v1/continuity")
      #expect(anonymous.status == .unauthorized)
    }
  }

  @Test func theContinuityPageShowsFiguresChartsAndATableWithoutJavaScript() async throws {
    try await withWeb { h in
      try await outage(h, discoveredAt: "2026-11-23T08:00:00Z")
      let (headers, body) = h.json(.responder, #"{"status":"resolved"}"#)
      _ = try await h.app.testing().sendRequest(.PATCH, "/api/v1/incidents/INC-2026-001", headers: headers, body: body)
      var res = try await h.app.testing().sendRequest(.GET, "/continuity", headers: h.headers(.viewer))
      #expect(res.status == .ok)
      let html = res.body.string
      #expect(html.contains("Kontinuitet: målene målt"))
      #expect(html.contains("<svg") && html.contains(#"aria-hidden="true""#))
      #expect(html.contains("class=\"chart-target\""), "the RTO line")
      #expect(html.contains("<th scope=\"row\">nov. 26</th>"))
      #expect(html.contains("1 av 1 innenfor målet"))
      #expect(!html.contains("<script"))
      res = try await h.app.testing().sendRequest(.GET, "/continuity?from=31.12.2026", headers: h.headers(.viewer))
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("Fra dato må være en dato"))
      res = try await h.app.testing().sendRequest(.GET, "/continuity")
      #expect(res.status == .seeOther || res.status == .unauthorized || res.status == .found)
    }
  }
}
