import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// The report to Datatilsynet: drafted from the incident, edited per section,
/// exported, and frozen on the notification record when it is sent.
@Suite(.serialized) struct ReportWebTests {
  func incidentWithAssessment(_ h: WebHarness) async throws -> String {
    var (headers, body) = h.json(
      .responder,
      #"{"title":"API-nøkkel lekket","summary":"En nøkkel lå i et offentlig kodelager.","severity":1,"discovered_at":"2026-11-23T07:30:00Z","discovered_by":"monitoring"}"#
    )
    _ = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
    (headers, body) = h.json(.responder, AssessmentWebTests.leak)
    let res = try await h.app.testing().sendRequest(
      .POST, "/api/v1/incidents/INC-2026-001/assessments", headers: headers, body: body)
    #expect(res.status == .created)
    return "INC-2026-001"
  }

  @Test func theReportIsDraftedFromTheIncidentItsAssessmentAndItsMeasures() async throws {
    try await withWeb { h in
      let n = try await incidentWithAssessment(h)
      let (headers, body) = h.form(.responder, ["note": "Nøkkelen er slettet og byttet", "entry": "measure"])
      let saved = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/notes", headers: headers, body: body)
      #expect(saved.status == .seeOther)
      let (h2, b2) = h.form(.responder, ["note": "Skanning av kode før publisering", "entry": "planned"])
      _ = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/notes", headers: h2, body: b2)

      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/report", headers: h.headers(.viewer))
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("En nøkkel lå i et offentlig kodelager."))
      #expect(html.contains("Antall berørte personer (omtrent): 23"))
      #expect(html.contains("Nøkkelen er slettet og byttet"))
      #expect(html.contains("Tiltak vi planlegger:\n- Skanning av kode før publisering"))
      // What the facts cannot say is asked for, not invented.
      #expect(html.contains("Hvem de berørte er for dere"))
      #expect(html.contains("data-copy=\"text-people\""))
      // The timeline shows the measure as such.
      // An enquiry from a person affected goes on the timeline, not into the report.
      let (h3, b3) = h.form(.responder, ["note": "Spurte om fødselsnummeret var med.", "entry": "enquiry"])
      _ = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/notes", headers: h3, body: b3)
      let incident = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      #expect(incident.body.string.contains("Tiltak (planlagt)"))
      #expect(incident.body.string.contains("Henvendelse fra en berørt"))
      let again = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/report", headers: h.headers(.viewer))
      #expect(!again.body.string.contains("Spurte om fødselsnummeret"))

      let api = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(n)/report?format=json", headers: h.headers(.viewer, api: true))
      #expect(api.status == .ok)
      #expect(api.body.string.contains(#""schema":"beredskap.authority-report/1""#))
      #expect(api.body.string.contains(#""id":"consequences""#))
      let md = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(n)/report?format=md&lang=en", headers: h.headers(.viewer, api: true))
      #expect(md.headers.contentType?.subType == "markdown")
      #expect(md.body.string.hasPrefix("# Notification of a personal data breach"))
      let bad = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(n)/report?format=pdf", headers: h.headers(.viewer, api: true))
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("format"))
      let download = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(n)/report/markdown", headers: h.headers(.viewer))
      #expect(download.headers.first(name: .contentDisposition)?.contains("melding-INC-2026-001-1.md") == true)
    }
  }

  @Test func anEditedSectionIsKeptUntilResetAndTheAuditTrailHoldsItsHash() async throws {
    try await withWeb { h in
      let n = try await incidentWithAssessment(h)
      let text = "23 kandidater som har søkt jobb gjennom oss."
      var (headers, body) = h.form(.responder, ["text": text, "action": "save"])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/sections/people", headers: headers, body: body)
      #expect(res.status == .seeOther)
      var page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/report", headers: h.headers(.viewer))
      #expect(page.body.string.contains(text))
      #expect(page.body.string.contains("Skrevet om av Test Responder"))
      #expect(!page.body.string.contains("Hvem de berørte er for dere"))
      let digest = AuditLog.digest(text)
      let audit = try await AuditEntryRecord.query(on: h.db).all()
      #expect(audit.contains { $0.action == AuditAction.reportSectionEdit.rawValue && $0.fields.contains(digest) })
      #expect(!audit.contains { $0.fields.contains("kandidater") })

      // An empty text is refused at the field; nothing changes.
      (headers, body) = h.form(.responder, ["text": "  ", "action": "save"])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/sections/people", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("Skriv en tekst"))

      (headers, body) = h.form(.responder, ["action": "reset"])
      _ = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/sections/people", headers: headers, body: body)
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/report", headers: h.headers(.viewer))
      #expect(!page.body.string.contains(text))

      // Unknown sections and viewers are refused.
      (headers, body) = h.form(.responder, ["text": "x", "action": "save"])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/sections/nonsense", headers: headers, body: body)
      #expect(res.status == .notFound)
      (headers, body) = h.form(.viewer, ["text": "x", "action": "save"])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/sections/people", headers: headers, body: body)
      #expect(res.status == .forbidden)
    }
  }

  @Test func sendingFreezesTheTextStopsTheClockAndAFollowUpGetsItsOwnReport() async throws {
    try await withWeb { h in
      let n = try await incidentWithAssessment(h)
      var (headers, body) = h.form(
        .responder, ["sent_at": "2026-11-23T10:50", "reference": "DT-2026-77", "incomplete": "on"])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/send", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let phases = try await AssessmentRepository(db: h.db).phases(try #require(IncidentNumber(n)))
      #expect(phases.count == 1)
      let frozen = try #require(phases.first?.content)
      #expect(frozen.hasPrefix("# Melding om brudd på personopplysningssikkerheten"))
      #expect(frozen.contains("Antall berørte personer (omtrent): 23"))
      #expect(phases.first?.complete == false)
      let audit = try await AuditEntryRecord.query(on: h.db).all()
      #expect(
        audit.contains {
          $0.action == AuditAction.incidentNotification.rawValue && $0.fields.contains(AuditLog.digest(frozen))
        })
      // The authority clock stopped; the Art. 33(4) follow-up runs.
      let clocks = try await AssessmentRepository(db: h.db).clocks(try #require(IncidentNumber(n)))
      #expect(clocks.first { $0.kind == "authority" }?.doneAt != nil)
      #expect(clocks.contains { $0.kind == "authority_followup" && $0.doneAt == nil })

      // Editing the next phase does not touch what was sent.
      (headers, body) = h.form(.responder, ["text": "Nå vet vi mer.", "action": "save"])
      _ = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/sections/breach", headers: headers, body: body)
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/report", headers: h.headers(.viewer))
      #expect(
        page.body.string.contains(
          "Oppfølging nr. 1: melding sendt 23.11.2026 kl. 10:50, Datatilsynets referanse DT-2026-77"))
      #expect(page.body.string.contains(Secrets.sha256Hex(frozen)))
      let again = try await AssessmentRepository(db: h.db).phases(try #require(IncidentNumber(n)))
      #expect(again.first?.content == frozen)

      (headers, body) = h.form(.responder, ["sent_at": "2026-11-23T11:00"])
      res = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/report/send", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let both = try await AssessmentRepository(db: h.db).phases(try #require(IncidentNumber(n)))
      #expect(both.count == 2)
      #expect(both.last?.content.contains("Nå vet vi mer.") == true)
      #expect(both.last?.complete == true)
    }
  }

  @Test func aLateReportNeedsItsReasonAndCarriesIt() async throws {
    // Four days after awareness: the 72 hours have run out.
    try await withWeb(now: Timestamp.parse("2026-11-27T10:00:00Z") ?? fixedNow) { h in
      let n = try await incidentWithAssessment(h)
      var (headers, body) = h.form(.responder, ["sent_at": "2026-11-27T10:30"])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/report/send", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(try await rows(h.db, "notification_phases") == 0)
      let reason = "Leverandøren bekreftet først i dag hvilke filer som var hentet."
      (headers, body) = h.form(.responder, ["sent_at": "2026-11-27T10:30", "delay_reason": reason])
      res = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/report/send", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let phases = try await AssessmentRepository(db: h.db).phases(try #require(IncidentNumber(n)))
      #expect(phases.first?.content.contains("Grunnen til forsinkelsen: " + reason) == true)
    }
  }
}
