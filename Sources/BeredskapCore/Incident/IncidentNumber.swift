/// `INC-2026-001`: the year of registration in Oslo, then a sequence that is
/// unique and gap-free per year.
public struct IncidentNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
  public var year: Int
  public var sequence: Int

  public init(year: Int, sequence: Int) {
    self.year = year
    self.sequence = sequence
  }

  public init?(_ text: String) {
    let parts = text.uppercased().split(separator: "-")
    guard parts.count == 3, parts[0] == "INC", parts[1].count == 4, let y = Int(parts[1]),
      parts[2].count >= 3, let s = Int(parts[2]), s > 0
    else { return nil }
    year = y
    sequence = s
  }

  public var description: String {
    let s = String(sequence)
    return "INC-\(year)-" + String(repeating: "0", count: max(0, 3 - s.count)) + s
  }
}
