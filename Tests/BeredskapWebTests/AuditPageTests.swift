import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// The audit page as a data protection officer reads it.
@Suite(.serialized) struct AuditPageTests {
  @Test func peopleActionsAndFieldsAreInWords() async throws {
    try await withWeb { h in
      let admin = h.people[.admin]!
      let viewer = h.people[.viewer]!
      let (headers, body) = h.form(.admin, ["role": "responder"])
      let changed = try await h.app.testing().sendRequest(
        .POST, "/admin/users/\(viewer.id)/role", headers: headers, body: body)
      #expect(changed.status == .seeOther)
      let page = try await h.app.testing().sendRequest(.GET, "/admin/audit", headers: h.headers(.admin))
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("Endret rolle"))
      #expect(html.contains("Test Admin (Administrator)"))
      #expect(html.contains("Test Viewer (Responder)"))  // the person as they are now
      #expect(html.contains("rolle: Responder"))
      #expect(html.contains("navn: endret (kontrollsum lagret)"))
      #expect(html.contains("API-nøkkel «test» til Test Admin (Administrator)") || html.contains("Laget API-nøkkel"))
      #expect(!html.contains("user:\(admin.id)") && !html.contains("user.role_change") && !html.contains("{&quot;"))
      // The page shows the last check instead of re-checking on every view.
      #expect(html.contains("Loggen er ikke kontrollert ennå."))
      let (vh, vb) = h.form(.admin, [:])
      let verify = try await h.app.testing().sendRequest(.POST, "/admin/audit/verify", headers: vh, body: vb)
      #expect(verify.status == .seeOther)
      let after = try await h.app.testing().sendRequest(.GET, "/admin/audit", headers: h.headers(.admin))
      #expect(after.body.string.contains("Siste kontroll") && after.body.string.contains("kjeden er hel"))
      // A broken chain is shown as found by the last check, not re-read on the view.
      try await (h.db as! any SQLDatabase).raw("UPDATE audit_entries SET action = 'x' WHERE seq = 2").run()
      #expect(
        try await h.app.testing().sendRequest(.GET, "/admin/audit", headers: h.headers(.admin)).body.string.contains(
          "kjeden er hel"))
      let (v2h, v2b) = h.form(.admin, [:])
      _ = try await h.app.testing().sendRequest(.POST, "/admin/audit/verify", headers: v2h, body: v2b)
      let broken = try await h.app.testing().sendRequest(.GET, "/admin/audit", headers: h.headers(.admin))
      #expect(broken.body.string.contains("Kjeden er brutt: entry 2 was altered"))
    }
  }

  @Test func pagesGoNewestFirstAndFiltersNarrow() async throws {
    try await withWeb { h in
      let incidents = IncidentRepository(db: h.db)
      for i in 0..<60 {
        _ = try await incidents.create(
          draft("Hendelse \(i)"), ownerID: nil, actor: Actor(id: "user:\(h.people[.responder]!.id)", name: "R"),
          now: h.now.addingTimeInterval(Double(i)))
      }
      let first = try await h.app.testing().sendRequest(.GET, "/admin/audit", headers: h.headers(.admin))
      let html = first.body.string
      let older = try #require(html.firstMatch(of: /href="(\/admin\/audit\?before=(\d+))"/))
      #expect(html.components(separatedBy: "<tr><td>").count - 1 == AuditPageController.pageSize)
      #expect(html.contains("INC-2026-060") && !html.contains("INC-2026-001<"))
      let second = try await h.app.testing().sendRequest(
        .GET, String(older.1).replacingOccurrences(of: "&amp;", with: "&"), headers: h.headers(.admin))
      #expect(second.body.string.contains("Til de nyeste"))
      #expect(second.body.string.contains("<td>INC-2026-001</td>"))

      let one = try await h.app.testing().sendRequest(
        .GET, "/admin/audit?incident=INC-2026-007", headers: h.headers(.admin))
      #expect(one.body.string.components(separatedBy: "<tr><td>").count - 1 == 1)
      let person = try await h.app.testing().sendRequest(
        .GET, "/admin/audit?person=\(h.people[.viewer]!.id)", headers: h.headers(.admin))
      // The viewer's own creation and their token's creation (the token is theirs).
      #expect(person.body.string.contains("Opprettet bruker") && !person.body.string.contains("<td>INC-2026"))
      let period = try await h.app.testing().sendRequest(
        .GET, "/admin/audit?from=2026-11-24&to=2026-11-30", headers: h.headers(.admin))
      #expect(period.body.string.contains("Ingen oppføringer passer filteret."))
      let bad = try await h.app.testing().sendRequest(
        .GET, "/admin/audit?from=24.11.2026&incident=x", headers: h.headers(.admin))
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.body.string.contains("Dato må skrives som åååå-mm-dd"))
      #expect(bad.body.string.contains("Hendelsesnummer skrives som INC-2026-001"))
    }
  }

  @Test func theRawFormIsAnExport() async throws {
    try await withWeb { h in
      let csv = try await h.app.testing().sendRequest(
        .GET, "/admin/audit/export?format=csv", headers: h.headers(.admin))
      #expect(csv.status == .ok)
      #expect(csv.headers.first(name: .contentDisposition)?.contains("beredskap-audit.csv") == true)
      let lines = csv.body.string.split(separator: "\r\n")
      #expect(lines.first == "seq,at,actor,action,subject,fields,version,previous_hash,hash,mac")
      #expect(lines.count == 1 + (try await rows(h.db, "audit_entries")))
      let json = try await h.app.testing().sendRequest(
        .GET, "/admin/audit/export?format=json", headers: h.headers(.admin))
      let parsed = try JSONSerialization.jsonObject(with: Data(json.body.string.utf8)) as? [[String: String]]
      #expect(parsed?.first?["action"] == "user.create" && parsed?.first?["mac"]?.count == 64)
      let forbidden = try await h.app.testing().sendRequest(
        .GET, "/admin/audit/export?format=csv", headers: h.headers(.responder))
      #expect(forbidden.status == .forbidden)
    }
  }
}

/// Every action the trail can record is named in both languages on the audit page.
@Suite struct AuditActionWordsTests {
  @Test(arguments: AuditAction.allCases)
  func everyActionHasWords(_ action: AuditAction) {
    for language in [Language.nb, .en] {
      let key = "audit.action.\(action.rawValue)"
      #expect(Strings.text(key, language) != key, "\(key) has no \(language.rawValue) text")
    }
  }
}
