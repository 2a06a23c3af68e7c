import Foundation

/// The encodings a message needs: RFC 2047 words for headers, quoted-printable
/// (RFC 2045) for the body, and the RFC 5322 date.
enum MIME {
  static let crlf: [UInt8] = [13, 10]
  static let hex = Array("0123456789ABCDEF".utf8)

  /// Header text as is when it is short plain ASCII, else as UTF-8 encoded
  /// words (base64), each at most 75 characters, folded onto new lines.
  static func encodeHeaderText(_ text: String, nameLength: Int) -> String {
    let plain = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0.value < 127 }
    if plain && text.utf8.count + nameLength + 2 <= 78 && !text.contains("=?") { return text }
    // 39 bytes of UTF-8 become 52 base64 characters: with `=?UTF-8?B?` and `?=`, 64,
    // so even the first line (`Subject: ` before it) stays within 78.
    var words: [String] = []
    var chunk: [UInt8] = []
    for scalar in text.unicodeScalars {
      let bytes = Array(String(scalar).utf8)
      if chunk.count + bytes.count > 39 {
        words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
    return words.joined(separator: "\r\n ")
  }

  /// `"Name" <a@b>` with the name quoted or encoded; the bare address without a name.
  static func encodeAddress(_ a: MailAddress) -> String {
    guard let name = a.name else { return "<\(a.address)>" }
    let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0.value < 127 }
    if plain && name.utf8.count <= 60 && !name.contains("=?") {
      let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      return "\"\(escaped)\" <\(a.address)>"
    }
    // The address on a line of its own keeps the lines short.
    return encodeHeaderText(name, nameLength: 78) + "\r\n <\(a.address)>"
  }

  /// The body as quoted-printable: every line break becomes CRLF, encoded
  /// lines are at most 76 characters, trailing blanks are encoded.
  static func quotedPrintable(_ text: String, into out: inout [UInt8]) {
    var line: [UInt8] = []
    var previousCR = false
    func flush() {
      encodeLine(line, into: &out)
      out.append(contentsOf: crlf)
      line.removeAll(keepingCapacity: true)
    }
    for byte in text.utf8 {
      if byte == 10 {
        if previousCR {
          previousCR = false
          continue
        }
        flush()
      } else if byte == 13 {
        flush()
        previousCR = true
        continue
      } else {
        line.append(byte)
      }
      previousCR = false
    }
    if !line.isEmpty { flush() }
  }

  static func encodeLine(_ line: [UInt8], into out: inout [UInt8]) {
    var width = 0
    for (i, byte) in line.enumerated() {
      let last = i == line.count - 1
      let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
      let size = literal ? 1 : 3
      // Room for a soft break `=` unless this is the last character of the line.
      if width + size > (last ? 76 : 75) {
        out.append(61)
        out.append(contentsOf: crlf)
        width = 0
      }
      if literal {
        out.append(byte)
      } else {
        out.append(61)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0f)])
      }
      width += size
    }
  }

  static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// `Tue, 24 Nov 2026 23:00:30 +0000` (UTC; mail programs show it in the reader's zone).
  static func rfc5322Date(_ date: Date) -> String {
    // Clamped to years 0001-9999 first, as `Timestamp` does: no date can trap here.
    let seconds = min(max(date.timeIntervalSince1970, -62_135_596_800), 253_402_300_799)
    let t = Int(seconds.isFinite ? seconds.rounded(.down) : 0)
    let c = Timestamp.Civil(secondsSinceEpoch: t)
    let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
    let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return
      "\(weekdays[weekday]), \(c.day) \(months[c.month - 1]) \(c.year) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
  }
}
