import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// The assessment wizard, walked as a person would: one question at a time,
/// an error when going on without an answer, «Jeg vet ikke», the check page,
/// and the decision stored with its clocks.
@Suite(.serialized) struct WizardTests {
  func post(_ h: WebHarness, _ number: String, _ pairs: [(String, String)]) async throws -> TestingHTTPResponse {
    var headers = h.headers(.responder)
    headers.contentType = .urlEncodedForm
    let all = [("_csrf", h.people[.responder]!.csrf)] + pairs
    let body = all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
      .joined(separator: "&")
    return try await h.app.testing().sendRequest(
      .POST, "/incidents/\(number)/assess", headers: headers, body: ByteBuffer(string: body))
  }

  /// The hidden answers of a page, to carry to the next.
  func carried(_ page: TestingHTTPResponse) -> [(String, String)] {
    page.body.string.matches(of: /<input type="hidden" name="(a_[a-z_]+)" value="([^"]*)">/).map {
      (String($0.1), String($0.2))
    }
  }

  @Test func aResponderWalksTheWizardToADecision() async throws {
    try await withWeb { h in
      let incident = try await IncidentRepository(db: h.db).create(draft(), ownerID: nil, actor: .system, now: h.now)
      let number = incident.number.description
      let first = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(number)/assess", headers: h.headers(.responder))
      #expect(first.body.string.contains("Når ble dere klar over bruddet?"))
      #expect(first.body.string.contains("Spørsmål 1 av"))

      var page = try await post(
        h, number, carried(first) + [("step", "aware"), ("q_became_aware_at", "2026-11-23T09:30")])
      #expect(page.body.string.contains("Hvem sine opplysninger er det?"))
      // Going on without an answer: the message at the question, and nothing moves.
      let stuck = try await post(h, number, carried(page) + [("step", "role")])
      #expect(stuck.status == .unprocessableEntity && stuck.body.string.contains("Velg et svar"))
      page = try await post(h, number, carried(page) + [("step", "role"), ("q_role", "controller")])
      page = try await post(h, number, carried(page) + [("step", "nature"), ("q_nature", "confidentiality")])
      page = try await post(
        h, number,
        carried(page) + [
          ("step", "categories"), ("q_data_categories", "identity"), ("q_data_categories", "national_id"),
          ("q_categories_complete", "true"),
        ])
      #expect(page.body.string.contains("Omtrent hvor mange personer?"))
      let badNumber = try await post(
        h, number,
        carried(page) + [("step", "people"), ("q_data_subjects", "mange"), ("q_vulnerable_subjects", "false")])
      #expect(badNumber.body.string.contains("Skriv et helt tall"))
      page = try await post(
        h, number,
        carried(page) + [("step", "people"), ("q_data_subjects_unknown", "1"), ("q_vulnerable_subjects", "false")])
      page = try await post(
        h, number,
        carried(page) + [("step", "protection"), ("q_protection", "hashed"), ("q_key_compromised", "unknown")])
      page = try await post(
        h, number, carried(page) + [("step", "recipients"), ("q_recipients", "public"), ("q_exfiltration", "unknown")])
      // Availability was not lost, so that question is skipped.
      #expect(page.body.string.contains("Hvordan skjedde det?"))
      page = try await post(
        h, number, carried(page) + [("step", "cause"), ("q_cause", "accidental"), ("q_misuse_observed", "false")])
      page = try await post(h, number, carried(page) + [("step", "measures"), ("q_data_recovered", "false")])
      let check = try await post(
        h, number, carried(page) + [("step", "consequences"), ("q_individual_notice_disproportionate", "false")])
      #expect(check.body.string.contains("Sjekk svarene dine"))
      #expect(check.body.string.contains("Fødselsnummer eller ID-nummer"))
      #expect(check.body.string.contains("value=\"goto:people\""))
      #expect(try await rows(h.db, "assessments") == 0, "nothing is stored before the end")

      let done = try await post(h, number, carried(check) + [("step", "check"), ("action", "submit")])
      #expect(done.status == .seeOther)
      let stored = try await AssessmentRepository(db: h.db).history(incident.number)
      #expect(stored.count == 1 && ["high", "critical"].contains(stored[0].risk) && stored[0].notifySubjects)
      #expect(
        stored[0].facts.contains(#""key_compromised":true"#), "«Jeg vet ikke» about the key is read as the worst case")
      #expect(stored[0].facts.contains(#""data_subjects":null"#))
      #expect(stored[0].facts.contains(#""became_aware_at":"2026-11-23T08:30:00Z""#))
      let shown = try await h.app.testing().sendRequest(.GET, "/incidents/\(number)", headers: h.headers(.viewer))
      #expect(shown.body.string.contains("Meld til Datatilsynet innen 72 timer"))

      // A re-assessment starts from the stored answers.
      let again = try await h.app.testing().sendRequest(
        .GET, "/incidents/\(number)/assess", headers: h.headers(.responder))
      #expect(again.body.string.contains("value=\"2026-11-23T09:30\""))
      #expect(carried(again).contains { $0 == ("a_protection", "hashed") })
    }
  }
}

@Suite(.serialized) struct WizardPlanQuestionTests {
  static let plan: Plan = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../plans/staffing-controller.yaml").standardized
    return PlanFile.load(yaml: try! String(contentsOf: url, encoding: .utf8)).plan!
  }()

  @Test func thePlansOwnQuestionsAreAskedAndRaiseTheRisk() async throws {
    try await withWeb(plan: Self.plan) { h in
      let incident = try await IncidentRepository(db: h.db).create(draft(), ownerID: nil, actor: .system, now: h.now)
      let number = incident.number.description
      let carried: [(String, String)] = [
        ("a_became_aware_at", "2026-11-23T09:30"), ("a_role", "controller"), ("a_nature", "confidentiality"),
        ("a_data_categories", "identity"), ("a_categories_complete", "true"), ("a_data_subjects", "3"),
        ("a_vulnerable_subjects", "false"), ("a_protection", "none"), ("a_key_compromised", "false"),
        ("a_recipients", "known"), ("a_recipients_count", "1"), ("a_exfiltration", "confirmed"),
        ("a_cause", "accidental"), ("a_misuse_observed", "false"), ("a_data_recovered", "false"),
      ]
      let tests = WizardTests()
      let page = try await tests.post(h, number, carried + [("step", "measures"), ("q_data_recovered", "false")])
      #expect(page.body.string.contains("Beredskapsplanens egne spørsmål"))
      #expect(page.body.string.contains("Kan bruddet true noens fysiske sikkerhet (forfølgelse, trusler)?"))
      let check = try await tests.post(
        h, number,
        tests.carried(page) + [
          ("step", "consequences"), ("q_plan_risk_answers", "physical_safety"),
          ("q_individual_notice_disproportionate", "false"),
        ])
      #expect(check.body.string.contains("Kan bruddet true noens fysiske sikkerhet"))
      _ = try await tests.post(h, number, tests.carried(check) + [("step", "check"), ("action", "submit")])
      let stored = try await AssessmentRepository(db: h.db).history(incident.number)
      #expect(stored.first?.risk == "high", "by law this is medium; the plan's question raises it")
      #expect(stored.first?.notifySubjects == true)
    }
  }
}
