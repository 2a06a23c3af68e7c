import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

@Suite(.serialized) struct IncidentWebTests {
  @Test func aResponderRegistersFollowsAndEditsAnIncident() async throws {
    try await withWeb { h in
      var (headers, body) = h.form(
        .responder,
        [
          "title": "Bærbar PC med deltakerliste stjålet", "severity": "1", "discovered_at": "2026-11-23T08:15",
          "discovered_by": "Kari", "systems_affected": "bærbar PC, e-post", "status": "ongoing",
        ])
      let created = try await h.app.testing().sendRequest(.POST, "/incidents", headers: headers, body: body)
      #expect(created.headers.first(name: .location) == "/incidents/INC-2026-001")
      let dashboard = try await h.app.testing().sendRequest(.GET, "/", headers: h.headers(.viewer))
      #expect(dashboard.body.string.contains("Bærbar PC med deltakerliste stjålet"))
      #expect(dashboard.body.string.contains("1 – Kritisk"))
      // 08:15 Oslo on 23 Nov is 07:15 UTC; the clock says 10:00 UTC: 2 h 45 min old.
      #expect(dashboard.body.string.contains("2 t 45 min"))

      (headers, body) = h.form(
        .responder,
        [
          "title": "Bærbar PC med deltakerliste stjålet", "severity": "2", "discovered_at": "2026-11-23T08:15",
          "discovered_by": "Kari", "status": "contained",
        ])
      let edited = try await h.app.testing().sendRequest(.POST, "/incidents/INC-2026-001", headers: headers, body: body)
      #expect(edited.status == .seeOther)
      (headers, body) = h.form(.responder, ["note": "Politiet er varslet"])
      _ = try await h.app.testing().sendRequest(.POST, "/incidents/INC-2026-001/notes", headers: headers, body: body)
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/INC-2026-001", headers: h.headers(.viewer))
      let html = page.body.string
      #expect(html.contains("Status endret"))
      #expect(html.contains("Status: Pågår → Under kontroll"))
      #expect(html.contains("Alvorlighetsgrad: 1 → 2"))
      #expect(html.contains("Politiet er varslet"))
      #expect(html.contains("Test Responder"))
      // A viewer sees no edit button and no note form.
      #expect(!html.contains("/incidents/INC-2026-001/edit"))
      let print = try await h.app.testing().sendRequest(
        .GET, "/incidents/INC-2026-001/print", headers: h.headers(.viewer))
      #expect(print.body.string.contains("Skrevet ut 23.11.2026 kl. 11:00"))
    }
  }

  @Test func everyBadFieldGetsItsOwnMessageAndNothingIsWritten() async throws {
    try await withWeb { h in
      let auditBefore = try await rows(h.db, "audit_entries")
      let (headers, body) = h.form(
        .responder,
        [
          "title": "", "severity": "7", "discovered_at": "2026-11-30T08:15", "discovered_by": "",
          "occurred_at": "igår", "owner": UUID().uuidString,
        ])
      let res = try await h.app.testing().sendRequest(.POST, "/incidents", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      let html = res.body.string
      for message in [
        "Tittel må fylles ut", "Alvorlighetsgrad må være et helt tall fra 1 til 4",
        "Tidspunktet kan ikke være fram i tid",
        "Oppdaget av må fylles ut", "Tidspunktet må være en gyldig dato og et klokkeslett",
        "Ansvarlig må være en av brukerne",
      ] {
        #expect(html.contains(message), "missing: \(message)")
      }
      #expect(html.contains("href=\"#title\""))
      #expect(html.contains("aria-invalid=\"true\""))
      #expect(html.contains("value=\"2026-11-30T08:15\""), "the typed values are kept")
      #expect(try await rows(h.db, "incidents") == 0)
      #expect(try await rows(h.db, "audit_entries") == auditBefore)
    }
  }

  @Test func theEnglishSwitchChangesTheWholePage() async throws {
    try await withWeb { h in
      var headers = h.headers(.viewer)
      headers.add(name: .cookie, value: "beredskap_lang=en")
      headers.replaceOrAdd(
        name: .cookie, value: "\(BrowserSessionMiddleware.cookie)=\(h.people[.viewer]!.cookie); beredskap_lang=en")
      let res = try await h.app.testing().sendRequest(.GET, "/", headers: headers)
      #expect(res.body.string.contains("<html lang=\"en\">"))
      #expect(res.body.string.contains("Open incidents"))
      #expect(!res.body.string.contains("Åpne hendelser"))
    }
  }

  @Test func adminAddsAUserWithFieldErrorsFirst() async throws {
    try await withWeb { h in
      let before = try await rows(h.db, "users")
      var (headers, body) = h.form(.admin, ["name": "", "email": "ikke-epost", "role": "boss", "password": "kort"])
      let bad = try await h.app.testing().sendRequest(.POST, "/admin/users", headers: headers, body: body)
      #expect(bad.status == .unprocessableEntity)
      for m in ["Navn må fylles ut", "E-postadressen må inneholde @", "Rolle må være", "minst 12 tegn"] {
        #expect(bad.body.string.contains(m), "missing: \(m)")
      }
      #expect(try await rows(h.db, "users") == before)
      (headers, body) = h.form(
        .admin, ["name": "Per Test", "email": "per@example.invalid", "role": "viewer", "password": "et langt passord"])
      let ok = try await h.app.testing().sendRequest(.POST, "/admin/users", headers: headers, body: body)
      #expect(ok.status == .seeOther)
      #expect(try await rows(h.db, "users") == before + 1)
    }
  }
}
