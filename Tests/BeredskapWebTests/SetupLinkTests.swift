import BeredskapCore
import BeredskapStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Issue 7 point 8: the setup link makes one admin however many submit it,
/// lives 24 hours, and the sign-in page says where it is.
@Suite(.serialized) struct SetupLinkTests {
  /// Makes the harness's database look like a fresh installation.
  func noAdmin(_ h: WebHarness) async throws {
    try await (h.db as! any SQLDatabase).raw("UPDATE users SET role = 'responder' WHERE role = 'admin'").run()
  }

  func path(of link: String) throws -> String {
    let range = try #require(link.range(of: "/setup/"))
    return String(link[range.lowerBound...])
  }

  func admins(_ h: WebHarness) async throws -> Int {
    try await UserRecord.query(on: h.db).filter(\.$role == "admin").count()
  }

  @Test func sixParallelSubmissionsMakeOneAdmin() async throws {
    try await withWeb { h async throws in
      try await noAdmin(h)
      let created = try await AuditLog.recent(on: h.db, limit: 100).filter { $0.action == "user.create" }.count
      let path = try path(of: try #require(try await SetupController.issueLinkIfNeeded(h.app)))
      let form = try await anonymousForm(h, path)
      let tester = try h.app.testing()
      let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
        for i in 0..<6 {
          group.addTask {
            try await tester.sendRequest(
              .POST, path, headers: form.headers,
              body: form.body([
                ("name", "Admin \(i)"), ("email", "admin\(i)@example.invalid"), ("password", "et langt passord"),
                ("password_confirm", "et langt passord"),
              ])
            ).status
          }
        }
        return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
      }
      #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
      #expect(statuses.filter { $0 == .notFound }.count == 5, "\(statuses)")
      #expect(try await admins(h) == 1)
      let audit = try await AuditLog.recent(on: h.db, limit: 100)
      #expect(audit.filter { $0.action == "user.create" }.count == created + 1)
    }
  }

  @Test func theLinkLivesTwentyFourHoursAndANewStartPrintsANewOne() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h async throws in
      try await noAdmin(h)
      let old = try path(of: try #require(try await SetupController.issueLinkIfNeeded(h.app)))
      clock.advance(SetupLinkRepository.lifetime - 60)
      let form = try await anonymousForm(h, old)
      clock.advance(120)
      let expired = try await h.app.testing().sendRequest(.GET, old)
      #expect(expired.status == .notFound && expired.body.string.contains("Lenken er brukt eller utløpt"))
      let post = try await h.app.testing().sendRequest(
        .POST, old, headers: form.headers,
        body: form.body([
          ("name", "Kari"), ("email", "kari@example.invalid"), ("password", "et langt passord"),
          ("password_confirm", "et langt passord"),
        ]))
      #expect(post.status == .notFound)
      #expect(try await admins(h) == 0)
      // The next start prints a fresh link that works.
      let fresh = try path(of: try #require(try await SetupController.issueLinkIfNeeded(h.app)))
      #expect(try await h.app.testing().sendRequest(.GET, fresh).status == .ok)
    }
  }

  @Test func withoutAnAdminTheSignInPageSaysWhereTheLinkIs() async throws {
    try await withWeb { h async throws in
      // A fresh installation: nobody could use a sign-in form.
      try await noAdmin(h)
      try await (h.db as! any SQLDatabase).raw("UPDATE users SET password_hash = NULL").run()
      let page = try await h.app.testing().sendRequest(.GET, "/login")
      #expect(page.status == .ok)
      #expect(page.body.string.contains("serverens konsoll"))
      #expect(!page.body.string.contains(#"name="password""#))
      // People without an admin (the last one demoted) still get the form, under the notice.
      try await (h.db as! any SQLDatabase).raw("UPDATE users SET password_hash = 'x'").run()
      let both = try await h.app.testing().sendRequest(.GET, "/login")
      #expect(both.body.string.contains("serverens konsoll") && both.body.string.contains(#"name="password""#))
      // Once there is an admin, only the form.
      try await (h.db as! any SQLDatabase).raw("UPDATE users SET role = 'admin' WHERE email = 'admin@example.invalid'")
        .run()
      let form = try await h.app.testing().sendRequest(.GET, "/login")
      #expect(form.body.string.contains(#"name="password""#) && !form.body.string.contains("serverens konsoll"))
    }
  }
}
