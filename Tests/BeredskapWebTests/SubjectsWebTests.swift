import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// The upload of affected persons on the incident page, and what it feeds.
@Suite(.serialized) struct SubjectsWebTests {
  func incident(_ h: WebHarness) async throws {
    let (headers, body) = h.form(
      .responder,
      [
        "title": "Kundeliste sendt til feil mottaker", "severity": "2", "discovered_at": "2026-11-23T08:15",
        "discovered_by": "Kari", "status": "ongoing",
      ])
    _ = try await h.app.testing().sendRequest(.POST, "/incidents", headers: headers, body: body)
  }

  func upload(_ h: WebHarness, _ role: Role, csv: String, csrf: Bool = true) async throws -> TestingHTTPResponse {
    var headers = h.headers(role)
    let boundary = "----beredskap-test-boundary"
    headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
    var text = ""
    if csrf, let p = h.people[role] {
      text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(p.csrf)\r\n"
    }
    text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"liste.csv\"\r\n"
    text += "Content-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
    return try await h.app.testing().sendRequest(
      .POST, "/incidents/INC-2026-001/subjects", headers: headers, body: ByteBuffer(string: text))
  }

  @Test func aResponderUploadsTheListAndThePageShowsCountsOnly() async throws {
    try await withWeb { h in
      try await incident(h)
      let csv = """
        navn;e-post;telefon;kategorier
        Kari Nordmann;kari@example.org;91234567;contact|financial
        Kari N.;KARI@example.org;;identity
        Ola Nordmann;;;contact
        """
      let done = try await upload(h, .responder, csv: csv)
      #expect(done.status == .ok)
      let html = done.body.string
      #expect(html.contains("Listen er lagret: 3 rader, 2 nye personer"))
      #expect(html.contains("Personer (like personer slått sammen)</dt><dd>2"))
      #expect(html.contains("Uten e-post og telefon</dt><dd>1"))
      #expect(!html.contains("kari@example.org") && !html.contains("Kari Nordmann"))

      // The wizard starts with the count and the categories of the list.
      let wizard = try await h.app.testing().sendRequest(
        .GET, "/incidents/INC-2026-001/assess", headers: h.headers(.responder))
      #expect(wizard.body.string.contains("name=\"a_data_subjects\" value=\"2\""))
      #expect(wizard.body.string.contains("name=\"a_data_categories\" value=\"financial\""))
    }
  }

  @Test func aListWithABadRowIsRefusedByLineAndNothingIsStored() async throws {
    try await withWeb { h in
      try await incident(h)
      let refused = try await upload(h, .responder, csv: "name,email\nA,a@example.org\nB,secret@@example.org\n")
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.body.string.contains("linje 3: e-postadressen er ugyldig"))
      #expect(refused.body.string.contains("ingenting er lagret"))
      #expect(!refused.body.string.contains("secret@@example.org"))
      #expect(try await rows(h.db, AffectedPersonRecord.schema) == 0)
      // No CSRF token, or a viewer: refused before anything is read.
      #expect(try await upload(h, .responder, csv: "email\na@example.org\n", csrf: false).status == .forbidden)
      #expect(try await upload(h, .viewer, csv: "email\na@example.org\n").status == .forbidden)
      #expect(try await rows(h.db, AffectedPersonRecord.schema) == 0)
    }
  }
}
