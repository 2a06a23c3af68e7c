import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// The assessment route of contracts.md, the clocks it starts, and stopping them.
@Suite(.serialized) struct AssessmentWebTests {
  static let leak = """
    {"schema":"beredskap.breach-facts/1","became_aware_at":"2026-11-23T08:00:00+01:00","nature":["confidentiality"],
     "data_categories":["identity","contact","national_id"],"data_subjects":23,"recipients":"public","cause":"accidental"}
    """

  func incident(_ h: WebHarness) async throws -> String {
    let (headers, body) = h.json(
      .responder,
      #"{"title":"API-nøkkel lekket","severity":1,"discovered_at":"2026-11-23T07:30:00Z","discovered_by":"monitoring"}"#
    )
    let res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
    return "INC-2026-001" == res.body.string.firstMatch(of: /"number":"([^"]+)"/).map { String($0.1) }
      ? "INC-2026-001" : ""
  }

  @Test func anAssessmentStartsTheClocksAndTheNewestDrivesThem() async throws {
    try await withWeb { h in
      let number = try await incident(h)
      var (headers, body) = h.json(.responder, Self.leak)
      let res = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      #expect(res.status == .created)
      let a = res.body.string
      #expect(a.contains(#""schema":"beredskap.assessment/1""#))
      #expect(a.contains(#""notify_authority":true"#) && a.contains(#""notify_subjects":true"#))
      // Aware 07:00 UTC; 72 h later.
      #expect(a.contains(#""due":"2026-11-26T07:00:00Z""#))

      let dashboard = try await h.app.testing().sendRequest(.GET, "/", headers: h.headers(.viewer))
      // The internal notification (1 h) is overdue, but the dashboard leads with the legal
      // duty: the authority, 2 d 21 t left.
      #expect(dashboard.body.string.contains("2 d 21 t igjen"))
      #expect(dashboard.body.string.contains("Meld til Datatilsynet innen 72 timer"))
      let page0 = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      // On the incident page every clock shows, the overdue one in red.
      #expect(page0.body.string.contains("clock clock-overdue"))
      #expect(page0.body.string.contains("2 t 0 min over fristen"))

      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Meld til Datatilsynet innen 72 timer"))
      #expect(page.body.string.contains("2 d 21 t igjen"))
      #expect(page.body.string.contains("Fødselsnummer eller annet ID-nummer er berørt"))

      // A re-assessment: the data turned out to be encrypted with a safe key. The authority clock stops being required.
      let safer = Self.leak.replacingOccurrences(
        of: #""cause":"accidental""#, with: #""cause":"accidental","protection":"encrypted""#)
      (headers, body) = h.json(.responder, safer)
      let again = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      #expect(again.body.string.contains(#""notify_authority":false"#))
      let clocks = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(number)/clocks", headers: h.headers(.viewer, api: true))
      #expect(
        clocks.body.string.contains(#""kind":"authority""#) && clocks.body.string.contains(#""state":"not_required""#))
      let timeline = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      #expect(timeline.body.string.contains("Endrede opplysninger: protection"))
      #expect(timeline.body.string.contains("Melding til Datatilsynet: Ja → Nei"))
      let history = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(number)/assessments", headers: h.headers(.viewer, api: true))
      #expect(history.body.string.components(separatedBy: "beredskap.assessment/1").count == 3)
    }
  }

  @Test func invalidFactsNameTheFieldAndWriteNothing() async throws {
    try await withWeb { h in
      let number = try await incident(h)
      // The incident's provisional clocks (assess, authority) run from registration.
      let dutiesBefore = try await rows(h.db, "duties")
      #expect(dutiesBefore == 2)
      let (headers, body) = h.json(
        .responder, #"{"schema":"beredskap.breach-facts/1","nature":[],"data_subjects":"many"}"#)
      let res = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      for field in ["became_aware_at", "nature", "data_categories", "data_subjects"] {
        #expect(res.body.string.contains(#""field":"\#(field)""#), "missing \(field)")
      }
      let assessments = try await rows(h.db, "assessments")
      let duties = try await rows(h.db, "duties")
      #expect(assessments == 0 && duties == dutiesBefore)
    }
  }

  @Test func aLateAuthorityNotificationNeedsAReason() async throws {
    try await withWeb(now: Timestamp.parse("2026-11-27T10:00:00Z")!) { h in
      let number = try await incident(h)
      var (headers, body) = h.json(.responder, Self.leak)
      _ = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      // Through the page: no reason → an error at the field, nothing stopped.
      var form = h.form(.responder, ["done_at": "2026-11-27T10:30", "reference": "DT-2026-123"])
      let bad = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(number)/clocks/authority/done", headers: form.0, body: form.1)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("Hvorfor ble det sent må fylles ut"))
      #expect(bad.body.string.contains("DT-2026-123"), "what was typed is kept")
      form = h.form(
        .responder,
        [
          "done_at": "2026-11-27T10:30", "reference": "DT-2026-123",
          "delay_reason": "Vi ventet på loggene fra leverandøren.",
        ])
      let ok = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(number)/clocks/authority/done", headers: form.0, body: form.1)
      #expect(ok.status == .seeOther)
      let clocks = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(number)/clocks", headers: h.headers(.viewer, api: true))
      #expect(clocks.body.string.contains(#""reference":"DT-2026-123""#))
      #expect(clocks.body.string.contains(#""done_by":"Test Responder""#))
      // Once stopped, it stays stopped.
      (headers, body) = h.json(.responder, #"{"reference":"again"}"#)
      let twice = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/clocks/authority/done", headers: headers, body: body)
      #expect(twice.status == .conflict)
    }
  }
}

@Suite(.serialized) struct PhasedNotificationTests {
  @Test func anInitialNotificationStopsTheClockAndAFollowUpRunsUntilComplete() async throws {
    try await withWeb { h in
      let number = try await AssessmentWebTests().incident(h)
      var (headers, body) = h.json(.responder, AssessmentWebTests.leak)
      _ = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      (headers, body) = h.json(
        .responder, #"{"reference":"DT-2026-77","complete":false,"content":"Første melding: omfang ennå ukjent."}"#)
      let first = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/clocks/authority/done", headers: headers, body: body)
      #expect(first.status == .ok)
      #expect(first.body.string.contains(#""kind":"authority""#) && first.body.string.contains(#""state":"done""#))
      #expect(first.body.string.contains(#""kind":"authority_followup""#))
      #expect(first.body.string.contains(#""due":"2026-11-30T10:00:00Z""#), "follow-up: 7 days from the first phase")
      // A second partial phase keeps the follow-up running; the third completes it.
      (headers, body) = h.json(.responder, #"{"complete":false,"content":"Antall berørte: 23."}"#)
      _ = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/clocks/authority_followup/done", headers: headers, body: body)
      (headers, body) = h.json(.responder, #"{"complete":true,"content":"Tiltak og konsekvenser."}"#)
      let last = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/clocks/authority_followup/done", headers: headers, body: body)
      // Done: the provisional assessment clock, the authority's, the follow-up.
      #expect(last.body.string.components(separatedBy: #""state":"done""#).count == 4)
      let phases = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(number)/notifications", headers: h.headers(.viewer, api: true))
      let text = phases.body.string
      #expect(text.contains(#""phase":1"#) && text.contains(#""phase":3"#))
      #expect(text.contains("Første melding: omfang ennå ukjent.") && text.contains(#""reference":"DT-2026-77""#))
      #expect(text.components(separatedBy: #""complete":false"#).count == 3)
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Melding sendt"))
      // Only the authority's notification comes in phases.
      (headers, body) = h.json(.responder, #"{"complete":false}"#)
      let wrong = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/clocks/log/done", headers: headers, body: body)
      #expect(wrong.status == .unprocessableEntity)
    }
  }
}
