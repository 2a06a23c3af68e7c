/// Beredskap's own deterministic JSON for audit data: objects of strings
/// (one level of nesting), keys sorted by their UTF-8 bytes, no spaces, the
/// same escaping whatever the toolchain. It reproduces, byte for byte, what
/// the first audit format got from `JSONEncoder` with sorted keys and
/// unescaped slashes, so those entries still verify (pinned by tests).
public enum CanonicalJSON {
  public enum Value: Equatable, Sendable {
    case string(String)
    case object([String: String])
  }

  public static func encode(_ object: [String: Value]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    out.append(UInt8(ascii: "{"))
    for (i, key) in sortedKeys(object).enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      writeString(key, to: &out)
      out.append(UInt8(ascii: ":"))
      switch object[key] {
      case .string(let s): writeString(s, to: &out)
      case .object(let o): writeObject(o, to: &out)
      case nil: break
      }
    }
    out.append(UInt8(ascii: "}"))
    return String(decoding: out, as: UTF8.self)
  }

  /// A flat object of strings, e.g. an audit entry's changed fields.
  public static func encode(_ object: [String: String]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    writeObject(object, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  public static func sortedKeys<V>(_ object: [String: V]) -> [String] {
    object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  static func writeObject(_ object: [String: String], to out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for (i, key) in sortedKeys(object).enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      writeString(key, to: &out)
      out.append(UInt8(ascii: ":"))
      writeString(object[key] ?? "", to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  static let hex = Array("0123456789abcdef".utf8)

  static func writeString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
      case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
      case 0x00..<0x20:
        out.append(contentsOf: Array("\\u00".utf8))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0f)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
