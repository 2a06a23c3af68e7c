import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Issue 7 point 4: a try is counted before the password is checked; limits
/// per account and address, and per address; the proxy's own entry counts.
@Suite(.serialized) struct LoginThrottleTests {
  @Test func sixtyParallelWrongPasswordsGetOnlyTheAllowedChecks() async throws {
    try await withWeb { h async throws in
      let p = h.people[.responder]!
      let form = try await anonymousForm(h)
      let tester = try h.app.testing()
      let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
        for _ in 0..<60 {
          group.addTask {
            try await tester.sendRequest(
              .POST, "/login", headers: form.headers, body: form.body([("email", p.email), ("password", "feil")])
            ).status
          }
        }
        return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
      }
      // Five real password checks (401); the other 55 were refused before any check.
      #expect(statuses.filter { $0 == .unauthorized }.count == LoginThrottle.accountAtAddress.free)
      #expect(statuses.filter { $0 == .tooManyRequests }.count == 60 - LoginThrottle.accountAtAddress.free)
      #expect(try await rows(h.db, "login_attempts") == LoginThrottle.accountAtAddress.free)
    }
  }

  @Test func aStrangerElsewhereCannotLockTheOwnerOut() async throws {
    try await withWeb { h async throws in
      h.app.services.config.trustProxy = true
      let p = h.people[.responder]!
      let stranger = try await anonymousForm(h).forwarded(["198.51.100.9"])
      for _ in 0..<5 {
        #expect(try await postLogin(h, p.email, "gjetning", form: stranger).status == .unauthorized)
      }
      #expect(try await postLogin(h, p.email, "gjetning", form: stranger).status == .tooManyRequests)
      // The owner, from their own address, signs in at once.
      let owner = try await anonymousForm(h).forwarded(["203.0.113.5"])
      #expect(try await postLogin(h, p.email, p.password, form: owner).status == .seeOther)
    }
  }

  @Test func failuresFromOneAddressBlockOtherAccountsOnlyPastTheAddressLimit() async throws {
    try await withWeb { h async throws in
      let spares = 25
      for i in 0..<spares {
        _ = try await UserRepository(db: h.db).create(
          email: "spare\(i)@example.invalid", name: "Spare \(i)", role: .viewer,
          passwordHash: try Bcrypt.hash("riktig passord \(i)", cost: 4), actor: .system, now: h.now)
      }
      // Twenty failures (four on each of five accounts) from one address, the
      // old limit: everyone else at that address (behind a proxy: everyone) still signs in.
      for i in 0..<5 {
        for _ in 0..<4 { #expect(try await postLogin(h, "spare\(i)@example.invalid", "feil").status == .unauthorized) }
      }
      let viewer = h.people[.viewer]!
      #expect(try await postLogin(h, viewer.email, viewer.password).status == .seeOther)
      // Past the address limit the address waits, whatever account it tries.
      for i in 5..<spares {
        for _ in 0..<4 { #expect(try await postLogin(h, "spare\(i)@example.invalid", "feil").status == .unauthorized) }
      }
      #expect(LoginThrottle.address.free == spares * 4)
      let blocked = try await postLogin(h, viewer.email, viewer.password)
      #expect(blocked.status == .tooManyRequests)
      #expect(Int(blocked.headers.first(name: .retryAfter) ?? "") ?? 0 >= 59)
      // Claiming another address in X-Forwarded-For changes nothing without a trusted proxy.
      let forged = try await anonymousForm(h).forwarded(["203.0.113.77"])
      #expect(try await postLogin(h, viewer.email, viewer.password, form: forged).status == .tooManyRequests)
    }
  }

  @Test func behindATrustedProxyOnlyTheEntryTheProxyAddedCounts() async throws {
    try await withWeb { h async throws in
      h.app.services.config.trustProxy = true
      let p = h.people[.responder]!
      // The client forges a new first line every time; the proxy appends its own line.
      for i in 0..<5 {
        let form = try await anonymousForm(h).forwarded(["10.0.0.\(i)", "192.0.2.44"])
        #expect(try await postLogin(h, p.email, "gjetning", form: form).status == .unauthorized)
      }
      let again = try await anonymousForm(h).forwarded(["10.9.9.9", "192.0.2.44"])
      #expect(try await postLogin(h, p.email, p.password, form: again).status == .tooManyRequests)
      // One line with the client's part first is read the same way.
      let oneLine = try await anonymousForm(h).forwarded(["10.1.1.1, 192.0.2.44"])
      #expect(try await postLogin(h, p.email, p.password, form: oneLine).status == .tooManyRequests)
      // The same client behind another proxy hop is someone else.
      let other = try await anonymousForm(h).forwarded(["192.0.2.44", "192.0.2.45"])
      #expect(try await postLogin(h, p.email, p.password, form: other).status == .seeOther)
    }
  }
}
