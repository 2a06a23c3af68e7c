import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// The letters page: shared texts, a preview of each person's own letter,
/// and the public communication of Art. 34(3)(c).
@Suite(.serialized) struct LettersWebTests {
  static let people = """
    navn;e-post;telefon;fødselsnummer;kategorier;språk
    Sigrid Prøvesen;sigrid@example.org;;;contact|national_id;nb
    Alex Example;alex@example.org;;;identity;en
    Per Uten Epost;;+47 400 00 001;;contact;nb
    """

  static let plan: Plan = {
    var p = Plan.builtIn
    p.organisation.dpo = Plan.Person(name: "Kari Testdatter", email: "personvern@example.org")
    return p
  }()

  func setUp(_ h: WebHarness) async throws -> String {
    let n = try await ReportWebTests().incidentWithAssessment(h)
    var rows: [SubjectRow] = []
    let scanner = SubjectScanner()
    scanner.onRow = { rows.append($0) }
    try scanner.feed(Array(Self.people.utf8))
    let figures = try scanner.finish()
    _ = try await AffectedPeopleRepository(db: h.db).importRows(
      rows, incident: try #require(IncidentNumber(n)), figures: figures, actor: .system, now: h.now)
    return n
  }

  @Test func eachPersonsPreviewHasOnlyTheirDataInTheirLanguage() async throws {
    try await withWeb { h in
      let n = try await setUp(h)
      var page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/letters", headers: h.headers(.viewer))
      #expect(page.status == .ok)
      var html = page.body.string
      #expect(html.contains("1 / 3 · Sigrid Prøvesen"))
      #expect(html.contains("- fødselsnummer eller ID-nummer"))
      #expect(html.contains("Vurderingen sier at de berørte skal varsles"))
      page = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(n)/letters?person=2", headers: h.headers(.viewer))
      html = page.body.string
      #expect(html.contains("Dear Alex Example,"))
      #expect(html.contains("- name and identity"))
      #expect(!html.contains("- national ID numbers"))
      // Absurd positions are clamped, never a crash.
      for q in ["-5", "99999999999999999999", "x", "0"] {
        let r = try await h.app.testing().sendRequest(
          .GET, "/incidents/\(n)/letters?person=\(q)", headers: h.headers(.viewer))
        #expect(r.status == .ok || r.status == .badRequest)
      }
      // The shared text, edited in bokmål, is in the next letter; an empty text is refused at the field.
      var (headers, body) = h.form(
        .responder,
        [
          "language": "nb", "what_happened": "En API-nøkkel lå åpent på nett i fire timer.",
          "what_we_did": "Vi byttet nøkkelen.",
        ])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/letters/texts", headers: headers, body: body)
      #expect(res.status == .seeOther)
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/letters", headers: h.headers(.viewer))
      #expect(page.body.string.contains("En API-nøkkel lå åpent på nett i fire timer.\nVi oppdaget det"))
      (headers, body) = h.form(.responder, ["language": "nb", "what_happened": "   "])
      res = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/letters/texts", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("href=\"#what_happened-nb\""))
    }
  }

  @Test func approvingPutsOneLetterPerPersonWithAnAddressInTheOutboxOnce() async throws {
    try await withWeb(plan: Self.plan) { h in
      let n = try await setUp(h)
      let (headers, body) = h.form(.responder, [:])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/letters/approve", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let number = try #require(IncidentNumber(n))
      let found = try await IncidentRepository(db: h.db).find(number)
      let incident = try #require(found)
      let entries = try await Outbox(db: h.db).entries(incidentID: incident.id)
      #expect(entries.count == 2)
      #expect(entries.allSatisfy { $0.kind == .letter && $0.status == .queued })
      var bodies: [String: String] = [:]
      for e in entries {
        let copy = try #require(try await Outbox(db: h.db).copy(e.id))
        bodies[copy.recipient] = String(decoding: copy.message, as: UTF8.self)
      }
      // Quoted-printable: each person's own categories, in their language.
      #expect(bodies["sigrid@example.org"]?.contains("f=C3=B8dselsnummer eller ID-nummer") == true)
      #expect(bodies["alex@example.org"]?.contains("name and identity") == true)
      #expect(bodies["alex@example.org"]?.contains("national ID") == false)
      // The person without e-mail is listed for another channel, and can be marked as told.
      var page = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(n)/letters", headers: h.headers(.responder))
      #expect(page.body.string.contains("Per Uten Epost · +4740000001"))
      #expect(page.body.string.contains("2 venter"))
      let recipient = try #require(
        page.body.string.firstMatch(of: /letters\/told\/([0-9A-F-]{36})/).map { String($0.1) })
      let (h2, b2) = h.form(.responder, [:])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/letters/told/\(recipient)", headers: h2, body: b2)
      #expect(res.status == .seeOther)
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)/letters", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Varslet 23.11.2026"))
      // A second approval finds nobody new: nothing is queued twice.
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/letters/approve", headers: headers, body: body)
      #expect(try await Outbox(db: h.db).entries(incidentID: incident.id).count == 2)
      // The audit trail has counts, never addresses.
      let audit = try await AuditEntryRecord.query(on: h.db).all()
      #expect(audit.contains { $0.action == AuditAction.lettersApprove.rawValue && $0.fields.contains("\"letters\"") })
      #expect(!audit.contains { $0.fields.contains("example.org") })
    }
  }

  @Test func aPublicCommunicationIsRecordedWithWhereAndWhyAndMeetsTheDuty() async throws {
    try await withWeb { h in
      let n = try await setUp(h)
      var (headers, body) = h.form(
        .responder, ["channel": "", "justification": "", "published_at": "2026-11-23T10:00"])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/letters/public", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      (headers, body) = h.form(
        .responder,
        [
          "channel": "https://example.org/informasjon",
          "justification": "Vi har ikke kontaktopplysninger til de fleste.",
          "published_at": "2026-11-23T10:00",
        ])
      res = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/letters/public", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let clocks = try await AssessmentRepository(db: h.db).clocks(try #require(IncidentNumber(n)))
      #expect(clocks.first { $0.kind == "subjects" }?.doneAt == Timestamp.parse("2026-11-23T09:00:00Z"))
      let report = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/\(n)/report?format=md", headers: h.headers(.viewer, api: true))
      #expect(report.body.string.contains("Offentlig informasjon: https://example.org/informasjon"))
      // Counts from the list feed the report.
      #expect(report.body.string.contains("Listen over berørte personer vi har, har 3 personer."))
    }
  }
}
