import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The public status page and its feed: what a status update publishes, and
/// that nothing internal to an incident ever reaches them.
@Suite(.serialized) struct StatusPageTests {
  /// Generated fake personal data, one value per internal field of an incident.
  static let secrets = [
    "Oddvar Prøvemann",  // title
    "kari.fiktiv@example.invalid",  // summary
    "98765432109",  // a national id that fails the checksum, in the attack vector
    "Ragnhild Oppdiktet",  // discovered by
    "+47 400 00 001",  // a note
    "Test Admin",  // the owner
    "Test Responder",  // who published
    "INC-2026-001",  // the incident's number
  ]

  func seed(_ h: WebHarness) async throws {
    var (headers, body) = h.json(
      .responder,
      #"{"title":"Innbrudd hos Oddvar Prøvemann","summary":"Kunden kari.fiktiv@example.invalid ringte","severity":1,"discovered_at":"2026-11-23T06:00:00Z","discovered_by":"Ragnhild Oppdiktet","attack_vector":"phishing 98765432109","owner_email":"admin@example.invalid","systems_affected":["api"]}"#
    )
    var res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents", headers: headers, body: body)
    #expect(res.status == .created)
    (headers, body) = h.json(.responder, #"{"text":"Ring +47 400 00 001 om kvelden"}"#)
    res = try await h.app.testing().sendRequest(
      .POST, "/api/v1/incidents/INC-2026-001/notes", headers: headers, body: body)
    #expect(res.status == .created)
    (headers, body) = h.json(.responder, AssessmentWebTests.leak)
    res = try await h.app.testing().sendRequest(
      .POST, "/api/v1/incidents/INC-2026-001/assessments", headers: headers, body: body)
    #expect(res.status == .created)
  }

  func publish(_ h: WebHarness, _ json: String, number: String = "INC-2026-001") async throws -> TestingHTTPResponse {
    let (headers, body) = h.json(.responder, json)
    return try await h.app.testing().sendRequest(
      .POST, "/api/v1/incidents/\(number)/status-updates", headers: headers, body: body)
  }

  @Test func anUpdatePublishesOnlyItsOwnFieldsToThePageAndTheFeed() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h in
      try await seed(h)
      // Not published yet: the page says all is well and names nothing.
      var page = try await h.app.testing().sendRequest(.GET, "/status")
      #expect(page.status == .ok)
      #expect(page.body.string.contains("Alle tjenester fungerer normalt."))

      var res = try await publish(
        h, #"{"title":"Innlogging feiler","message":"Noen brukere får ikke logget inn.","components":["Innlogging"]}"#)
      #expect(res.status == .created)
      #expect(res.body.string.contains(#""status":"investigating""#))
      clock.advance(60)
      res = try await publish(
        h,
        #"{"title":"Innlogging feiler","message":"Feilen er rettet <b>& vi følger med</b>.","status":"monitoring"}"#)
      #expect(res.status == .created)

      page = try await h.app.testing().sendRequest(.GET, "/status")
      #expect(page.status == .ok)
      let html = page.body.string
      #expect(html.contains("Innlogging feiler"))
      #expect(html.contains("Overvåker"))
      #expect(html.contains("Innlogging"))
      #expect(html.contains("&lt;b&gt;&amp; vi følger med&lt;/b&gt;"))
      // Newest first, times in Norwegian time (10:00 UTC is 11:00 in Oslo in November).
      let newest = try #require(html.range(of: "Feilen er rettet"))
      let oldest = try #require(html.range(of: "Noen brukere"))
      #expect(newest.lowerBound < oldest.lowerBound)
      #expect(html.contains("11:00"))
      // No session, no cookie, cacheable for a short while.
      #expect(page.headers[.setCookie].isEmpty)
      #expect(page.headers.first(name: .cacheControl) == "public, max-age=30")

      let feed = try await h.app.testing().sendRequest(.GET, "/status.atom")
      #expect(feed.status == .ok)
      #expect(feed.headers.contentType?.description.hasPrefix("application/atom+xml") == true)
      #expect(feed.headers[.setCookie].isEmpty)
      let atom = try AtomDocument(feed.body.string)
      #expect(atom.entryIDs.count == 2)
      #expect(atom.entryIDs.allSatisfy { $0.hasPrefix("urn:uuid:") })
      #expect(atom.feedID.hasPrefix("urn:uuid:"))
      #expect(atom.updated == ["2026-11-23T10:01:00Z", "2026-11-23T10:01:00Z", "2026-11-23T10:00:00Z"])
      #expect(atom.text.contains("Feilen er rettet <b>& vi følger med</b>."))
      // The same feed twice: the same ids.
      let again = try AtomDocument(try await h.app.testing().sendRequest(.GET, "/status.atom").body.string)
      #expect(again.entryIDs == atom.entryIDs && again.feedID == atom.feedID)

      for secret in Self.secrets {
        #expect(!html.contains(secret), "the status page shows \(secret)")
        #expect(!feed.body.string.contains(secret), "the feed shows \(secret)")
      }
      // Someone published it: on the timeline and in the audit trail.
      let timeline = try await h.app.testing().sendRequest(
        .GET, "/api/v1/incidents/INC-2026-001/timeline", headers: h.headers(.viewer, api: true))
      #expect(timeline.body.string.contains(#""kind":"status_update""#))
      let audit = try await AuditEntryRecord.query(on: h.db).all()
      #expect(audit.filter { $0.action == AuditAction.statusUpdatePublish.rawValue }.count == 2)
    }
  }

  @Test func englishOnRequestAndResolvedIncidentsLeaveAfterTwoWeeks() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h in
      try await seed(h)
      let res = try await publish(h, #"{"title":"API er tregt","message":"Løst.","status":"resolved"}"#)
      #expect(res.status == .created)
      let en = try await h.app.testing().sendRequest(.GET, "/status?lang=en")
      #expect(en.body.string.contains("Recently resolved incidents"))
      #expect(en.body.string.contains(#"<html lang="en">"#))
      let cookie = try await h.app.testing().sendRequest(
        .GET, "/status.atom", headers: ["Cookie": "\(BrowserSessionMiddleware.languageCookie)=en"])
      #expect(cookie.body.string.contains("Resolved: API er tregt"))
      clock.advance(15 * 86_400)
      let later = try await h.app.testing().sendRequest(.GET, "/status")
      #expect(!later.body.string.contains("API er tregt"))
      #expect(later.body.string.contains("Alle tjenester fungerer normalt."))
    }
  }

