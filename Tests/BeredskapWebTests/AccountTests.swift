import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

@Suite(.serialized) struct AccountTests {
  @Test func theOneTimeSetupLinkCreatesTheFirstAdminOnce() async throws {
    try await withWeb { h in
      // Start as a fresh installation: no admin yet.
      try await (h.db as! any SQLDatabase).raw("UPDATE users SET role = 'responder' WHERE role = 'admin'").run()
      let link = try #require(try await SetupController.issueLinkIfNeeded(h.app))
      let path = String(link.dropFirst(link.range(of: "/setup/")!.lowerBound.utf16Offset(in: link)))
      let page = try await h.app.testing().sendRequest(.GET, path)
      #expect(page.status == .ok && page.body.string.contains("Opprett den første administratoren"))
      let cookie = page.headers.setCookie![FormCookie.name]!.string
      let csrf = String(page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)!.1)
      var headers = HTTPHeaders()
      headers.replaceOrAdd(name: .cookie, value: "\(FormCookie.name)=\(cookie)")
      headers.contentType = .urlEncodedForm
      let users = try await rows(h.db, "users")
      let bad = try await h.app.testing().sendRequest(
        .POST, path, headers: headers,
        body: ByteBuffer(string: "_csrf=\(csrf)&name=&email=nope&password=kort&password_confirm=annet"))
      #expect(bad.status == .unprocessableEntity)
      for m in ["Navn må fylles ut", "E-postadressen må inneholde @", "minst 12 tegn", "Passordene er ikke like"] {
        #expect(bad.body.string.contains(m), "missing: \(m)")
      }
      #expect(try await rows(h.db, "users") == users)
      let ok = try await h.app.testing().sendRequest(
        .POST, path, headers: headers,
        body: ByteBuffer(
          string:
            "_csrf=\(csrf)&name=Kari%20Nordmann&email=kari%40example.invalid&password=et%20langt%20passord&password_confirm=et%20langt%20passord"
        ))
      #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/")
      #expect(try await UserRepository(db: h.db).find(email: "kari@example.invalid")?.role == "admin")
      // The link is spent.
      #expect(try await h.app.testing().sendRequest(.GET, path).status == .notFound)
    }
  }

  @Test func turningOnTwoFactorNeedsAWorkingCodeAndShowsRecoveryCodesOnce() async throws {
    try await withWeb { h in
      var form = h.form(.viewer, [:])
      let started = try await h.app.testing().sendRequest(.POST, "/account/2fa/start", headers: form.0, body: form.1)
      let key = try #require(started.body.string.firstMatch(of: /<code class="key">([A-Z2-7]+)<\/code>/)).1
      let password = h.people[.viewer]!.password
      form = h.form(.viewer, ["code": "123456", "totp_password": password])
      let wrong = try await h.app.testing().sendRequest(.POST, "/account/2fa/enable", headers: form.0, body: form.1)
      #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("Koden stemmer ikke"))
      let code = TOTP(secret: Base32.decode(String(key))!).code(at: h.now)
      // The right code is not enough: the password is asked for again.
      form = h.form(.viewer, ["code": code, "totp_password": "feil passord"])
      let noPassword = try await h.app.testing().sendRequest(
        .POST, "/account/2fa/enable", headers: form.0, body: form.1)
      #expect(noPassword.status == .unprocessableEntity && noPassword.body.string.contains("Passordet er feil"))
      form = h.form(.viewer, ["code": code, "totp_password": password])
      let on = try await h.app.testing().sendRequest(.POST, "/account/2fa/enable", headers: form.0, body: form.1)
      #expect(on.status == .ok)
      // Turning two-factor on ended the old session; this browser got a new one.
      let renewed = try #require(on.headers.setCookie?[BrowserSessionMiddleware.cookie]?.string)
      let codes = on.body.string.matches(of: /<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code><\/li>/)
      #expect(codes.count == 10)
      let user = try await UserRepository(db: h.db).find(email: "viewer@example.invalid")
      #expect(user?.totpEnabled == true)
      #expect(user?.recoveryCodes.contains(String(codes[0].1)) == false, "only hashes are stored")
      let again = try await h.app.testing().sendRequest(.GET, "/account", headers: sessionHeaders(renewed))
      #expect(again.status == .ok && !again.body.string.contains(String(codes[0].1)))
    }
  }

  @Test func changingThePasswordChecksTheOldOneAndEndsOtherSessions() async throws {
    try await withWeb { h in
      var form = h.form(.responder, ["current_password": "feil", "password": "kort", "password_confirm": "x"])
      let bad = try await h.app.testing().sendRequest(.POST, "/account/password", headers: form.0, body: form.1)
      #expect(bad.status == .unprocessableEntity)
      for m in ["Passordet er feil", "minst 12 tegn", "Passordene er ikke like"] {
        #expect(bad.body.string.contains(m))
      }
      let p = h.people[.responder]!
      form = h.form(
        .responder,
        [
          "current_password": p.password, "password": "et nytt langt passord",
          "password_confirm": "et nytt langt passord",
        ])
      let ok = try await h.app.testing().sendRequest(.POST, "/account/password", headers: form.0, body: form.1)
      #expect(ok.status == .seeOther)
      // The old session cookie no longer works.
      let old = try await h.app.testing().sendRequest(.GET, "/", headers: h.headers(.responder))
      #expect(old.status == .seeOther && old.headers.first(name: .location)?.hasPrefix("/login") == true)
    }
  }
}
