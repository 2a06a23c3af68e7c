import BeredskapCore
import Foundation
import Testing

/// The binding examples in `../shared/assessment/examples/`: every field the
/// expected file names must come out as written.
@Suite struct SharedExamplesTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("../../../shared/assessment/examples").standardized

  static var names: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".facts.json") }.map { String($0.dropLast(".facts.json".count)) }.sorted()
  }

  @Test func theExamplesArePresent() {
    #expect(Self.names.count >= 5, "expected the shared examples at \(Self.folder.path)")
  }

  @Test(arguments: names)
  func example(_ name: String) throws {
    let facts = try BreachFacts.parse(json: Data(contentsOf: Self.folder.appendingPathComponent("\(name).facts.json")))
    let expected = try JSONValue.parse(Data(contentsOf: Self.folder.appendingPathComponent("\(name).expected.json")))
    let actual = try JSONValue.parse(AssessmentEngine.assess(facts).json())
    guard case .object(let want) = expected, case .object(let got) = actual else {
      Issue.record("not objects")
      return
    }
    for (key, value) in want where key != "about" {
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
