import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Issue 7 point 5: no session row for anonymous visitors; the scheduler
/// purges expired sessions.
@Suite(.serialized) struct SessionStorageTests {
  @Test func anonymousVisitorsStoreNothingAndStillGetAWorkingSignInForm() async throws {
    try await withWeb { h async throws in
      let before = try await rows(h.db, "sessions")
      for _ in 0..<20 {
        let page = try await h.app.testing().sendRequest(.GET, "/login")
        #expect(page.status == .ok)
        #expect(page.headers.setCookie?[BrowserSessionMiddleware.cookie] == nil)
        let cookie = page.headers.setCookie?[FormCookie.name]
        #expect(cookie?.isHTTPOnly == true && cookie?.sameSite == .strict)
      }
      #expect(try await rows(h.db, "sessions") == before)
      // The signed cookie carries the form's CSRF token: signing in works…
      let p = h.people[.viewer]!
      #expect(try await postLogin(h, p.email, p.password).status == .seeOther)
      #expect(try await rows(h.db, "sessions") == before + 1)
      // …and a cookie the server did not sign does not.
      var form = try await anonymousForm(h)
      let forged = FormCookie.issue(key: "not the server's key", now: h.now)
      form.csrf = forged.token
      form.headers.replaceOrAdd(name: .cookie, value: "\(FormCookie.name)=\(forged.value)")
      #expect(try await postLogin(h, p.email, p.password, form: form).status == .forbidden)
    }
  }

  @Test func theSchedulerPurgesExpiredSessions() async throws {
    try await withWeb { h async throws in
      let live = try await rows(h.db, "sessions")
      let sessions = SessionRepository(db: h.db)
      for _ in 0..<3 {
        _ = try await sessions.start(
          userID: h.people[.viewer]!.id, pendingSecondFactor: false,
          now: h.now.addingTimeInterval(-SessionRepository.lifetime - 60))
      }
      #expect(try await rows(h.db, "sessions") == live + 3)
      await ReminderScheduler(interval: 30, notifiers: []).tick(h.app)
      #expect(try await rows(h.db, "sessions") == live)
      // The people signed in are still signed in.
      #expect(try await h.app.testing().sendRequest(.GET, "/", headers: h.headers(.viewer)).status == .ok)
    }
  }
}
