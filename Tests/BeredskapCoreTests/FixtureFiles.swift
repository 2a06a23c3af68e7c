import BeredskapCore
import Foundation

/// Test fixtures live in the repository, beside the tests: nothing outside
/// the clone is needed.
enum FixtureFiles {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  /// Relative paths of the files under `folder` with `suffix`, sorted.
  static func list(_ folder: String, suffix: String) -> [String] {
    let base = url(folder)
    guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.sorted().map { "\(folder)/\($0)" }
  }

  static func json(_ path: String) throws -> [String: JSONValue] {
    guard case .object(let o) = try JSONValue.parse(Data(contentsOf: url(path))) else { return [:] }
    return o
  }
}
