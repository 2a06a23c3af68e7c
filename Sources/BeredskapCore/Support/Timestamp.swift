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

extension Timestamp {
  /// `2026-05-12T08:30` (an HTML datetime-local field) read in the given zone.
  public static func parseLocal(_ text: String, timeZone: TimeZone) -> Date? {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = timeZone
    for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
      f.dateFormat = format
      if let d = f.date(from: text) { return d }
    }
    return nil
  }

  /// The value for an HTML datetime-local field, in Oslo time.
  public static func localInput(_ date: Date) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = oslo
    f.dateFormat = "yyyy-MM-dd'T'HH:mm"
    return f.string(from: date)
  }
}
