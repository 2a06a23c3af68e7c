import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// The stakeholder matrix on the incident page.
@Suite(.serialized) struct CommunicationWebTests {
  static let plan: Plan = {
    var p = Plan.builtIn
    p.organisation.contact = Plan.Person(name: "Drift", email: "drift@example.org")
    p.customers = [
      Plan.Customer(id: "acme", name: "Acme AS", email: "drift@acme.example", securityEmail: "sikkerhet@acme.example")
    ]
    return p
  }()

  static let processorLeak = """
    {"schema":"beredskap.breach-facts/1","role":"processor","became_aware_at":"2026-11-23T08:00:00+01:00",
     "nature":["confidentiality"],"data_categories":["identity","contact"],"data_subjects":230,
     "recipients":"unknown","cause":"malicious"}
    """

  @Test func communicationsAreListedWithDraftsAndABreachToldToCustomersStopsTheControllerClock() async throws {
    try await withWeb(plan: Self.plan) { h in
      var (headers, body) = h.json(
        .responder,
        #"{"title":"Database utilgjengelig","summary":"Intern: primærnoden krasjet etter oppgradering.","severity":1,"discovered_at":"2026-11-23T07:30:00Z","discovered_by":"monitoring"}"#
      )
      _ = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
      let n = "INC-2026-001"
      var page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Kundens kontaktperson"))
      #expect(page.body.string.contains("ingen kunder valgt"))
      // The draft names the incident by its title, never its internal description.
      #expect(page.body.string.contains("Driftshendelse hos Min organisasjon (INC-2026-001)"))
      #expect(!page.body.string.contains("Driftshendelse hos Min organisasjon (INC-2026-001)\n\nIntern"))

      (headers, body) = h.form(.responder, ["customer[]": "acme"])
      var res = try await h.app.testing().sendRequest(.POST, "/incidents/\(n)/customers", headers: headers, body: body)
      #expect(res.status == .seeOther)
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Til: Acme AS"))

      // Customers told by e-mail from the page: queued in the outbox and recorded as done together.
      (headers, body) = h.form(.responder, ["subject": "Driftshendelse\r\nBcc: x@evil.example", "body": "Hei"])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/communications/customers:start/send", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(try await rows(h.db, "outbox_messages") == 0)
      (headers, body) = h.form(
        .responder, ["subject": "Driftshendelse hos oss", "body": "Hei,\n\nVi har en pågående hendelse."])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/communications/customers:start/send", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let incidentRecord = try await IncidentRepository(db: h.db).find(try #require(IncidentNumber(n)))
      let entries = try await Outbox(db: h.db).entries(incidentID: try #require(incidentRecord).id)
      #expect(entries.map(\.kind) == [.stakeholder])
      let copy = try await Outbox(db: h.db).copy(try #require(entries.first).id)
      #expect(copy?.recipient == "drift@acme.example")
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Varslet: Kundens kontaktperson (ved start)"))
      #expect(page.body.string.contains("E-post sendt til Acme AS (1 e-post)."))

      // Not needed needs a reason; with one it is recorded on the timeline.
      (headers, body) = h.form(.responder, ["done_at": "2026-11-23T09:00", "outcome": "not_needed"])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/communications/subprocessors:start/done", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("Skriv hvorfor varslingen ikke er nødvendig"))
      (headers, body) = h.form(
        .responder, ["done_at": "2026-11-23T09:00", "outcome": "not_needed", "note": "Feilen er hos oss selv."])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/communications/subprocessors:start/done", headers: headers, body: body)
      #expect(res.status == .seeOther)

      // A processor's breach: the customers' security teams within 24 h; telling them stops the controller clock.
      (headers, body) = h.json(.responder, Self.processorLeak)
      _ = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(n)/assessments", headers: headers, body: body)
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Varsel om brudd på personopplysningssikkerheten (INC-2026-001)"))
      #expect(page.body.string.contains("# Melding om brudd på personopplysningssikkerheten"))
      var clocks = try await AssessmentRepository(db: h.db).clocks(try #require(IncidentNumber(n)))
      #expect(clocks.contains { $0.kind == "controller" && $0.doneAt == nil && $0.required })
      (headers, body) = h.form(.responder, ["done_at": "2026-11-23T09:30", "note": "Sendt og ringt Kari i Acme."])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/communications/customer_security:breach/done", headers: headers, body: body)
      #expect(res.status == .seeOther)
      clocks = try await AssessmentRepository(db: h.db).clocks(try #require(IncidentNumber(n)))
      #expect(clocks.first { $0.kind == "controller" }?.doneAt == Timestamp.parse("2026-11-23T08:30:00Z"))
      page = try await h.app.testing().sendRequest(.GET, "/incidents/\(n)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Varslet: Kundens sikkerhetsteam (ved personvernbrudd)"))
      #expect(page.body.string.contains("Varslet: Underleverandører (ved start) – ikke nødvendig"))

      // Twice is refused; an unknown key is not found.
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/communications/customer_security:breach/done", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/\(n)/communications/nobody:start/done", headers: headers, body: body)
      #expect(res.status == .notFound)
    }
  }
}
