import BeredskapCore
import Foundation
import Testing

@Suite struct FactsParsingTests {
  func problems(_ json: String) -> [String] {
    do {
      _ = try BreachFacts.parse(json: Data(json.utf8))
      return []
    } catch {
      return error.problems.map(\.description)
    }
  }

  let minimal =
    #""schema":"beredskap.breach-facts/1","became_aware_at":"2026-05-12T08:30:00+02:00","nature":["confidentiality"],"data_categories":["identity"]"#

  @Test func minimalFactsTakeTheDefaults() throws {
    let f = try BreachFacts.parse(json: Data("{\(minimal)}".utf8))
    #expect(f.role == .controller && f.cause == .unknown && f.protection == .none && f.recipients == .unknown)
    #expect(f.dataSubjects == nil && f.categoriesComplete && f.mitigations.isEmpty)
  }

  @Test func aBadCountNamesTheFieldAndQuotesWhatItGot() {
    #expect(
      problems("{\(minimal),\"data_subjects\":\"many\"}") == [#"data_subjects: must be a whole number ≥ 0, got "many""#]
    )
    #expect(problems("{\(minimal),\"data_subjects\":-1}") == ["data_subjects: must be a whole number ≥ 0, got -1"])
    #expect(problems("{\(minimal),\"data_subjects\":2.5}") == ["data_subjects: must be a whole number ≥ 0, got 2.5"])
  }

  @Test func unknownFieldsAreErrors() {
    #expect(
      problems("{\(minimal),\"data_subject\":3}") == [
        "data_subject: is not a field of beredskap.breach-facts/1 (check the spelling)"
      ])
  }

  @Test func everyProblemIsReportedOnItsOwnLine() {
    let p = problems(
      #"{"schema":"x","nature":[],"data_categories":["health"],"recipients":"everyone","key_compromised":"yes"}"#)
    #expect(p.count == 6)
    #expect(p[0].hasPrefix("schema: "))
    #expect(p.contains { $0.hasPrefix("became_aware_at: is required") })
    #expect(p.contains { $0.hasPrefix("nature: must name at least one") })
    #expect(
      p.contains { $0.hasPrefix(#"data_categories[0]: must be one of technical"#) && $0.hasSuffix(#"got "health""#) })
    #expect(p.contains { $0.hasPrefix("key_compromised: must be true or false") })
    #expect(p.contains { $0.hasPrefix("recipients: must be one of none, trusted") })
  }

  @Test func timesNeedAnOffset() {
    #expect(
      problems(
        #"{"schema":"beredskap.breach-facts/1","became_aware_at":"2026-05-12 08:30","nature":["integrity"],"data_categories":[]}"#
      ).first?.hasPrefix("became_aware_at: must be an RFC 3339 time") == true)
  }

  @Test func notJSONIsSaidPlainly() {
    #expect(problems("{nope") == ["(document): is not valid JSON"])
  }

  @Test func noPersonalDataMeansAnOperationalIncident() throws {
    let f = try BreachFacts.parse(
      json: Data(
        #"{"schema":"beredskap.breach-facts/1","became_aware_at":"2026-05-12T08:30:00Z","nature":["availability"],"data_categories":[]}"#
          .utf8))
    let a = AssessmentEngine.assess(f)
    #expect(!a.personalDataBreach && !a.notifyAuthority && a.risk == .none && a.severity == nil)
  }
}

@Suite struct SerializationTests {
  @Test func jsonRoundTripsAndEscapes() throws {
    let value = JSONValue.object([
      "b": .array([.number(1), .number(2.5), .null, .bool(true)]), "a": .string("«æøå» \"q\" \\ \n\t\u{1}/"),
    ])
    let text = String(decoding: value.serialized(), as: UTF8.self)
    #expect(text == #"{"a":"«æøå» \"q\" \\ \n\t\u0001/","b":[1,2.5,null,true]}"#)
    #expect(try JSONValue.parse(value.serialized()) == value)
    #expect(try JSONValue.parse(value.serialized(pretty: true)) == value)
  }

  @Test func timestampsMatchFoundationAcrossYearsAndZones() {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = Timestamp.oslo
    var t = -2_208_988_800.0  // 1900
    while t < 4_102_444_800 {  // 2100
      let d = Date(timeIntervalSince1970: t)
      #expect(Timestamp.utc(d) == f.string(from: d))
      let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: d)
      #expect(
        Timestamp.localInput(d)
          == String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!))
      t += 7_654_321.5
    }
  }
}

@Suite struct AncientDatesTests {
  @Test func yearsBeforeOneThousandKeepFourDigitsAndIncidentsRejectThem() {
    let d = Timestamp.parse("0597-05-05T01:01:15Z")!
    // Foundation reads years before 1582 as Julian; what matters here is the four-digit year.
    #expect(Timestamp.utc(d).hasPrefix("0597-05-"))
    var draft = IncidentDraft()
    draft.title = "x"
    draft.severity = "1"
    draft.discoveredBy = "x"
    draft.discoveredAt = "0597-05-05T01:01:15Z"
    guard case .failure(let errors) = draft.validate(now: Date()) else {
      Issue.record("accepted a discovery in the year 597")
      return
    }
    #expect(errors.first("discovered_at") == "error.time.too_old")
  }
}