  @Test func componentsMustBeThePlansAndBadInputNamesTheField() async throws {
    var plan = Plan.builtIn
    plan.components = ["Nettappen", "API", "SMS", "Push"]
    try await withWeb(plan: plan) { h in
      try await seed(h)
      var res = try await publish(
        h, #"{"title":"SMS forsinket","message":"Meldinger kommer sent.","components":["E-post"]}"#)
      #expect(res.status == .unprocessableEntity)
      #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
      #expect(res.body.string.contains(#""field":"components""#))
      res = try await publish(h, #"{"title":"","message":"x","status":"broken","colour":"red"}"#)
      #expect(res.status == .unprocessableEntity)
      for field in ["title", "status", "colour"] { #expect(res.body.string.contains(#""field":"\#(field)""#)) }
      res = try await publish(h, #"{"title":"SMS","message":"x"}"#, number: "INC-2026-999")
      #expect(res.status == .notFound)
      #expect(try await rows(h.db, StatusUpdateRecord.schema) == 0)

      let (vh, vb) = h.json(.viewer, #"{"title":"SMS forsinket","message":"Meldinger kommer sent."}"#)
      res = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/INC-2026-001/status-updates", headers: vh, body: vb)
      #expect(res.status == .forbidden)
      res = try await h.app.testing().sendRequest(.POST, "/api/v1/incidents/INC-2026-001/status-updates")
      #expect(res.status == .unauthorized)

      res = try await publish(h, #"{"title":"SMS forsinket","message":"Meldinger kommer sent.","components":["SMS"]}"#)
      #expect(res.status == .created)
    }
  }

  @Test func theFormOnTheIncidentPagePublishesAndWarnsAboutPersonalData() async throws {
    var plan = Plan.builtIn
    plan.components = ["Nettappen", "API"]
    try await withWeb(plan: plan) { h in
      try await seed(h)
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/INC-2026-001", headers: h.headers(.responder))
      #expect(page.body.string.contains("Ikke skriv personopplysninger"))
      var (headers, body) = h.form(
        .responder, ["title": "Nettappen nede", "message": "Vi undersøker.", "component[]": "Drift"])
      var res = try await h.app.testing().sendRequest(
        .POST, "/incidents/INC-2026-001/status-updates", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("Berørte deler av tjenesten må være blant dem planen nevner"))
      (headers, body) = h.form(
        .responder, ["title": "Nettappen nede", "message": "Vi undersøker.", "component[]": "Nettappen"])
      res = try await h.app.testing().sendRequest(
        .POST, "/incidents/INC-2026-001/status-updates", headers: headers, body: body)
      #expect(res.status == .seeOther)
      let status = try await h.app.testing().sendRequest(.GET, "/status")
      #expect(status.body.string.contains("Nettappen nede"))
      #expect(status.body.string.contains("Undersøker"))
      // A viewer sees what was published but gets no form.
      let viewer = try await h.app.testing().sendRequest(.GET, "/incidents/INC-2026-001", headers: h.headers(.viewer))
      #expect(viewer.body.string.contains("Nettappen nede"))
      #expect(!viewer.body.string.contains("/incidents/INC-2026-001/status-updates"))
    }
  }

  @Test func maintenanceIsShownUntilItIsOver() async throws {
    let clock = TestClock(fixedNow)
    try await withWeb(clock: clock) { h in
      var (headers, body) = h.json(
        .responder,
        #"{"title":"Oppgradering av databasen","message":"Tjenesten kan være treg.","components":["API"],"starts_at":"2026-11-24T22:00:00+01:00","ends_at":"2026-11-24T23:00:00+01:00"}"#
      )
      var res = try await h.app.testing().sendRequest(.POST, "/api/v1/maintenance", headers: headers, body: body)
      #expect(res.status == .created)
      (headers, body) = h.json(
        .responder, #"{"title":"x","message":"y","starts_at":"2026-11-24T22:00:00Z","ends_at":"2026-11-24T21:00:00Z"}"#)
      res = try await h.app.testing().sendRequest(.POST, "/api/v1/maintenance", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains(#""field":"ends_at""#))
      (headers, body) = h.json(.viewer, #"{"title":"x","message":"y"}"#)
      res = try await h.app.testing().sendRequest(.POST, "/api/v1/maintenance", headers: headers, body: body)
      #expect(res.status == .forbidden)

      var page = try await h.app.testing().sendRequest(.GET, "/status")
      #expect(page.body.string.contains("Oppgradering av databasen"))
      #expect(page.body.string.contains("24.11.2026 22:00") || page.body.string.contains("22:00"))
      let feed = try AtomDocument(try await h.app.testing().sendRequest(.GET, "/status.atom").body.string)
      #expect(feed.entryIDs.count == 1)
      let form = try await h.app.testing().sendRequest(.GET, "/maintenance", headers: h.headers(.responder))
      #expect(form.status == .ok)
      #expect(form.body.string.contains("Oppgradering av databasen"))
      let denied = try await h.app.testing().sendRequest(.GET, "/maintenance", headers: h.headers(.viewer))
      #expect(denied.status == .forbidden)
      clock.advance(2 * 86_400)
      page = try await h.app.testing().sendRequest(.GET, "/status")
      #expect(!page.body.string.contains("Oppgradering av databasen"))

    }
  }
}

/// The timeline route's description names every kind of line, so the fuzzer
/// accepts a timeline with a status update (or any kind added later).
@Suite struct TimelineKindsInTheAPIDescription {
  @Test func everyTimelineKindIsInTheEnum() async throws {
    try await withWeb { h in
      let spec = try await h.app.testing().sendRequest(.GET, "/api/openapi.yaml").body.string
      let start = try #require(spec.range(of: "TimelineEvent:"))
      let rest = spec[start.upperBound...]
      let enumStart = try #require(rest.range(of: "enum: ["))
      let enumEnd = try #require(rest[enumStart.upperBound...].range(of: "]"))
      let names = Set(
        rest[enumStart.upperBound..<enumEnd.lowerBound].split(whereSeparator: { ", \n".contains($0) }).map(String.init))
      for kind in TimelineKind.allCases {
        #expect(names.contains(kind.rawValue), "\(kind.rawValue) is not in the enum")
      }
    }
  }
}

/// An Atom document parsed by a real XML parser: a malformed feed throws.
struct AtomDocument {
  var feedID = ""
  var entryIDs: [String] = []
  var updated: [String] = []
  var text = ""

  init(_ xml: String) throws {
    final class Delegate: NSObject, XMLParserDelegate {
      var path: [String] = []
      var chars = ""
      var doc = AtomDocument(empty: ())
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
      ) {
        path.append(name)
        chars = ""
      }
      func parser(_ parser: XMLParser, foundCharacters string: String) { chars += string }
      func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let parent = path.dropLast().last
        if name == "id", parent == "feed" { doc.feedID = chars }
        if name == "id", parent == "entry" { doc.entryIDs.append(chars) }
        if name == "updated" { doc.updated.append(chars) }
        if name == "content" || name == "title" { doc.text += chars + "\n" }
        path.removeLast()
        chars = ""
      }
    }
    let parser = XMLParser(data: Data(xml.utf8))
    let delegate = Delegate()
    parser.delegate = delegate
    guard parser.parse(), delegate.doc.feedID != "" else {
      throw Abort(.internalServerError, reason: "invalid Atom: \(parser.parserError.map { "\($0)" } ?? "no feed id")")
    }
    self = delegate.doc
  }

  private init(empty: Void) {}
}
