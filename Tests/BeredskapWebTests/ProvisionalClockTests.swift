import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// No deadline slips before the assessment: from registration the plan's
/// «assess within» clock and a provisional 72 hours run from discovery; an
/// assessment replaces them; closing with a legal duty unmet needs a reason.
@Suite(.serialized) struct ProvisionalClockTests {
  func register(_ h: WebHarness) async throws -> String {
    let (headers, body) = h.json(
      .responder,
      #"{"title":"Kundeliste sendt til feil mottaker","severity":2,"discovered_at":"2026-11-23T07:00:00Z","discovered_by":"Kari"}"#
    )
    let res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
    return res.body.string.firstMatch(of: /"number":"([^"]+)"/).map { String($0.1) } ?? ""
  }

  func clocks(_ h: WebHarness, _ number: String) async throws -> String {
    try await h.app.testing().sendRequest(
      .GET, "/api/v1/incidents/\(number)/clocks", headers: h.headers(.viewer, api: true)
    ).body.string
  }

  @Test func clocksRunFromRegistrationUntilAnAssessmentReplacesThem() async throws {
    try await withWeb { h in
      let number = try await register(h)
      let before = try await clocks(h, number)
      // Discovered 07:00 UTC: assess by 09:00 (the plan's 2 hours), the authority by 72 h later.
      #expect(before.contains(#""kind":"assessment""#) && before.contains(#""due":"2026-11-23T09:00:00Z""#))
      #expect(before.contains(#""kind":"authority""#) && before.contains(#""due":"2026-11-26T07:00:00Z""#))
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Foreløpig: hvis dette er et personvernbrudd"))
      #expect(page.body.string.contains("Vurder om dette er et personvernbrudd"))
      #expect(!page.body.string.contains("the plan"), "the article is said in bokmål")
      let dashboard = try await h.app.testing().sendRequest(.GET, "/", headers: h.headers(.viewer))
      #expect(dashboard.body.string.contains("Foreløpig: hvis dette er et personvernbrudd"))

      // Became aware 08:00: the assessed deadline replaces the provisional one; the assess clock stops.
      let (headers, body) = h.json(
        .responder,
        #"{"schema":"beredskap.breach-facts/1","became_aware_at":"2026-11-23T08:00:00Z","nature":["confidentiality"],"data_categories":["identity","financial"],"data_subjects":40,"recipients":"known","recipients_count":1,"cause":"accidental","exfiltration":"confirmed"}"#
      )
      _ = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      let after = try await clocks(h, number)
      #expect(after.contains(#""due":"2026-11-26T08:00:00Z""#))
      #expect(!after.contains(#""due":"2026-11-26T07:00:00Z""#))
      #expect(after.contains(#""kind":"assessment""#) && after.contains(#""state":"done""#))
    }
  }

  @Test func anAssessmentThatFindsNoRiskStopsTheProvisionalDeadline() async throws {
    try await withWeb { h in
      let number = try await register(h)
      let (headers, body) = h.json(
        .responder,
        #"{"schema":"beredskap.breach-facts/1","became_aware_at":"2026-11-23T08:00:00Z","nature":["availability"],"data_categories":["identity"],"data_subjects":40,"backup_available":true,"restore_hours":1}"#
      )
      _ = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      let after = try await clocks(h, number)
      #expect(after.contains(#""state":"not_required""#))
    }
  }

  @Test func closingWithALegalDutyUnmetNeedsAReasonKeptOnTheTimeline() async throws {
    try await withWeb { h in
      let number = try await register(h)
      var (headers, body) = h.json(.responder, #"{"status":"closed"}"#)
      var res = try await h.app.testing().sendRequest(
        .PATCH, "/api/v1/incidents/\(number)", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("close_reason") && res.body.string.contains("authority"))
      (headers, body) = h.json(
        .responder, #"{"status":"closed","close_reason":"Ikke personopplysninger: bare testdata i listen."}"#)
      res = try await h.app.testing().sendRequest(.PATCH, "/api/v1/incidents/\(number)", headers: headers, body: body)
      #expect(res.status == .ok)
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Ikke personopplysninger: bare testdata i listen."))

      // In the browser form the same rule shows as a field error.
      let other = try await register(h)
      let (formHeaders, formBody) = h.form(
        .responder,
        [
          "title": "Kundeliste sendt til feil mottaker", "severity": "2", "status": "closed",
          "discovered_at": "2026-11-23T08:00", "discovered_by": "Kari",
        ])
      let form = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(other)", headers: formHeaders, body: formBody)
      #expect(form.status == .unprocessableEntity)
      #expect(form.body.string.contains("Skriv hvorfor hendelsen lukkes før pliktene er oppfylt"))
      #expect(form.body.string.contains("meldingen til Datatilsynet"))
    }
  }

  @Test func aDutyCannotBeMetBeforeTheIncidentWasDiscovered() async throws {
    try await withWeb { h in
      let number = try await register(h)
      let (headers, body) = h.json(.responder, #"{"done_at":"1990-01-01T00:00:00Z"}"#)
      let res = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/clocks/authority/done", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("done_at"))
      #expect(try await clocks(h, number).contains(#""state":"done""#) == false)
    }
  }
}
