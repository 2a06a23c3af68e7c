import BeredskapCore
import BeredskapStore
import Fluent
import FluentPostgresDriver
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

@Suite(.serialized) struct SecurityTests {
  @Test func aFormWithoutTheCSRFTokenIsRejectedAndWritesNothing() async throws {
    try await withWeb { h in
      let fields = [
        "title": "Ny hendelse", "severity": "2", "discovered_at": "2026-11-23T09:00", "discovered_by": "Kari",
      ]
      let (headers, body) = h.form(.admin, fields, csrf: false)
      let res = try await h.app.testing().sendRequest(.POST, "/incidents", headers: headers, body: body)
      #expect(res.status == .forbidden)
      #expect(res.body.string.contains("Skjemaet var utløpt"))
      var (h2, b2) = h.form(.admin, fields.merging(["_csrf": "feil"]) { $1 }, csrf: false)
      #expect(try await h.app.testing().sendRequest(.POST, "/incidents", headers: h2, body: b2).status == .forbidden)
      #expect(try await rows(h.db, "incidents") == 0)
      // With the token it goes through.
      (h2, b2) = h.form(.admin, fields)
      let ok = try await h.app.testing().sendRequest(.POST, "/incidents", headers: h2, body: b2)
      #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/incidents/INC-2026-001")
    }
  }

  func login(_ h: WebHarness, _ email: String, _ password: String) async throws -> TestingHTTPResponse {
    try await postLogin(h, email, password)
  }

  @Test func signInWorksAndABurstOfWrongPasswordsIsSlowedDown() async throws {
    try await withWeb { h in
      let p = h.people[.responder]!
      let ok = try await login(h, p.email, p.password)
      #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/")
      let session = ok.headers.setCookie?[BrowserSessionMiddleware.cookie]
      #expect(session?.isHTTPOnly == true && session?.sameSite == .strict)
      for _ in 0..<5 {
        #expect(try await login(h, p.email, "feil-passord").status == .unauthorized)
      }
      // Now even the right password waits.
      let blocked = try await login(h, p.email, p.password)
      #expect(blocked.status == .tooManyRequests)
      #expect(Int(blocked.headers.first(name: .retryAfter) ?? "") ?? 0 >= 29)
      #expect(blocked.body.string.contains("For mange feilforsøk"))
      // Another account is not affected by this one's failures.
      #expect(try await login(h, h.people[.viewer]!.email, h.people[.viewer]!.password).status == .seeOther)
      // Failed sign-ins are in the audit trail, one entry per 15 minutes with a count,
      // without the e-mail address typed.
      let audit = try await AuditLog.recent(on: h.db, limit: 500)
      let failed = audit.filter { $0.action == "login.failed" }
      #expect(failed.count == 1)
      #expect(try await FailedLogins.counts(on: h.db, entries: failed.compactMap(\.id)).values.first == 5)
      #expect(!audit.contains { $0.fields.contains("@") || $0.subject.contains("@") })
    }
  }

