import BeredskapCore
import Foundation
import Testing

/// The binding examples of the assessment contract, kept as fixtures in the
/// repository (`Fixtures/examples`): every field the expected file names
/// must come out as written.
@Suite struct SharedExamplesTests {
  static let names = FixtureFiles.list("examples", suffix: ".facts.json").map {
    String($0.dropLast(".facts.json".count))
  }

  @Test func theExamplesArePresent() {
    #expect(Self.names.count >= 5)
  }

  /// When `../shared` lies beside the clone, our copies must still match it.
  @Test func theCopiesMatchTheContractWhenItIsBeside() throws {
    let shared = FixtureFiles.root.appendingPathComponent("../../../../shared/assessment/examples").standardized
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: shared.path) else { return }
    for file in files where file.hasSuffix(".json") {
      let ours = try? Data(contentsOf: FixtureFiles.url("examples/\(file)"))
      #expect(ours == (try Data(contentsOf: shared.appendingPathComponent(file))), "\(file) differs from ../shared")
    }
  }

  @Test(arguments: names)
  func example(_ name: String) throws {
    let facts = try BreachFacts.parse(json: Data(contentsOf: FixtureFiles.url("\(name).facts.json")))
    let expected = try FixtureFiles.json("\(name).expected.json")
    guard case .object(let got) = try JSONValue.parse(AssessmentEngine.assess(facts).json()) else {
      Issue.record("not an object")
      return
    }
    for (key, value) in expected where key != "about" {
      if key == "deadlines", case .array(let deadlines) = value, case .array(let gotDeadlines)? = got[key] {
        for case .object(let d) in deadlines {
          let match = gotDeadlines.contains { g in
            guard case .object(let go) = g else { return false }
            return d.allSatisfy { go[$0.key] == $0.value }
          }
          #expect(match, "\(name): no deadline \(d) in \(gotDeadlines)")
        }
      } else {
        #expect(got[key] == value, "\(name): \(key) is \(String(describing: got[key])), expected \(value)")
      }
    }
  }
}
