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

/// Every number is bounded where it is parsed: absurd values are field
/// errors, never a crash, and an awareness time in the future is refused.
@Suite struct FactsBoundsTests {
  let minimal =
    #""schema":"beredskap.breach-facts/1","became_aware_at":"2026-05-12T08:30:00+02:00","nature":["availability"],"data_categories":["identity","contact"]"#

  func problems(_ extra: String) -> [String] {
    do {
      let f = try BreachFacts.parse(json: Data("{\(minimal),\(extra)}".utf8))
      _ = AssessmentEngine.assess(f).json()
      return []
    } catch {
      return error.problems.map(\.description)
    }
  }

  @Test(arguments: [
    (#""restore_hours":1e300"#, "restore_hours: must be at most 87660 hours"),
    (#""exposure_hours":87661"#, "exposure_hours: must be at most 87660 hours"),
    (#""restore_hours":-1"#, "restore_hours: must be a number of hours ≥ 0"),
    (#""category_subjects":{"contact":1e19}"#, "category_subjects.contact: must be at most 10000000000"),
    (#""category_subjects":{"contact":-3}"#, "category_subjects.contact: must be a whole number ≥ 0"),
    (#""data_subjects":1e19"#, "data_subjects: must be at most 10000000000"),
    (#""records":10000000001"#, "records: must be at most 10000000000"),
    (#""recipients_count":1e308"#, "recipients_count: must be at most 10000000000"),
    (#""data_subjects":1e400"#, "(document): is not valid JSON"),
  ])
  func absurdNumbersAreFieldErrors(_ input: (String, String)) {
    let p = problems(input.0)
    #expect(p.count == 1 && p[0].hasPrefix(input.1), "\(p)")
  }

  @Test func theLargestAllowedValuesAreAssessed() {
    #expect(
      problems(#""restore_hours":87660,"data_subjects":10000000000,"category_subjects":{"contact":10000000000}"#)
        .isEmpty)
  }

  @Test func anAwarenessTimeInTheFutureIsRefused() throws {
    let now = try #require(Timestamp.parse("2026-05-12T06:20:00Z"))
    let json = Data("{\(minimal)}".utf8)  // aware 06:30Z: ten minutes ahead
    #expect(throws: FactsError.self) { try BreachFacts.parse(json: json, receivedAt: now) }
    do {
      _ = try BreachFacts.parse(json: json, receivedAt: now)
    } catch {
      #expect(error.problems.map(\.field) == ["became_aware_at"])
    }
    // Within five minutes of the clock (skew) it is accepted.
    #expect(throws: Never.self) { try BreachFacts.parse(json: json, receivedAt: now.addingTimeInterval(6 * 60)) }
  }

  @Test func protectedCategoriesMustBeListedCategories() {
    #expect(
      problems(#""protection":"hashed","protected_categories":["national_id"]"#) == [
        "protected_categories: lists national_id, which is not in data_categories"
      ])
    #expect(problems(#""protection":"hashed","protected_categories":["contact"]"#).isEmpty)
  }
}
