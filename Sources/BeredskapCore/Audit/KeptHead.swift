import Foundation

/// The head of the audit trail as the operator keeps it outside the database
/// (printed by `beredskap audit head`). Its MAC, made with the audit sub-key
/// of the data key, shows it was issued by this installation; `audit verify
/// --head FILE` then checks that the trail still contains it unchanged.
public struct KeptHead: Equatable, Sendable {
  public static let schema = "beredskap.audit-head/1"

  public var seq: Int64
  public var hash: String
  public var at: Date
  public var mac: String

  public init(seq: Int64, hash: String, at: Date, key: AuditKey) {
    self.seq = seq
    self.hash = hash
    self.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970).rounded())
    self.mac = ""
    self.mac = key.mac(text: signedText)
  }

  init(seq: Int64, hash: String, at: Date, mac: String) {
    self.seq = seq
    self.hash = hash
    self.at = at
    self.mac = mac
  }

  var signedText: String { "\(Self.schema)\n\(seq)\n\(hash)\n\(Timestamp.utc(at))" }

  public func isAuthentic(_ key: AuditKey) -> Bool { Secrets.equal(mac, key.mac(text: signedText)) }

  /// A small JSON document, one key per line, for a file or a password manager.
  public var json: String {
    """
    {
      "schema": "\(Self.schema)",
      "seq": \(seq),
      "hash": "\(hash)",
      "at": "\(Timestamp.utc(at))",
      "mac": "\(mac)"
    }

    """
  }

  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  public static func parse(_ data: Data) throws -> KeptHead {
    guard case .object(let o) = try? JSONValue.parse(data) else {
      throw Invalid(description: "the head file is not a JSON object")
    }
    guard case .string(Self.schema) = o["schema"] else {
      throw Invalid(description: "schema: must be \"\(Self.schema)\"")
    }
    guard case .number(let n) = o["seq"], n.isFinite, n >= 0, n < 1e15, let seq = Int64(exactly: n.rounded()) else {
      throw Invalid(description: "seq: must be a whole number ≥ 0")
    }
    guard case .string(let hash) = o["hash"], hash.count == 64, Hex.decode(hash) != nil else {
      throw Invalid(description: "hash: must be 64 hexadecimal digits")
    }
    guard case .string(let atText) = o["at"], let at = Timestamp.parse(atText) else {
      throw Invalid(description: "at: must be an RFC 3339 time")
    }
    guard case .string(let mac) = o["mac"], mac.count == 64 else {
      throw Invalid(description: "mac: must be 64 hexadecimal digits")
    }
    return KeptHead(seq: seq, hash: hash, at: at, mac: mac)
  }
}
