/// Checks and normalises the cells of a list of affected persons, on bytes
/// (a million rows go through here). Every function returns nil for a value
/// that is not valid; none of them traps on any input.
public enum SubjectNormaliser {
  /// Without leading and trailing spaces and tabs.
  public static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var s = cell.startIndex
    var e = cell.endIndex
    while s < e, cell[s] == 0x20 || cell[s] == 0x09 { s += 1 }
    while e > s, cell[e - 1] == 0x20 || cell[e - 1] == 0x09 { e -= 1 }
    return cell[s..<e]
  }

  /// A plausible e-mail address: one `@`, a local part of 1–64 bytes without
  /// spaces, a domain with at least one dot whose labels are letters, digits
  /// or hyphens (non-ASCII letters allowed), 254 bytes at most.
  public static func isValidEmail(_ e: ArraySlice<UInt8>) -> Bool {
    guard e.count >= 3, e.count <= 254 else { return false }
    guard let at = e.firstIndex(of: UInt8(ascii: "@")), e.lastIndex(of: UInt8(ascii: "@")) == at else {
      return false
    }
    let local = e[e.startIndex..<at]
    let domain = e[(at + 1)..<e.endIndex]
    guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
    for b in local where b <= 0x20 || b == 0x7f || b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == 0x22 {
      return false
    }
    guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".") else { return false }
    var labels = 0
    var labelLength = 0
    var lastLabelLetters = true
    var previous: UInt8 = UInt8(ascii: ".")
    for b in domain {
      if b == UInt8(ascii: ".") {
        guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
        labels += 1
        labelLength = 0
        lastLabelLetters = true
      } else {
        let letter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b >= 0x80
        let digit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
        guard letter || digit || b == UInt8(ascii: "-") else { return false }
        if labelLength == 0, b == UInt8(ascii: "-") { return false }
        if !letter { lastLabelLetters = false }
        labelLength += 1
        guard labelLength <= 63 else { return false }
      }
      previous = b
    }
    guard labelLength >= 2, previous != UInt8(ascii: "-"), labels >= 1, lastLabelLetters else { return false }
    return true
  }

  /// A phone number as its E.164 digits (country code first, no `+`):
  /// spaces, hyphens, dots and parentheses are ignored; `+` or `00` starts a
  /// country code; 8 digits alone are Norwegian (+47); `47` + 8 digits too.
  /// 8 to 15 digits in all.
  public static func phoneDigits(_ cell: ArraySlice<UInt8>) -> UInt64? {
    var digits: UInt64 = 0
    var count = 0
    var plus = false
    var leadingZeros = 0
    for b in cell {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if count == 0, leadingZeros < 2, b == UInt8(ascii: "0"), !plus {
          leadingZeros += 1
          continue
        }
        guard count < 15 else { return nil }
        digits = digits &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
        count += 1
      case UInt8(ascii: "+"):
        guard count == 0, leadingZeros == 0, !plus else { return nil }
        plus = true
      case 0x20, 0x09, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"):
        continue
      default:
        return nil
      }
    }
    let international = plus || leadingZeros == 2
    guard leadingZeros == 0 || leadingZeros == 2 else { return nil }
    if !international {
      if count == 8 { return 47_00000000 + digits }
      if count == 10, digits / 100_000_000 == 47 { return digits }
      return nil
    }
    guard count >= 8, count <= 15, digits > 0 else { return nil }
    return digits
  }

  /// `+` and the digits.
  public static func e164(_ digits: UInt64) -> String { "+" + String(digits) }

  /// Eleven digits (spaces ignored). The checksum is not checked: test data
  /// and synthetic numbers fail it, and a wrong number still identifies the row.
  public static func nationalID(_ cell: ArraySlice<UInt8>) -> UInt64? {
    var value: UInt64 = 0
    var count = 0
    for b in cell {
      if b == 0x20 || b == 0x09 { continue }
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), count < 11 else { return nil }
      value = value &* 10 &+ UInt64(b &- UInt8(ascii: "0"))
      count += 1
    }
    return count == 11 ? value : nil
  }

  /// Eleven digits with leading zeros.
  public static func nationalIDText(_ value: UInt64) -> String {
    let s = String(value)
    return String(repeating: "0", count: max(0, 11 - s.count)) + s
  }

  static let categoryCodes: [([UInt8], DataCategory)] = DataCategory.allCases.map { (Array($0.rawValue.utf8), $0) }

  /// Category codes separated by `|`, spaces or commas (case-insensitive);
  /// nil if any is not a code of the assessment contract.
  public static func categories(_ cell: ArraySlice<UInt8>) -> DataCategorySet? {
    var set = DataCategorySet()
    var token: [UInt8] = []
    token.reserveCapacity(32)
    func close() -> Bool {
      defer { token.removeAll(keepingCapacity: true) }
      if token.isEmpty { return true }
      guard let match = categoryCodes.first(where: { $0.0 == token }) else { return false }
      set.insert(match.1)
      return true
    }
    for b in cell {
      if b == UInt8(ascii: "|") || b == UInt8(ascii: ",") || b == 0x20 || b == 0x09 || b == UInt8(ascii: ";") {
        guard close() else { return nil }
      } else {
        guard token.count < 40 else { return nil }
        token.append(
          b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : (b == UInt8(ascii: "-") ? UInt8(ascii: "_") : b)
        )
      }
    }
    guard close() else { return nil }
    return set
  }

  static let languages: [String: Language] = [
    "": .nb, "nb": .nb, "no": .nb, "nob": .nb, "nn": .nb, "nno": .nb, "nor": .nb, "norsk": .nb, "bokmål": .nb,
    "bokmal": .nb, "nynorsk": .nb, "norwegian": .nb, "nb-no": .nb, "nb_no": .nb, "no-no": .nb, "norsk bokmål": .nb,
    "en": .en, "eng": .en, "english": .en, "engelsk": .en, "en-gb": .en, "en-us": .en, "en_gb": .en, "en_us": .en,
  ]

  /// nb or en from the common ways of writing them; empty is bokmål.
  public static func language(_ cell: ArraySlice<UInt8>) -> Language? {
    guard cell.count <= 20, let text = String(validating: cell, as: UTF8.self) else { return nil }
    return languages[text.lowercased()]
  }
}

/// A set of data categories in two bytes, for a million rows.
public struct DataCategorySet: OptionSet, Sendable, Hashable {
  public var rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  static let bits: [DataCategory: UInt16] = Dictionary(
    DataCategory.allCases.enumerated().map { ($0.element, UInt16(1) << UInt16($0.offset)) },
    uniquingKeysWith: { a, _ in a })

  public init(_ categories: some Sequence<DataCategory>) {
    self.init()
    for c in categories { insert(c) }
  }

  public mutating func insert(_ c: DataCategory) { rawValue |= Self.bits[c] ?? 0 }
  public func contains(_ c: DataCategory) -> Bool { rawValue & (Self.bits[c] ?? 0) != 0 }

  /// In the contract's order.
  public var categories: [DataCategory] { DataCategory.allCases.filter { contains($0) } }

  /// Codes joined by `|`, as stored.
  public var codes: String { categories.map(\.rawValue).joined(separator: "|") }

  public init(codes: String) {
    self.init(codes.split(separator: "|").compactMap { DataCategory(rawValue: String($0)) })
  }
}
