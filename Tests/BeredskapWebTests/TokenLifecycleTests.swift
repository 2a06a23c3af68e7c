import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Issue 7 point 10: tokens expire, end with a password or two-factor change
/// and when their owner is disabled; an admin sees and revokes them; their
/// last use is noted at most once a minute.
@Suite(.serialized) struct TokenLifecycleTests {
  func me(_ h: WebHarness, _ role: Role) async throws -> HTTPStatus {
    try await h.app.testing().sendRequest(.GET, "/api/v1/me", headers: h.headers(role, api: true)).status
  }

  func token(_ h: WebHarness, _ role: Role) async throws -> APITokenRecord {
    try #require(try await APITokenRecord.query(on: h.db).filter(\.$user.$id == h.people[role]!.id).first())
  }

  @Test func aTokenExpiresAfterItsLifetime() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h async throws in
      #expect(try await me(h, .viewer) == .ok)
      clock.advance(89 * 86_400)
      #expect(try await me(h, .viewer) == .ok)
      clock.advance(2 * 86_400)
      #expect(try await me(h, .viewer) == .unauthorized)
    }
  }

  @Test func theLifetimeIsConfigurable() async throws {
    #expect(
      ServerConfig.from(environment: ["BEREDSKAP_TOKEN_DAYS": "30"], database: .sqlite(path: "x")).tokenLifetimeDays
        == 30)
    for bad in ["0", "-5", "abc", "99999"] {
      #expect(
        ServerConfig.from(environment: ["BEREDSKAP_TOKEN_DAYS": bad], database: .sqlite(path: "x")).tokenLifetimeDays
          == 90)
    }
    try await withWeb { h async throws in
      h.app.services.config.tokenLifetimeDays = 7
      let form = h.form(.responder, ["name": "kort", "token_password": h.people[.responder]!.password])
      let page = try await h.app.testing().sendRequest(.POST, "/account/tokens", headers: form.0, body: form.1)
      #expect(page.status == .ok && page.body.string.contains("En nøkkel virker i 7 dager"))
      let made = try #require(try await APITokenRecord.query(on: h.db).filter(\.$name == "kort").first())
      #expect(made.expiresAt == h.now.addingTimeInterval(7 * 86_400))
    }
  }

  @Test func aNewPasswordEndsTheTokens() async throws {
    try await withWeb { h async throws in
      #expect(try await me(h, .responder) == .ok)
      let p = h.people[.responder]!
      let form = h.form(
        .responder,
        [
          "current_password": p.password, "password": "et nytt langt passord",
          "password_confirm": "et nytt langt passord",
        ])
      #expect(
        try await h.app.testing().sendRequest(.POST, "/account/password", headers: form.0, body: form.1).status
          == .seeOther)
      #expect(try await me(h, .responder) == .unauthorized)
      #expect(try await me(h, .viewer) == .ok)
      let audit = try await AuditLog.recent(on: h.db, limit: 50)
      #expect(audit.contains { $0.action == "token.revoke_all" && $0.fields.contains("user.password_change") })
    }
  }

  @Test func turningOnTwoFactorEndsTheTokens() async throws {
    try await withWeb { h async throws in
      var form = h.form(.viewer, [:])
      let started = try await h.app.testing().sendRequest(.POST, "/account/2fa/start", headers: form.0, body: form.1)
      let key = try #require(started.body.string.firstMatch(of: /<code class="key">([A-Z2-7]+)<\/code>/)).1
      let code = TOTP(secret: try #require(Base32.decode(String(key)))).code(at: h.now)
      form = h.form(.viewer, ["code": code, "totp_password": h.people[.viewer]!.password])
      #expect(
        try await h.app.testing().sendRequest(.POST, "/account/2fa/enable", headers: form.0, body: form.1).status == .ok
      )
      #expect(try await me(h, .viewer) == .unauthorized)
    }
  }

  @Test func disablingAUserEndsTheirTokensForGood() async throws {
    try await withWeb { h async throws in
      let id = h.people[.responder]!.id
      let form = h.form(.admin, [:])
      #expect(
        try await h.app.testing().sendRequest(.POST, "/admin/users/\(id)/disable", headers: form.0, body: form.1)
          .status == .seeOther)
      #expect(try await me(h, .responder) == .unauthorized)
      // Enabling the person again does not bring the old token back.
      #expect(
        try await h.app.testing().sendRequest(.POST, "/admin/users/\(id)/disable", headers: form.0, body: form.1)
          .status == .seeOther)
      #expect(try await UserRepository(db: h.db).find(id: id)?.disabled == false)
      #expect(try await me(h, .responder) == .unauthorized)
    }
  }

  @Test func anAdminSeesAndRevokesAnyonesTokens() async throws {
    try await withWeb { h async throws in
      let page = try await h.app.testing().sendRequest(.GET, "/admin/tokens", headers: h.headers(.admin))
      #expect(page.status == .ok)
      #expect(page.body.string.contains("Test Responder") && page.body.string.contains("API-nøkler"))
      #expect(!page.body.string.contains("bk_"), "the tokens themselves are never shown again")
      #expect(
        try await h.app.testing().sendRequest(.GET, "/admin/tokens", headers: h.headers(.responder)).status
          == .forbidden)
      let target = try await token(h, .responder)
      // Only an admin may revoke someone else's token.
      var form = h.form(.viewer, [:])
      let denied = try await h.app.testing().sendRequest(
        .POST, "/admin/tokens/\(target.id!)/revoke", headers: form.0, body: form.1)
      #expect(denied.status == .forbidden)
      form = h.form(.admin, [:])
      let revoked = try await h.app.testing().sendRequest(
        .POST, "/admin/tokens/\(target.id!)/revoke", headers: form.0, body: form.1)
      #expect(revoked.status == .seeOther)
      #expect(try await me(h, .responder) == .unauthorized)
      let audit = try await AuditLog.recent(on: h.db, limit: 20)
      #expect(audit.contains { $0.action == "token.revoke" && $0.subject == "token:\(target.id!)" })
    }
  }

  @Test func lastUseIsNotedAtMostOnceAMinute() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h async throws in
      #expect(try await token(h, .viewer).lastUsedAt == nil)
      #expect(try await me(h, .viewer) == .ok)
      #expect(try await token(h, .viewer).lastUsedAt == fixedNow)
      clock.advance(30)
      #expect(try await me(h, .viewer) == .ok)
      #expect(try await token(h, .viewer).lastUsedAt == fixedNow)
      clock.advance(31)
      #expect(try await me(h, .viewer) == .ok)
      #expect(try await token(h, .viewer).lastUsedAt == fixedNow.addingTimeInterval(61))
    }
  }
}
