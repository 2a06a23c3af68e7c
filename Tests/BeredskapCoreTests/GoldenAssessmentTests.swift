import BeredskapCore
import Foundation
import Testing

/// Every shared example and every case of the table, assessed in bokmål and
/// English, as JSON and as the text a responder reads, pinned by golden files
/// in `Fixtures/golden`: a change in any decision or wording is a diff a
/// reviewer reads. `BEREDSKAP_RECORD_GOLDEN=1 swift test --filter Golden`
/// writes them anew.
@Suite struct GoldenAssessmentTests {
  struct Input: CustomTestStringConvertible, Sendable {
    var name: String
    var facts: String
    var testDescription: String { name }
  }

  static let inputs: [Input] =
    FixtureFiles.list("examples", suffix: ".facts.json").map {
      Input(name: "example-" + String($0.dropFirst("examples/".count).dropLast(".facts.json".count)), facts: $0)
    }
    + FixtureFiles.list("cases", suffix: ".json").map {
      Input(name: String($0.split(separator: "/").last?.dropLast(".json".count) ?? ""), facts: $0)
    }

  static let record = ProcessInfo.processInfo.environment["BEREDSKAP_RECORD_GOLDEN"] == "1"

  static func facts(_ input: Input) throws -> BreachFacts {
    if input.facts.hasPrefix("examples/") {
      return try BreachFacts.parse(json: Data(contentsOf: FixtureFiles.url(input.facts)))
    }
    guard case .object(let o)? = try FixtureFiles.json(input.facts)["facts"] else {
      return try BreachFacts.parse(json: Data("{}".utf8))
    }
    return try BreachFacts.parse(object: o)
  }

  @Test(arguments: inputs)
  func assessmentMatchesItsGoldenFiles(_ input: Input) throws {
    let f = try Self.facts(input)
    for language in [Language.nb, .en] {
      let a = AssessmentEngine.assess(f, language: language)
      let outputs = [
        ("json", String(decoding: a.json(), as: UTF8.self) + "\n"), ("txt", a.text()),
      ]
      for (ext, text) in outputs {
        let url = FixtureFiles.url("golden/\(input.name).\(language.rawValue).\(ext)")
        if Self.record {
          try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(text.utf8).write(to: url)
          continue
        }
        let golden = try? String(contentsOf: url, encoding: .utf8)
        #expect(
          golden == text, "\(url.lastPathComponent) differs; record with BEREDSKAP_RECORD_GOLDEN=1 and read the diff")
      }
    }
  }

  @Test func everyGoldenFileHasItsCase() throws {
    let names = Set(Self.inputs.map(\.name))
    let files = FixtureFiles.list("golden", suffix: "")
    #expect(files.count == names.count * 4)
    for file in files {
      let base = String(file.dropFirst("golden/".count).split(separator: ".").first ?? "")
      #expect(names.contains(base), "\(file) has no case: remove it")
    }
  }
}
