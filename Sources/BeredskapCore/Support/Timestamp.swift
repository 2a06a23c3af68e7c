import Foundation

/// RFC 3339 parsing and the two renderings Beredskap uses: UTC for storage and
/// interchange, Europe/Oslo for people.
public enum Timestamp {
  public static let oslo = TimeZone(identifier: "Europe/Oslo")!

  /// Parses RFC 3339 with or without fractional seconds; requires an offset.
  public static func parse(_ text: String) -> Date? {
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    if let d = plain.date(from: text) { return d }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text)
  }

  /// `2026-03-30T09:00:00Z`: UTC with seconds, as the contracts require.
  public static func utc(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")!
    return f.string(from: date)
  }

  /// `30.03.2026 kl. 11:00` (nb) or `30 Mar 2026 11:00` (en), always Europe/Oslo.
  public static func oslo(_ date: Date, language: Language) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = oslo
    let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    let hm = String(format: "%02d:%02d", c.hour!, c.minute!)
    switch language {
    case .nb:
      return String(format: "%02d.%02d.%04d kl. ", c.day!, c.month!, c.year!) + hm
    case .en:
      let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
      return "\(c.day!) \(months[c.month! - 1]) \(c.year!) \(hm)"
    }
  }

  /// The calendar year in Oslo, which numbers incidents.
  public static func osloYear(_ date: Date) -> Int {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = oslo
    return cal.component(.year, from: date)
  }
}
