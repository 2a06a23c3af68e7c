import Foundation

/// RFC 3339 parsing and the two renderings Beredskap uses: UTC for storage and
/// interchange, Europe/Oslo for people.
public enum Timestamp {
  public static let oslo = TimeZone(identifier: "Europe/Oslo")!

  /// Parses RFC 3339 with or without fractional seconds; requires an offset.
  public static func parse(_ text: String) -> Date? {
    // An offset beyond ±14:00 or with more than 59 minutes is a typo, not a place.
    if let m = text.wholeMatch(of: /.*[+-](\d\d):(\d\d)/), let h = Int(m.1), let mm = Int(m.2), h > 14 || mm > 59 {
      return nil
    }
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    if let d = plain.date(from: text) { return d }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text)
  }

  /// A wall-clock reading, computed without formatters (they are costly to
  /// create and this runs for every row of every list).
  struct Civil {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    /// Howard Hinnant's days-to-civil, exact for the proleptic Gregorian calendar.
    init(secondsSinceEpoch t: Int) {
      let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
      let secs = t - days * 86400
      hour = secs / 3600
      minute = (secs % 3600) / 60
      second = secs % 60
      let z = days + 719_468
      let era = (z >= 0 ? z : z - 146_096) / 146_097
      let doe = z - era * 146_097
      let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
      let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
      let mp = (5 * doy + 2) / 153
      day = doy - (153 * mp + 2) / 5 + 1
      month = mp < 10 ? mp + 3 : mp - 9
      year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
  }

  static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// RFC 3339 wants four digits.
  static func four(_ n: Int) -> String {
    let s = String(n)
    return n >= 0 && s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
  }

  static func civil(_ date: Date, in zone: TimeZone?) -> Civil {
    let offset = zone?.secondsFromGMT(for: date) ?? 0
    // Clamped to years 0001-9999 before converting: no date can trap here.
    let seconds = min(max(date.timeIntervalSince1970, -62_135_596_800), 253_402_300_799)
    return Civil(secondsSinceEpoch: Int(seconds.isFinite ? seconds.rounded(.down) : 0) + offset)
  }

  /// `2026-03-30T09:00:00Z`: UTC with seconds, as the contracts require.
  public static func utc(_ date: Date) -> String {
    let c = civil(date, in: nil)
    return "\(four(c.year))-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
  }

  /// `30.03.2026 kl. 11:00` (nb) or `30 Mar 2026 11:00` (en), always Europe/Oslo.
  public static func oslo(_ date: Date, language: Language) -> String {
    let c = civil(date, in: oslo)
    let hm = "\(two(c.hour)):\(two(c.minute))"
    switch language {
    case .nb:
      return "\(two(c.day)).\(two(c.month)).\(c.year) kl. " + hm
    case .en:
      let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
      return "\(c.day) \(months[c.month - 1]) \(c.year) \(hm)"
    }
  }

  /// The calendar year in Oslo, which numbers incidents.
  public static func osloYear(_ date: Date) -> Int { civil(date, in: oslo).year }

  /// The Gregorian calendar in Europe/Oslo, for calendar days and months.
  public static var osloCalendar: Calendar {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = oslo
    return c
  }

  /// The date alone: `30.03.2026` (nb) or `30 Mar 2026` (en), in Oslo.
  public static func osloDate(_ date: Date, language: Language) -> String {
    let full = oslo(date, language: language)
    return language == .nb
      ? String(full.prefix { $0 != " " }) : full.split(separator: " ").prefix(3).joined(separator: " ")
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
    let c = civil(date, in: oslo)
    return "\(four(c.year))-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute))"
  }
}
