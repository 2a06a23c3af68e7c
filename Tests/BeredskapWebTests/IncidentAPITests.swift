import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

@Suite(.serialized) struct IncidentAPITests {
  func object(_ res: TestingHTTPResponse) throws -> [String: JSONValue] {
    guard case .object(let o) = try JSONValue.parse(Data(res.body.string.utf8)) else { throw Abort(.badRequest) }
    return o
  }

  @Test func createListAndReadThroughTheAPI() async throws {
    try await withWeb { h in
      for i in 1...3 {
        let (headers, body) = h.json(
          .responder,
          #"{"title":"Hendelse \#(i)","severity":\#(i),"discovered_at":"2026-11-23T09:00:00+01:00","discovered_by":"monitoring","systems_affected":["api"]}"#
        )
        let res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
        #expect(res.status == .created)
        let o = try object(res)
        #expect(o["number"] == .string("INC-2026-00\(i)"))
        #expect(o["discovered_at"] == .string("2026-11-23T08:00:00Z"))
        #expect(res.headers.first(name: .location) == "/api/v1/incidents/INC-2026-00\(i)")
      }
      let page = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents?limit=2", headers: h.headers(.viewer, api: true))
      let o = try object(page)
      guard case .array(let items)? = o["incidents"] else { throw Abort(.badRequest) }
      let numbers: [JSONValue] = items.compactMap { if case .object(let i) = $0 { i["number"] } else { nil } }
      #expect(numbers == [JSONValue.string("INC-2026-003"), JSONValue.string("INC-2026-002")])
      #expect(o["next_cursor"] == .string("INC-2026-002"))
      let next = try object(
        try await h.app.testing().sendRequest(
          .GET, "/api/v1/incidents?limit=2&cursor=INC-2026-002", headers: h.headers(.viewer, api: true)))
      #expect(next["next_cursor"] == .null)

      let (headers, body) = h.json(.responder, #"{"status":"resolved","owner_email":"admin@example.invalid"}"#)
      let patched = try object(
        try await h.app.testing().sendRequest(.PATCH, "/api/v1/incidents/INC-2026-001", headers: headers, body: body))
      #expect(patched["status"] == .string("resolved"))
      #expect(patched["title"] == .string("Hendelse 1"))
      let timeline = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/INC-2026-001/timeline", headers: h.headers(.viewer, api: true))
      #expect(timeline.body.string.contains("\"kind\":\"status\""))
    }
  }

  @Test func badInputIsAProblemThatNamesEveryFieldAndWritesNothing() async throws {
    try await withWeb { h in
      let (headers, body) = h.json(
        .responder, #"{"title":"","severity":"high","discovered_at":"yesterday","colour":"red"}"#)
      let res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
      let o = try object(res)
      guard case .array(let errors)? = o["errors"] else { throw Abort(.badRequest) }
      let fields = Set(
        errors.compactMap { if case .object(let e) = $0, case .string(let f)? = e["field"] { f } else { nil } })
      #expect(fields == ["title", "severity", "discovered_at", "discovered_by", "colour"])
      #expect(
        o["detail"].map { "\($0)" }?.contains(#"severity: must be a whole number from 1 to 4, got \"high\""#) == true)
      #expect(try await rows(h.db, "incidents") == 0)

      let notJSON = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents", headers: h.json(.responder, "").0, body: ByteBuffer(string: "nope"))
      #expect(notJSON.status == .unprocessableEntity)
      let missing = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/INC-2026-999", headers: h.headers(.viewer, api: true))
      #expect(missing.status == .notFound && missing.headers.contentType?.description.contains("problem+json") == true)
      let badLimit = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents?limit=0", headers: h.headers(.viewer, api: true))
      #expect(badLimit.status == .unprocessableEntity && badLimit.body.string.contains("\"field\":\"limit\""))
    }
  }

  @Test func withoutATokenItIs401AndAViewerMayNotWrite() async throws {
    try await withWeb { h in
      let anon = try await h.app.testing().sendRequest(.GET, "/api/v1/incidents")
      #expect(anon.status == .unauthorized && anon.headers.first(name: "WWW-Authenticate") == "Bearer")
      let bogus = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents", headers: ["Authorization": "Bearer bk_not-a-real-token"])
      #expect(bogus.status == .unauthorized)
      let (headers, body) = h.json(
        .viewer, #"{"title":"x","severity":1,"discovered_at":"2026-11-23T09:00:00Z","discovered_by":"x"}"#)
      let forbidden = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
      #expect(forbidden.status == .forbidden)
      #expect(try await rows(h.db, "incidents") == 0)
    }
  }

  @Test func theOpenAPIDescriptionIsServed() async throws {
    try await withWeb { h in
      let res = try await h.app.testing().sendRequest(.GET, "/api/openapi.yaml")
      #expect(res.status == .ok)
      #expect(res.body.string.hasPrefix("openapi: 3.1.0"))
      // Every API route is described.
      for route in h.app.routes.all where route.path.first?.description == "api" && route.path.count > 2 {
        let path =
          "/"
          + route.path.map { c in "\(c)".hasPrefix(":") ? "{\("\(c)".dropFirst())}" : "\(c)" }.joined(separator: "/")
        #expect(res.body.string.contains("\n  \(path):"), "\(path) is not in the spec")
        #expect(res.body.string.contains(route.method.rawValue.lowercased() + ":"))
      }
    }
  }
}
