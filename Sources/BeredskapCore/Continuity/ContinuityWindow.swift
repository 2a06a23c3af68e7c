import Foundation

/// The window of the continuity figures: `from` and `to` as Oslo calendar
/// dates (`2026-01-31`, `to` counts the whole day) or RFC 3339 instants.
/// Bounded: at most ten years, and `from` before `to`.
public struct ContinuityWindow: Equatable, Sendable {
  public var from: Date
  public var to: Date

  public static let maxDays: Double = 3660

  public enum Problem: Error, Equatable {
    /// The field is not a date; names the field.
    case notADate(field: String)
    case fromNotBeforeTo
    case tooLong
  }

  /// Default: the last twelve months, from the first of the Oslo month eleven months back.
  public static func parse(from: String?, to: String?, now: Date) -> Result<ContinuityWindow, Problem> {
    let calendar = Timestamp.osloCalendar
    func read(_ text: String?, field: String, endOfDay: Bool) -> Result<Date?, Problem> {
      guard let text, !text.isEmpty else { return .success(nil) }
      guard text.count <= 40 else { return .failure(.notADate(field: field)) }
      if let d = Timestamp.parse(text) { return .success(d) }
      if let m = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/), let y = Int(m.1), let mo = Int(m.2), let d = Int(m.3),
        (1970...9998).contains(y), (1...12).contains(mo), (1...31).contains(d),
        let date = calendar.date(from: DateComponents(year: y, month: mo, day: d)),
        calendar.component(.day, from: date) == d
      {
        return .success(endOfDay ? calendar.date(byAdding: .day, value: 1, to: date) : date)
      }
      return .failure(.notADate(field: field))
    }
    let parsedFrom: Date?
    let parsedTo: Date?
    switch read(from, field: "from", endOfDay: false) {
    case .success(let d): parsedFrom = d
    case .failure(let p): return .failure(p)
    }
    switch read(to, field: "to", endOfDay: true) {
    case .success(let d): parsedTo = d
    case .failure(let p): return .failure(p)
    }
    let end = parsedTo ?? now
    let monthStart = calendar.date(from: calendar.dateComponents([.year, .month], from: end)) ?? end
    let start = parsedFrom ?? calendar.date(byAdding: .month, value: -11, to: monthStart) ?? end
    guard start < end else { return .failure(.fromNotBeforeTo) }
    guard end.timeIntervalSince(start) <= maxDays * 86400 else { return .failure(.tooLong) }
    return .success(ContinuityWindow(from: start, to: end))
  }
}
