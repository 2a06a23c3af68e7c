import BeredskapCore
import BeredskapStore
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// Nothing a responder types into an assessment can stop the server: absurd
/// numbers are field errors, an awareness time in the future is refused, a
/// repeated form field is one answer, and a stored assessment that cannot be
/// read any more still shows its page.
@Suite(.serialized) struct AssessmentInputTests {
  let wizard = WizardTests()

  func newIncident(_ h: WebHarness) async throws -> String {
    try await IncidentRepository(db: h.db).create(draft(), ownerID: nil, actor: .system, now: h.now).number
      .description
  }

  func facts(_ extra: String, aware: String = "2026-11-23T08:00:00+01:00") -> String {
    #"{"schema":"beredskap.breach-facts/1","became_aware_at":"\#(aware)","nature":["availability","confidentiality"],"data_categories":["identity","contact"]\#(extra)}"#
  }

  @Test func absurdNumbersAreProblemsNamingTheFieldAndTheServerLives() async throws {
    try await withWeb { h in
      let number = try await newIncident(h)
      let inputs = [
        (#","restore_hours":1e300"#, "restore_hours"),
        (#","category_subjects":{"identity":1e19}"#, "category_subjects"),
        (#","data_subjects":-4"#, "data_subjects"), (#","exposure_hours":1e308"#, "exposure_hours"),
        (#","recipients_count":99999999999999"#, "recipients_count"),
      ]
      for (extra, field) in inputs {
        let (headers, body) = h.json(.responder, facts(extra))
        let res = try await h.app.testing().sendRequest(
          .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
        #expect(res.status == .unprocessableEntity, "\(field)")
        #expect(res.headers.contentType?.description.contains("problem+json") == true)
        #expect(res.body.string.contains(field))
      }
      #expect(try await rows(h.db, "assessments") == 0)
      let health = try await h.app.testing().sendRequest(.GET, "/health")
      #expect(health.status == .ok)
    }
  }

  @Test func anAwarenessTimeInTheFutureIsRefused() async throws {
    try await withWeb { h in
      let number = try await newIncident(h)
      // The harness clock is 2026-11-23T10:00Z; one hour ahead is refused, four minutes is clock skew.
      var (headers, body) = h.json(.responder, facts("", aware: "2026-11-23T11:00:00Z"))
      var res = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("became_aware_at"))
      (headers, body) = h.json(.responder, facts("", aware: "2026-11-23T10:04:00Z"))
      res = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      #expect(res.status == .created)
    }
  }

  @Test func aStoredAssessmentThatCannotBeReadStillShowsItsPage() async throws {
    try await withWeb { h in
      let number = try await newIncident(h)
      let (headers, body) = h.json(.responder, facts(#","data_subjects":12"#))
      _ = try await h.app.testing().sendRequest(
        .POST, "/api/v1/incidents/\(number)/assessments", headers: headers, body: body)
      // Written by an older version, or by hand: a number no page can use.
      let sql = try #require(h.db as? any SQLDatabase)
      try await sql.raw(
        "UPDATE assessments SET facts = \(bind: facts(#","restore_hours":1e300,"category_subjects":{"contact":1e19}"#))"
      ).run()
      for _ in 0..<2 {
        let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
        #expect(page.status == .ok)
        #expect(page.body.string.contains("kan ikke leses lenger"))
      }
      let wizard = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(number)/assess", headers: h.headers(.responder))
      #expect(wizard.status == .ok)
      #expect(try await h.app.testing().sendRequest(.GET, "/health").status == .ok)
    }
  }

  @Test func aRepeatedWizardAnswerIsOneAnswer() async throws {
    try await withWeb { h in
      let number = try await newIncident(h)
      let answers: [(String, String)] = [
        ("a_became_aware_at", "2026-11-23T09:30"), ("a_role", "controller"), ("a_nature", "confidentiality"),
        ("a_data_categories", "identity"), ("a_categories_complete", "true"), ("a_data_subjects", "4"),
        ("a_vulnerable_subjects", "false"), ("a_protection", "none"), ("a_key_compromised", "false"),
        ("a_recipients", "unknown"), ("a_exfiltration", "confirmed"), ("a_cause", "accidental"),
        ("a_misuse_observed", "false"), ("a_data_recovered", "false"),
        ("a_individual_notice_disproportionate", "false"),
        ("a_risk_answers", "financial"), ("a_risk_answers", "financial"), ("a_data_subjects", "9"),
      ]
      let done = try await wizard.post(h, number, answers + [("step", "check"), ("action", "submit")])
      #expect(done.status == .seeOther)
      let stored = try await AssessmentRepository(db: h.db).history(try #require(IncidentNumber(number)))
      #expect(stored.count == 1 && stored[0].facts.contains(#""risk_answers":{"financial":true}"#))
      #expect(try await h.app.testing().sendRequest(.GET, "/health").status == .ok)
    }
  }

  @Test func theWizardStartsAtDiscoveryAsksWhatProtectionCoveredAndShowsAwareness() async throws {
    try await withWeb { h in
      let number = try await newIncident(h)
      let first = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(number)/assess", headers: h.headers(.responder))
      // draft() is discovered 2026-11-23 09:00 UTC = 10:00 in Oslo.
      #expect(first.body.string.contains(#"value="2026-11-23T10:00""#))
      var answers: [(String, String)] = [
        ("a_became_aware_at", "2026-11-23T08:00"), ("a_role", "controller"), ("a_nature", "confidentiality"),
        ("a_data_categories", "identity"), ("a_data_categories", "documents"), ("a_data_categories", "national_id"),
        ("a_categories_complete", "true"), ("a_data_subjects", "23"), ("a_vulnerable_subjects", "false"),
      ]
      let protection = try await wizard.post(
        h, number, answers + [("step", "people"), ("q_data_subjects", "23"), ("q_vulnerable_subjects", "false")])
      #expect(protection.body.string.contains("Hvilke opplysninger dekket beskyttelsen?"))
      #expect(protection.body.string.contains(#"id="q_protected_categories-national_id""#))
      #expect(!protection.body.string.contains(#"id="q_protected_categories-special""#), "only chosen categories")
      answers += [
        ("a_protection", "hashed"), ("a_key_compromised", "false"), ("a_protected_categories", "national_id"),
        ("a_recipients", "public"), ("a_exfiltration", "unknown"), ("a_cause", "accidental"),
        ("a_misuse_observed", "false"), ("a_data_recovered", "false"),
        ("a_individual_notice_disproportionate", "false"),
      ]
      let done = try await wizard.post(h, number, answers + [("step", "check"), ("action", "submit")])
      #expect(done.status == .seeOther)
      let stored = try await AssessmentRepository(db: h.db).history(try #require(IncidentNumber(number)))
      #expect(stored.first?.facts.contains(#""protected_categories":["national_id"]"#) == true)
      #expect(stored.first?.notifySubjects == true, "CVs stayed readable")
      let page = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      #expect(page.body.string.contains("Ble klar over bruddet"))
      #expect(page.body.string.contains("er før hendelsen ble oppdaget"))
    }
  }

  @Test func aLongOrStrangePathIsNotFoundNotAServerError() async throws {
    try await withWeb { h in
      let long = String(repeating: "x", count: 5000)
      for path in ["/\(long)", "/assets/\(long)", "/api/v1/incidents/INC-2026-\(String(repeating: "9", count: 300))"] {
        let res = try await h.app.testing().sendRequest(
          .GET, path, headers: h.headers(.viewer, api: path.hasPrefix("/api")))
        #expect(res.status == .notFound, "\(path.prefix(40))")
      }
      let css = try await h.app.testing().sendRequest(.GET, "/assets/app.css")
      #expect(css.status == .ok)
    }
  }

  @Test func aHandMadeWizardAnswerTheQuestionDoesNotOfferIsRefused() async throws {
    try await withWeb { h in
      let number = try await newIncident(h)
      let answers: [(String, String)] = [
        ("a_became_aware_at", "2026-11-23T09:30"), ("a_role", "controller"), ("a_nature", "availability"),
        ("a_data_categories", "identity"), ("a_categories_complete", "1e300"), ("a_data_subjects", "4"),
        ("a_vulnerable_subjects", "false"), ("a_backup_available", "true"), ("a_restore_hours", "1"),
        ("a_permanent_loss", "-1"), ("a_service_impact", "none"), ("a_cause", "accidental"),
        ("a_misuse_observed", "false"), ("a_data_recovered", "false"),
        ("a_individual_notice_disproportionate", "false"),
      ]
      let res = try await wizard.post(h, number, answers + [("step", "check"), ("action", "submit")])
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("Velg et svar"))
      #expect(try await rows(h.db, "assessments") == 0)
    }
  }
}
