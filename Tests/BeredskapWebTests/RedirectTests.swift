import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Issue 7 point 3: redirect targets taken from a request stay on this site.
@Suite(.serialized) struct RedirectTests {
  static let offSite = [
    "/%5Cevil.example", "/%255Cevil.example", "//evil.example", "/%2F%2Fevil.example", "https://evil.example",
    "javascript:alert(1)", "/%0d%0aSet-Cookie:%20beredskap_session=x", "/%09/evil.example", "%2F%2Fevil.example", "",
  ]

  @Test func theLanguageSwitchGoesBackOnlyToAPathOnThisSite() async throws {
    try await withWeb { h async throws in
      for back in Self.offSite {
        let res = try await h.app.testing().sendRequest(.GET, "/lang/en?back=\(back)")
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/", "back=\(back)")
        #expect(res.headers.setCookie?["beredskap_session"] == nil, "back=\(back)")
      }
      let ok = try await h.app.testing().sendRequest(.GET, "/lang/en?back=/incidents/INC-2026-001%23clocks")
      #expect(ok.headers.first(name: .location) == "/incidents/INC-2026-001#clocks")
    }
  }

  @Test func signingInGoesOnOnlyToAPathOnThisSite() async throws {
    try await withWeb { h async throws in
      let p = h.people[.viewer]!
      for next in [
        "/\\evil.example", "/%5Cevil.example", "//evil.example", "/\r\nSet-Cookie: x=1", "https://x.example",
      ] {
        let res = try await postLogin(h, p.email, p.password, next: next)
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/", "next=\(next.debugDescription)")
      }
      let ok = try await postLogin(h, p.email, p.password, next: "/incidents")
      #expect(ok.headers.first(name: .location) == "/incidents")
      // The sign-in page does not hand a bad target on in its form either.
      let page = try await h.app.testing().sendRequest(.GET, "/login?next=/%5Cevil.example")
      #expect(page.body.string.contains(#"name="next" value="/""#))
    }
  }

  @Test func noResponseHeaderCarriesALineBreak() {
    var headers = HTTPHeaders()
    headers.add(name: .location, value: "/")
    #expect(SecurityHeadersMiddleware.unsafeHeader(in: headers) == nil)
    headers.add(name: "X-Test", value: "/\r\nSet-Cookie: x=1")
    #expect(SecurityHeadersMiddleware.unsafeHeader(in: headers) == "X-Test")
  }
}