  @Test func twoFactorIsAskedForAndRecoveryCodesWorkOnce() async throws {
    try await withWeb { h in
      let p = h.people[.admin]!
      let secret = TOTP.randomSecret()
      try await UserRepository(db: h.db).update(p.id, action: .settingsUpdate, actor: .system, now: h.now, fields: [:])
      {
        $0.totpSecret = Base32.encode(secret)
        $0.totpEnabled = true
        $0.recoveryCodes = Secrets.sha256Hex("abcd-efgh-jkmn")
      }
      let first = try await login(h, p.email, p.password)
      #expect(first.headers.first(name: .location)?.hasPrefix("/login/2fa") == true)
      let cookie = first.headers.setCookie![BrowserSessionMiddleware.cookie]!.string
      var headers = HTTPHeaders()
      headers.replaceOrAdd(name: .cookie, value: "\(BrowserSessionMiddleware.cookie)=\(cookie)")
      // Half signed in is not signed in.
      let dashboard = try await h.app.testing().sendRequest(.GET, "/", headers: headers)
      #expect(dashboard.status == .seeOther)
      let page = try await h.app.testing().sendRequest(.GET, "/login/2fa", headers: headers)
      let csrf = String(page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)!.1)
      headers.contentType = .urlEncodedForm
      let wrong = try await h.app.testing().sendRequest(
        .POST, "/login/2fa", headers: headers, body: ByteBuffer(string: "_csrf=\(csrf)&code=000000"))
      #expect(wrong.status == .unauthorized)
      let code = TOTP(secret: secret).code(at: h.now)
      let right = try await h.app.testing().sendRequest(
        .POST, "/login/2fa", headers: headers, body: ByteBuffer(string: "_csrf=\(csrf)&code=\(code)"))
      #expect(right.status == .seeOther && right.headers.first(name: .location) == "/")

      // A recovery code works once.
      for expected in [HTTPStatus.seeOther, .unauthorized] {
        let again = try await login(h, p.email, p.password)
        let c = again.headers.setCookie![BrowserSessionMiddleware.cookie]!.string
        var hh = HTTPHeaders()
        hh.replaceOrAdd(name: .cookie, value: "\(BrowserSessionMiddleware.cookie)=\(c)")
        let pg = try await h.app.testing().sendRequest(.GET, "/login/2fa", headers: hh)
        let t = String(pg.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)!.1)
        hh.contentType = .urlEncodedForm
        let res = try await h.app.testing().sendRequest(
          .POST, "/login/2fa", headers: hh, body: ByteBuffer(string: "_csrf=\(t)&code=abcd-efgh-jkmn"))
        #expect(res.status == expected)
      }
    }
  }

  @Test func anAdminCanRequireTwoFactorForEveryone() async throws {
    try await withWeb { h in
      try await SettingsRepository(db: h.db).set(SettingsRepository.requireTwoFactor, true, actor: .system, now: h.now)
      let res = try await h.app.testing().sendRequest(.GET, "/incidents", headers: h.headers(.responder))
      #expect(res.status == .seeOther && res.headers.first(name: .location) == "/account?required=2fa")
      let account = try await h.app.testing().sendRequest(.GET, "/account", headers: h.headers(.responder))
      #expect(account.status == .ok && account.body.string.contains("krever tofaktor"))
    }
  }

  @Test func theSetupLinkWorksOnceAndOnlyWithoutAnAdmin() async throws {
    try await withWeb { h in
      // The harness created an admin, so no link is issued.
      let link = try await SetupController.issueLinkIfNeeded(h.app)
      #expect(link == nil)
      let res = try await h.app.testing().sendRequest(.GET, "/setup/anything")
      #expect(res.status == .notFound)
    }
  }

  @Test func pagesCarrySecurityHeaders() async throws {
    try await withWeb { h in
      let res = try await h.app.testing().sendRequest(.GET, "/login")
      #expect(res.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
      #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
      #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
      #expect(!res.body.string.contains("style=\""))
      #expect(!res.body.string.contains("<script"))
    }
  }

  @Test func healthSaysWhenTheDatabaseIsGone() async throws {
    try await withWeb { h in
      let up = try await h.app.testing().sendRequest(.GET, "/health")
      #expect(up.status == .ok && up.body.string.contains("\"db\":true"))
      // Point the app at a database server that is not there.
      h.app.databases.use(
        try DatabaseLocation.postgres(url: "postgres://nobody@127.0.0.1:9/none").configuration(),
        as: .init(string: "main"), isDefault: true)
      h.app.databases.reinitialize(.init(string: "main"))
      let down = try await h.app.testing().sendRequest(.GET, "/health")
      #expect(down.status == .serviceUnavailable)
      #expect(down.body.string.contains("\"db\":false"))
    }
  }
}
