import BeredskapCore
import Foundation
import Testing

/// Real cases encoded from their descriptions, independently of the rules
/// (`Fixtures/cases/README.md`): the 18 cases of EDPB Guidelines 01/2021, the
/// examples of EDPB Guidelines 9/2022 Annex B, published enforcement
/// decisions, and everyday situations. Each must be decided as the authority
/// did, on the fields its `expected` names.
@Suite struct CaseTableTests {
  static let files = FixtureFiles.list("cases", suffix: ".json")

  /// Where the engine and the encoder's reading of an ambiguous source
  /// differ, with why. Listed so that any change in these decisions is seen.
  static let disputed: [String: String] = [
    "edpb9annexb-05":
      "Annex B leaves telling the person to 'if there is high risk'; one customer's bank statement to one other customer is EDPB 01/2021 case 16 (premium letter): a risk, not a high risk."
  ]

  @Test func everySetIsThere() {
    let sets = Set(Self.files.map { $0.split(separator: "/")[1] })
    #expect(sets == ["edpb01", "edpb9annexb", "enforcement", "situations"])
    #expect(Self.files.filter { $0.contains("/edpb01/") }.count == 18)
  }

  @Test(arguments: files)
  func decidedAsTheAuthorityDid(_ path: String) throws {
    let c = try FixtureFiles.json(path)
    guard case .string(let id)? = c["id"], case .object(let facts)? = c["facts"],
      case .object(let expected)? = c["expected"]
    else {
      Issue.record("\(path) lacks id, facts or expected")
      return
    }
    let a = AssessmentEngine.assess(try BreachFacts.parse(object: facts))
    let got: [String: Bool] = [
      "personal_data_breach": a.personalDataBreach, "notify_authority": a.notifyAuthority,
      "notify_subjects": a.notifySubjects, "notify_controller": a.notifyController,
    ]
    let mismatches = expected.keys.sorted().filter { got[$0].map(JSONValue.bool) != expected[$0] }
    if Self.disputed[id] != nil {
      #expect(!mismatches.isEmpty, "\(id) is listed as disputed but now agrees: remove it from the list")
    } else {
      #expect(mismatches.isEmpty, "\(id): \(mismatches) differ; risk \(a.risk.rawValue)")
    }
    #expect(a.reasons.allSatisfy { !$0.article.isEmpty && !$0.text.isEmpty && !$0.text.contains("{") })
  }
}
