import Foundation

/// What a list of affected persons holds: the figures `subjects analyze`
/// prints and `subjects import` reports.
public struct SubjectFigures: Sendable, Equatable {
  public var rowsRead = 0
  public var validRows = 0
  public var invalidRows = 0
  public var summary = PeopleSummary()
  /// The first `SubjectScanner.maxProblems` bad rows, in file order.
  public var problems: [SubjectRowError] = []
  public var ignoredColumns: [String] = []
  public var delimiter = ","

  public init() {}

  public var problemsTruncated: Bool { invalidRows > problems.count }

  /// Stable keys, for scripts.
  public func json() -> String {
    func esc(_ s: String) -> String {
      let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
      return String(decoding: data, as: UTF8.self)
    }
    let perCategory = DataCategory.allCases.compactMap { c in summary.perCategory[c].map { "\(esc(c.rawValue)):\($0)" }
    }
    let problemsJSON = problems.map { "{\"line\":\($0.line),\"reason\":\(esc($0.reason))}" }
    return "{"
      + [
        "\"rows_read\":\(rowsRead)", "\"valid_rows\":\(validRows)", "\"invalid_rows\":\(invalidRows)",
        "\"people\":\(summary.people)", "\"people_per_category\":{\(perCategory.joined(separator: ","))}",
        "\"without_contact\":\(summary.withoutContact)", "\"without_email\":\(summary.withoutEmail)",
        "\"errors\":[\(problemsJSON.joined(separator: ","))]", "\"errors_truncated\":\(problemsTruncated)",
        "\"ignored_columns\":[\(ignoredColumns.map(esc).joined(separator: ","))]", "\"delimiter\":\(esc(delimiter))",
      ].joined(separator: ",") + "}"
  }

  /// Plain bokmål for the terminal.
  public func text() -> String {
    var out = ""
    out += "Rader lest: \(rowsRead)\n"
    out += "Gyldige rader: \(validRows)\n"
    out += "Ugyldige rader: \(invalidRows)\n"
    for p in problems { out += "  \(p)\n" }
    if problemsTruncated { out += "  … og \(invalidRows - problems.count) til\n" }
    out += "Personer (like personer slått sammen): \(summary.people)\n"
    out += "Personer per kategori:\n"
    if summary.perCategory.isEmpty { out += "  (ingen kategorier oppgitt)\n" }
    for c in DataCategory.allCases {
      if let n = summary.perCategory[c] { out += "  \(c.rawValue) (\(c.name(.nb))): \(n)\n" }
    }
    out += "Uten kontaktvei (verken e-post eller telefon): \(summary.withoutContact)\n"
    out += "Uten e-post: \(summary.withoutEmail)\n"
    if !ignoredColumns.isEmpty { out += "Kolonner som ble ignorert: \(ignoredColumns.joined(separator: ", "))\n" }
    return out
  }
}
