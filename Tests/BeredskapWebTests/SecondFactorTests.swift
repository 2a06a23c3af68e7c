import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Issue 7 point 2: the second factor cannot be guessed, replayed or raced,
/// and "require two-factor" holds for API tokens too.
@Suite(.serialized) struct SecondFactorTests {
  /// Turns on TOTP for a person straight in the database; returns the secret.
  @discardableResult
  func enableTOTP(_ h: WebHarness, _ role: Role, recovery: [String] = []) async throws -> Data {
    let secret = TOTP.randomSecret()
    let hashes = recovery.map(Secrets.sha256Hex).joined(separator: ",")
    try await UserRepository(db: h.db).update(
      h.people[role]!.id, action: .settingsUpdate, actor: .system, now: h.now, fields: [:]
    ) {
      $0.totpSecret = Base32.encode(secret)
      $0.totpEnabled = true
      $0.recoveryCodes = hashes
    }
    return secret
  }

  /// The password step: a half-signed-in browser waiting for its code.
  struct Pending {
    var headers: HTTPHeaders
    var csrf: String
  }

  func passwordStep(_ h: WebHarness, _ role: Role) async throws -> Pending {
    let p = h.people[role]!
    let res = try await postLogin(h, p.email, p.password)
    #expect(res.headers.first(name: .location)?.hasPrefix("/login/2fa") == true)
    let cookie = try #require(res.headers.setCookie?[BrowserSessionMiddleware.cookie]?.string)
    let page = try await h.app.testing().sendRequest(.GET, "/login/2fa", headers: sessionHeaders(cookie))
    let csrf = String(try #require(page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1)
    return Pending(headers: sessionHeaders(cookie, form: true), csrf: csrf)
  }

  func sendCode(_ tester: any TestingApplicationTester, _ pending: Pending, _ code: String) async throws
    -> TestingHTTPResponse
  {
    try await tester.sendRequest(
      .POST, "/login/2fa", headers: pending.headers, body: ByteBuffer(string: "_csrf=\(pending.csrf)&code=\(code)"))
  }

  @Test func theRightPasswordDoesNotClearWrongCodes() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h async throws in
      let secret = try await enableTOTP(h, .admin)
      // Five wrong codes, each after a fresh, correct password.
      for _ in 0..<5 {
        let pending = try await passwordStep(h, .admin)
        #expect(try await sendCode(h.app.testing(), pending, "000000").status == .unauthorized)
      }
      // The password is right again, but the codes stay throttled: even the right code waits.
      let pending = try await passwordStep(h, .admin)
      let right = TOTP(secret: secret).code(at: clock.now)
      let blocked = try await sendCode(h.app.testing(), pending, right)
      #expect(blocked.status == .tooManyRequests)
      #expect(blocked.body.string.contains("For mange feilforsøk"))
      // After the wait the right code gets in.
      clock.advance(31)
      let later = TOTP(secret: secret).code(at: clock.now)
      let ok = try await sendCode(h.app.testing(), pending, later)
      #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/")
    }
  }

  @Test func aCodeIsAcceptedOnce() async throws {
    try await withWeb { h async throws in
      let secret = try await enableTOTP(h, .admin)
      let code = TOTP(secret: secret).code(at: h.now)
      let first = try await sendCode(h.app.testing(), try await passwordStep(h, .admin), code)
      #expect(first.status == .seeOther && first.headers.first(name: .location) == "/")
      // Someone who saw the code (over a shoulder, in a proxy log) cannot use it again…
      let replay = try await sendCode(h.app.testing(), try await passwordStep(h, .admin), code)
      #expect(replay.status == .unauthorized)
      // …nor the code of the step before it.
      let older = TOTP(secret: secret).code(at: h.now.addingTimeInterval(-30))
      #expect(try await sendCode(h.app.testing(), try await passwordStep(h, .admin), older).status == .unauthorized)
      let audit = try await AuditLog.recent(on: h.db, limit: 100)
      #expect(audit.filter { $0.action == "login.succeeded" && $0.fields.contains("totp") }.count == 1)
    }
  }

  @Test func oneRecoveryCodeInEightParallelSignInsGivesOneSession() async throws {
    try await withWeb { h async throws in
      try await enableTOTP(h, .admin, recovery: ["abcd-efgh-jkmn", "pqrs-tuvw-xyz2"])
      var pendings: [Pending] = []
      for _ in 0..<8 { pendings.append(try await passwordStep(h, .admin)) }
      let tester = try h.app.testing()
      let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
        for pending in pendings {
          group.addTask { try await self.sendCode(tester, pending, "abcd-efgh-jkmn").status }
        }
        return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
      }
      #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
      let user = try await UserRepository(db: h.db).find(id: h.people[.admin]!.id)
      #expect(user?.recoveryCodes == Secrets.sha256Hex("pqrs-tuvw-xyz2"))
    }
  }

  @Test func requiringTwoFactorStopsTokensOfPeopleWithout() async throws {
    try await withWeb { h async throws in
      try await enableTOTP(h, .admin)
      try await SettingsRepository(db: h.db).set(SettingsRepository.requireTwoFactor, true, actor: .system, now: h.now)
      // An existing token of a password-only user no longer works…
      let api = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents", headers: h.headers(.responder, api: true))
      #expect(api.status == .forbidden)
      #expect(api.body.string.contains("two-factor"))
      // …while a person with two-factor keeps using theirs.
      let admin = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents", headers: h.headers(.admin, api: true))
      #expect(admin.status == .ok)
      // And no new token can be made without two-factor, even with the password.
      let tokens = try await rows(h.db, "api_tokens")
      let form = h.form(.responder, ["name": "skript", "token_password": h.people[.responder]!.password])
      let mint = try await h.app.testing().sendRequest(.POST, "/account/tokens", headers: form.0, body: form.1)
      #expect(mint.status == .unprocessableEntity)
      #expect(mint.body.string.contains("Slå på tofaktor før du lager API-nøkler"))
      #expect(!mint.body.string.contains("bk_"))
      #expect(try await rows(h.db, "api_tokens") == tokens)
    }
  }

  @Test func makingATokenAsksForThePasswordAgain() async throws {
    try await withWeb { h async throws in
      let tokens = try await rows(h.db, "api_tokens")
      var form = h.form(.responder, ["name": "skript"])
      let without = try await h.app.testing().sendRequest(.POST, "/account/tokens", headers: form.0, body: form.1)
      #expect(without.status == .unprocessableEntity && without.body.string.contains("Passordet er feil"))
      #expect(try await rows(h.db, "api_tokens") == tokens)
      form = h.form(.responder, ["name": "skript", "token_password": h.people[.responder]!.password])
      let with = try await h.app.testing().sendRequest(.POST, "/account/tokens", headers: form.0, body: form.1)
      #expect(with.status == .ok && with.body.string.contains("bk_"))
      #expect(try await rows(h.db, "api_tokens") == tokens + 1)
    }
  }
}
